// Writing generated journeys: each planned move goes through move-write.ts, as the journey service's
// moves do, and every participant is written by the journey writer (journey-writer.server.ts).
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { JourneyWriter } from "../../app/modules/journey/journey-writer.server";
import { moveWrite, registerWrite, RememberedSteps, type MoveWrite } from "../../app/modules/journey/move-write";
import { nikColumns } from "../../app/modules/identity/identity.server";
import { type Db } from "../client";
import type { Draft } from "./population";
import type { Move } from "./plan";

// ─── Walking a plan ──────────────────────────────────────────────────────────

/**
 * The plan's moves up to "now", as the journey service makes them (move-write.ts): REGISTER and the
 * documents evidence as registerParticipant does, then one move per planned event. The machine's
 * answers are remembered (RememberedSteps), and a plan that breaks the rules throws (a bug here).
 */
export function walkJourney(steps: RememberedSteps, draft: Draft, moves: Move[], now: number, userId: number | null): MoveWrite[] {
  const mentorId = draft.cohort.mentorId;
  const registeredBy = draft.hasAccount ? userId : mentorId;
  const registered = draft.registeredAt;
  const writes = [registerWrite(steps, { track: draft.track, channel: draft.channel, actorUserId: registeredBy, at: registered })];
  const add = (move: Move, actorUserId: number | null) =>
    writes.push(
      moveWrite(steps, writes[writes.length - 1]!.journey, { event: move.event, actorUserId, at: move.at, evidence: move.evidence }),
    );
  add(
    {
      at: registered,
      event: { type: "RECORD_EVIDENCE", stage: "registration", kind: "documents" },
      evidence: { details: { statement: draft.documentsStatement }, occurredOn: jakartaDate(registered), organisationId: null },
    },
    registeredBy,
  );
  for (const move of moves) {
    if (move.at > now) break;
    add(move, move.byPartnerStaff ?? mentorId);
  }
  return writes;
}

// ─── Writing rows ────────────────────────────────────────────────────────────

export const USER_COLUMNS = ["id", "email", "name", "role", "password_hash", "phone", "created_at"];

/**
 * Participants (with their own accounts, for those who registered on the web) in id order: the
 * journey writer writes each one's row, log, evidence and counters; only the accounts are written here.
 */
export class PeopleWriter {
  private nextParticipantId = 1;
  private nextUserId: number;
  private readonly insertUser;
  readonly journeys: JourneyWriter;

  constructor(db: Db, private readonly passwordHash: string) {
    const sqlite = db.$client;
    this.insertUser = sqlite.prepare(`INSERT INTO users (${USER_COLUMNS.join(", ")}) VALUES (${USER_COLUMNS.map(() => "?").join(", ")})`);
    this.nextUserId = (sqlite.prepare("SELECT max(id) AS last FROM users").get() as { last: number }).last + 1;
    this.journeys = new JourneyWriter(db);
  }

  /** The ids the next participant and its account (if any) will get: the log names the account as actor. */
  ids(draft: Draft): { participantId: number; userId: number | null } {
    return { participantId: this.nextParticipantId++, userId: draft.hasAccount ? this.nextUserId++ : null };
  }

  write(draft: Draft, ids: { participantId: number; userId: number | null }, moves: MoveWrite[]): void {
    const { participantId, userId } = ids;
    if (userId !== null) {
      this.insertUser.run(
        userId,
        `umkm.${participantId}@pas.demo`,
        draft.fullName,
        "entrepreneur",
        this.passwordHash,
        draft.phone,
        draft.registeredAt,
      );
    }
    this.journeys.insert(
      {
        id: participantId,
        userId,
        fullName: draft.fullName,
        ...nikColumns(draft.nik),
        phone: draft.phone,
        track: draft.track,
        domicileBasis: draft.domicileBasis,
        channel: draft.channel,
        businessName: draft.businessName,
        sector: draft.sector,
        documentsStatement: draft.documentsStatement,
        districtId: draft.cohort.district.id,
        cohortId: draft.cohort.id,
        agencyId: draft.agencyId,
        mentorId: draft.cohort.mentorId,
        entryTurnover: draft.entryTurnover,
        entryAssets: draft.entryAssets,
        entryWorkers: draft.entryWorkers,
        entryHasNib: draft.entryHasNib,
        createdAt: draft.registeredAt,
      },
      moves,
    );
  }
}
