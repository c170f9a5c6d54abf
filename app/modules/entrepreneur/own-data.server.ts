// The person's own data (UU PDP 27/2022, the data subject's rights): everything held about an
// entrepreneur, a download of it, a correction request to their mentor, and an erasure request that
// a province coordinator carries out once they are withdrawn. Every step is in the audit log.
// Erasure removes identity (name, NIK, phone, business name, the account's e-mail): the journey's
// transition log stays, append-only, and holds no NIK or phone.
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, dataRequests, districts, participants, sessions, stageEvidence, transitionLog, users } from "../../../db/schema";
import type { DataRequestKind } from "../../../machines/vocabulary";
import { decryptNik } from "../identity/identity.server";
import { recordAudit } from "../users/audit.server";
import { eraseOwnFiles, ownFiles, removeErasedBytes, type OwnFileSummary } from "./own-files.server";

/** What an erased record's text fields say instead. */
export const ERASED = "—";

export function ownParticipantId(db: Db, userId: number): number | undefined {
  return db.select({ id: participants.id }).from(participants).where(eq(participants.userId, userId)).get()?.id;
}

export type OwnRecord = {
  fullName: string;
  nik: string;
  phone: string | null;
  email: string;
  track: string;
  domicileBasis: string;
  channel: string;
  businessName: string;
  sector: string;
  district: string;
  agency: string;
  mentor: string | null;
  status: string;
  statusReason: string | null;
  entryTurnover: number | null;
  entryAssets: number | null;
  entryWorkers: number | null;
  registeredAt: number;
  stages: Record<string, string>;
};

export type OwnData = {
  record: OwnRecord;
  history: { at: number; eventType: string; stage: string | null; reason: string | null }[];
  evidence: { stage: string; kind: string; occurredOn: string; status: string; details: unknown; recordedAt: number }[];
  files: OwnFileSummary[];
  requests: { id: number; kind: DataRequestKind; message: string; status: string; requestedAt: number; handledAt: number | null; response: string | null }[];
};

/**
 * Everything held about the signed-in entrepreneur, by their user id only. The NIK is masked unless
 * `fullNik` (the download: it is theirs).
 */
export function ownData(db: Db, userId: number, options: { fullNik: boolean }): OwnData | undefined {
  const row = db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      nikMasked: participants.nikMasked,
      nikCipher: participants.nikCipher,
      phone: participants.phone,
      email: users.email,
      track: participants.track,
      domicileBasis: participants.domicileBasis,
      channel: participants.channel,
      businessName: participants.businessName,
      sector: participants.sector,
      district: districts.name,
      agency: agencies.name,
      mentorId: participants.mentorId,
      status: participants.status,
      statusReason: participants.statusReason,
      entryTurnover: participants.entryTurnover,
      entryAssets: participants.entryAssets,
      entryWorkers: participants.entryWorkers,
      registeredAt: participants.createdAt,
      p1: participants.p1State,
      p2: participants.p2State,
      p3: participants.p3State,
      p4: participants.p4State,
      p5: participants.p5State,
      p6: participants.p6State,
      p7: participants.p7State,
    })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .innerJoin(agencies, eq(agencies.id, participants.agencyId))
    .where(eq(participants.userId, userId))
    .get();
  if (!row) return undefined;
  const mentor = row.mentorId ? db.select({ name: users.name }).from(users).where(eq(users.id, row.mentorId)).get()?.name ?? null : null;
  const { id, nikMasked, nikCipher, mentorId: _m, p1, p2, p3, p4, p5, p6, p7, ...rest } = row;
  return {
    record: {
      ...rest,
      nik: options.fullNik && nikCipher ? decryptNik(nikCipher) : nikMasked,
      mentor,
      stages: { P1: p1, P2: p2, P3: p3, P4: p4, P5: p5, P6: p6, P7: p7 },
    },
    history: db
      .select({ at: transitionLog.at, eventType: transitionLog.eventType, stage: transitionLog.stage, reason: transitionLog.reason })
      .from(transitionLog)
      .where(eq(transitionLog.participantId, id))
      .orderBy(asc(transitionLog.version))
      .all(),
    evidence: db
      .select({
        stage: stageEvidence.stage,
        kind: stageEvidence.kind,
        occurredOn: stageEvidence.occurredOn,
        status: stageEvidence.status,
        details: stageEvidence.details,
        recordedAt: stageEvidence.recordedAt,
      })
      .from(stageEvidence)
      .where(eq(stageEvidence.participantId, id))
      .orderBy(asc(stageEvidence.id))
      .all(),
    files: ownFiles(db, id),
    requests: db
      .select({
        id: dataRequests.id,
        kind: dataRequests.kind,
        message: dataRequests.message,
        status: dataRequests.status,
        requestedAt: dataRequests.requestedAt,
        handledAt: dataRequests.handledAt,
        response: dataRequests.response,
      })
      .from(dataRequests)
      .where(eq(dataRequests.participantId, id))
      .orderBy(desc(dataRequests.id))
      .all(),
  };
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The download: the whole record as JSON, or as a readable HTML page (no script, no outside resource). */
export function ownDataFile(db: Db, userId: number, format: "json" | "html", t: (key: string) => string, at = Date.now()): { body: string; fileName: string; contentType: string } | undefined {
  const data = ownData(db, userId, { fullNik: true });
  const participantId = ownParticipantId(db, userId);
  if (!data || participantId === undefined) return undefined;
  recordAudit(db, { actorUserId: userId, action: "own-data.download", subject: `participant:${participantId}`, detail: { format } }, at);
  return renderOwnData(data, format, t, at);
}

/** The record as a JSON file or a readable HTML page (pure: the caller has read and logged it). */
export function renderOwnData(data: OwnData, format: "json" | "html", t: (key: string) => string, at: number): { body: string; fileName: string; contentType: string } {
  const stamp = new Date(at).toISOString().slice(0, 10);
  if (format === "json") {
    return { body: JSON.stringify({ exportedAt: new Date(at).toISOString(), ...data }, null, 2), fileName: `data-saya-${stamp}.json`, contentType: "application/json; charset=utf-8" };
  }
  const section = (title: string, rows: [string, unknown][]) =>
    `<h2>${escape(title)}</h2><table>${rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(typeof v === "string" ? v : JSON.stringify(v ?? ""))}</td></tr>`).join("")}</table>`;
  const list = (title: string, items: unknown[]) =>
    `<h2>${escape(title)}</h2>${items.length ? `<ol>${items.map((item) => `<li>${escape(JSON.stringify(item))}</li>`).join("")}</ol>` : `<p>${escape(t("ownData.none"))}</p>`}`;
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>${escape(t("ownData.title"))}</title></head><body><h1>${escape(t("ownData.title"))}</h1><p>${escape(stamp)}</p>${section(
    t("ownData.record"),
    Object.entries(data.record),
  )}${list(t("ownData.history"), data.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })))}${list(t("ownData.evidence"), data.evidence)}${list(t("ownData.files"), data.files)}${list(t("ownData.requests"), data.requests)}</body></html>`;
  return { body, fileName: `data-saya-${stamp}.html`, contentType: "text/html; charset=utf-8" };
}

/** A request about one's own data; one open request of each kind at a time. */
export function requestAboutOwnData(db: Db, userId: number, kind: DataRequestKind, message: string, at = Date.now()): "sent" | "already-open" | "no-record" {
  const participantId = ownParticipantId(db, userId);
  if (participantId === undefined) return "no-record";
  return db.transaction(
    (tx) => {
      const open = tx
        .select({ id: dataRequests.id })
        .from(dataRequests)
        .where(and(eq(dataRequests.participantId, participantId), eq(dataRequests.kind, kind), eq(dataRequests.status, "open")))
        .get();
      if (open) return "already-open" as const;
      const id = tx.insert(dataRequests).values({ participantId, kind, message, status: "open", requestedBy: userId, requestedAt: at }).returning({ id: dataRequests.id }).get().id;
      recordAudit(tx as unknown as Db, { actorUserId: userId, action: `own-data.${kind}-requested`, subject: `data-request:${id}`, detail: { participantId } }, at);
      return "sent" as const;
    },
    { behavior: "immediate" },
  );
}

export type QueueItem = { id: number; kind: DataRequestKind; participantId: number; fullName: string; status: string; participantStatus: string; message: string; requestedAt: number };

/**
 * The requests a user handles: a mentor, the correction requests of the participants they serve; a
 * province coordinator, every erasure request. Open ones first.
 */
export function dataRequestQueue(db: Db, viewer: { id: number; role: string; cityId: number | null }): QueueItem[] {
  const base = db
    .select({
      id: dataRequests.id,
      kind: dataRequests.kind,
      participantId: dataRequests.participantId,
      fullName: participants.fullName,
      status: dataRequests.status,
      participantStatus: participants.status,
      message: dataRequests.message,
      requestedAt: dataRequests.requestedAt,
    })
    .from(dataRequests)
    .innerJoin(participants, eq(participants.id, dataRequests.participantId));
  const where =
    viewer.role === "mentor"
      ? and(eq(dataRequests.kind, "correction"), eq(participants.mentorId, viewer.id))
      : viewer.role === "coordinator" && viewer.cityId == null
        ? eq(dataRequests.kind, "erasure")
        : undefined;
  if (!where) return [];
  return base.where(where).orderBy(desc(eq(dataRequests.status, "open")), desc(dataRequests.id)).limit(200).all();
}

export type HandleRefusal = "not-found" | "not-open" | "not-withdrawn";

/** A mentor closes a correction request of a participant they serve: done (corrected) or declined, with words. */
export function answerCorrection(db: Db, mentorId: number, requestId: number, outcome: "done" | "declined", response: string, at = Date.now()): HandleRefusal | null {
  return db.transaction(
    (tx) => {
      const request = tx
        .select({ status: dataRequests.status, participantId: dataRequests.participantId })
        .from(dataRequests)
        .innerJoin(participants, eq(participants.id, dataRequests.participantId))
        .where(and(eq(dataRequests.id, requestId), eq(dataRequests.kind, "correction"), eq(participants.mentorId, mentorId)))
        .get();
      if (!request) return "not-found" as const;
      if (request.status !== "open") return "not-open" as const;
      tx.update(dataRequests).set({ status: outcome, handledBy: mentorId, handledAt: at, response }).where(eq(dataRequests.id, requestId)).run();
      recordAudit(tx as unknown as Db, { actorUserId: mentorId, action: `own-data.correction-${outcome}`, subject: `data-request:${requestId}`, detail: { participantId: request.participantId } }, at);
      return null;
    },
    { behavior: "immediate" },
  );
}

/**
 * A province coordinator carries out an erasure request for a withdrawn participant: name, NIK (its
 * ciphertext, hash and digits), phone and business name are overwritten, the account can no longer
 * sign in and keeps no e-mail, their sessions end and their files go. The journey's log stays.
 */
export async function carryOutErasure(db: Db, coordinatorId: number, requestId: number, at = Date.now()): Promise<HandleRefusal | null> {
  let erasedHashes: string[] = [];
  const refusal = db.transaction(
    (tx) => {
      const request = tx
        .select({ status: dataRequests.status, participantId: dataRequests.participantId, participantStatus: participants.status, userId: participants.userId })
        .from(dataRequests)
        .innerJoin(participants, eq(participants.id, dataRequests.participantId))
        .where(and(eq(dataRequests.id, requestId), eq(dataRequests.kind, "erasure")))
        .get();
      if (!request) return "not-found" as const;
      if (request.status !== "open") return "not-open" as const;
      if (request.participantStatus !== "withdrawn") return "not-withdrawn" as const;
      const { participantId, userId } = request;
      tx.update(participants)
        .set({ fullName: ERASED, nikCipher: "", nikHmac: `erased:${participantId}`, nikLast4: "", nikMasked: ERASED, phone: null, businessName: ERASED })
        .where(eq(participants.id, participantId))
        .run();
      if (userId !== null) {
        tx.delete(sessions).where(eq(sessions.userId, userId)).run();
        tx.update(users)
          .set({ email: `erased-${userId}@erased.invalid`, name: ERASED, active: false, passwordHash: `!erased:${randomBytes(16).toString("hex")}` })
          .where(eq(users.id, userId))
          .run();
      }
      const files = eraseOwnFiles(tx as unknown as Db, participantId);
      erasedHashes = files.hashes;
      tx.update(dataRequests).set({ status: "done", handledBy: coordinatorId, handledAt: at }).where(eq(dataRequests.id, requestId)).run();
      recordAudit(tx as unknown as Db, { actorUserId: coordinatorId, action: "own-data.erased", subject: `participant:${participantId}`, detail: { requestId, files: files.count } }, at);
      return null;
    },
    { behavior: "immediate" },
  );
  // The bytes go once the rows are gone for good (never inside the transaction: the store may be a
  // bucket across the network). A crash between leaves bytes no row names, which the sweep removes.
  if (refusal === null) await removeErasedBytes(db, erasedHashes);
  return refusal;
}
