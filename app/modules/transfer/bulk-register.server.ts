// Registering many participants at once (the import): for each, the same registration and
// documents statement the journey service's registerParticipant makes (move-write.ts), written by
// the same journey writer, inside the import's one transaction. The machine's answers are
// remembered (RememberedSteps): every registration on a track passes through the same two states.
import type { Db } from "../../../db/client";
import type { Track } from "../../../machines/stages";
import type { DomicileBasis } from "../../../machines/vocabulary";
import { jakartaDate } from "../i18n/jakarta";
import { JourneyWriter } from "../journey/journey-writer.server";
import { moveWrite, registerWrite, RememberedSteps } from "../journey/move-write";
import { currentRules } from "../journey/rules.server";

/** One person to register; the identity columns (HMAC, ciphertext, masks) are computed by the caller. */
export type BulkRegistration = {
  fullName: string;
  nikHmac: string;
  nikCipher: string;
  nikLast4: string;
  nikMasked: string;
  phone: string;
  track: Track;
  domicileBasis: DomicileBasis;
  businessName: string;
  sector: string;
  documentsStatement: string;
  districtId: number;
  agencyId: number;
  mentorId: number | null;
  /** The baseline at P1; null where the file left it "belum tahu". */
  entryTurnover?: number | null;
  entryAssets?: number | null;
  entryWorkers?: number | null;
  entryHasNib?: boolean | null;
};

/**
 * Inserts the registrations. Must run inside the caller's write transaction (all or nothing);
 * does not check for duplicate NIKs (the caller has). Returns how many were written.
 */
export function insertRegistrations(db: Db, rows: Iterable<BulkRegistration>, actorUserId: number | null, at: number): number {
  const steps = new RememberedSteps(currentRules(db));
  const writer = new JourneyWriter(db);
  const occurredOn = jakartaDate(at);
  let written = 0;
  for (const row of rows) {
    const registered = registerWrite(steps, {
      track: row.track,
      channel: "import",
      actorUserId,
      at,
    });
    const documents = moveWrite(steps, registered.journey, {
      event: {
        type: "RECORD_EVIDENCE",
        stage: "registration",
        kind: "documents",
      },
      actorUserId,
      at,
      evidence: { details: { statement: row.documentsStatement }, occurredOn },
    });
    writer.insert(
      {
        userId: null,
        fullName: row.fullName,
        nikHmac: row.nikHmac,
        nikCipher: row.nikCipher,
        nikLast4: row.nikLast4,
        nikMasked: row.nikMasked,
        phone: row.phone,
        track: row.track,
        domicileBasis: row.domicileBasis,
        channel: "import",
        businessName: row.businessName,
        sector: row.sector,
        documentsStatement: row.documentsStatement,
        districtId: row.districtId,
        cohortId: null,
        agencyId: row.agencyId,
        mentorId: row.mentorId,
        entryTurnover: row.entryTurnover ?? null,
        entryAssets: row.entryAssets ?? null,
        entryWorkers: row.entryWorkers ?? null,
        entryHasNib: row.entryHasNib ?? null,
        createdAt: at,
      },
      [registered, documents],
    );
    written++;
  }
  writer.finish();
  return written;
}
