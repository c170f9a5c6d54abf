// Dormant participants a mentor closes in bulk (DESIGN.md "Stalled work, dormancy and a mentor's
// day"; docs/decisions/0007-dormancy.md). Closing is the machine's WITHDRAW with the mentor's reason,
// through the journey service for each participant on their own, against the version the page
// showed, and only while they are still dormant: anything recorded meanwhile brought them back.
// The selection and its scope checks are the bulk page's (bulk.server.ts); what happened is kept
// in the audit log, which the result page reads back (post/redirect/get).
import { and, asc, count, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditLog, districts, participants } from "../../../db/schema";
import { JourneyError } from "../journey/errors";
import { applyMove, type BulkItem } from "../journey/journey.server";
import { dormantCondition, loadStallSettings } from "../journey/stalled.server";
import { BULK_LIMIT } from "./bulk";
import { auditedOutcomes, bulkSelection } from "./bulk.server";
import type { DormantCloseOutcome } from "./dormancy";
import { participantScope, type Viewer } from "../access/scope.server";

export const DORMANT_CLOSE_AUDIT_ACTION = "dormant.close";

export type DormantRow = {
  id: number;
  fullName: string;
  businessName: string;
  districtName: string;
  lastActivityAt: number;
  version: number;
};

export type DormantSelection =
  | { kind: "not-found" }
  | { kind: "too-many"; count: number }
  | {
      kind: "selected";
      /** Every dormant participant in scope (true), or those of the ids / cohort asked for. */
      all: boolean;
      /** The longest dormant first, at most BULK_LIMIT. */
      rows: DormantRow[];
      /** Dormant participants matching, shown or not. */
      total: number;
      /** Participants asked for by id or cohort who are not dormant (left out). */
      skipped: number;
      dormantDays: number;
    };

function dormantRows(db: Db, where: SQL): DormantRow[] {
  return db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      districtName: districts.name,
      lastActivityAt: participants.lastActivityAt,
      version: participants.version,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .where(where)
    .orderBy(asc(participants.lastActivityAt), asc(participants.id))
    .limit(BULK_LIMIT)
    .all();
}

/**
 * The dormant participants the close page offers: every one in the viewer's scope, or among the ids
 * (?id=) or the cohort (?kohort=) carried from the list or a participant's page. An id or cohort
 * outside the scope makes the whole request not found, as on the bulk page (bulkSelection).
 */
export function dormantSelection(db: Db, viewer: Viewer, params: URLSearchParams, now = Date.now()): DormantSelection {
  const dormantDays = loadStallSettings(db).dormantDays;
  const dormant = and(participantScope(db, viewer), dormantCondition(now))!;
  const asked = bulkSelection(db, viewer, params);
  if (asked.kind === "not-found") return { kind: "not-found" };
  if (asked.kind === "too-many") return { kind: "too-many", count: asked.count };
  if (asked.kind === "none") {
    const total = db.select({ n: count() }).from(participants).where(dormant).get()?.n ?? 0;
    return { kind: "selected", all: true, rows: dormantRows(db, dormant), total, skipped: 0, dormantDays };
  }
  const ids = asked.rows.map((row) => row.id);
  const rows = dormantRows(db, and(dormant, inArray(participants.id, ids))!);
  return { kind: "selected", all: false, rows, total: rows.length, skipped: ids.length - rows.length, dormantDays };
}

function stillDormant(db: Db, participantId: number, now: number): boolean {
  return db.select({ id: participants.id }).from(participants).where(and(eq(participants.id, participantId), dormantCondition(now))).get() !== undefined;
}

// Per participant: the dormancy check and the move in one write transaction (the move's own nests
// in it as a savepoint), so nothing recorded in between can make a returning participant withdrawn.
const closeOne = (db: Db) =>
  db.$client.transaction((item: BulkItem, reason: string, actorUserId: number, at: number): DormantCloseOutcome => {
    if (!stillDormant(db, item.participantId, at)) {
      return { participantId: item.participantId, closed: false, refusal: { code: "not-dormant", missing: [] } };
    }
    applyMove(db, { ...item, event: { type: "WITHDRAW", reason }, actorUserId, at });
    return { participantId: item.participantId, closed: true, refusal: null };
  });

/**
 * Closes each participant as not completed (WITHDRAW with the reason), each on their own: one
 * refusal does not undo the others. Returns the audit entry holding the outcomes. The caller has
 * checked scope and validated the reason.
 */
export function closeDormant(db: Db, input: { actorUserId: number; items: BulkItem[]; reason: string; at?: number }): number {
  const at = input.at ?? Date.now();
  const close = closeOne(db).immediate;
  const outcomes = input.items.map((item): DormantCloseOutcome => {
    try {
      return close(item, input.reason, input.actorUserId, at);
    } catch (error) {
      if (!(error instanceof JourneyError)) throw error;
      return { participantId: item.participantId, closed: false, refusal: { code: error.code, missing: error.missing } };
    }
  });
  return db
    .insert(auditLog)
    .values({
      actorUserId: input.actorUserId,
      action: DORMANT_CLOSE_AUDIT_ACTION,
      subject: "dormant:close",
      detail: { reason: input.reason, outcomes },
      at,
    })
    .returning({ id: auditLog.id })
    .get().id;
}

export type DormantCloseResult = {
  reason: string;
  at: number;
  rows: (DormantCloseOutcome & { fullName: string; businessName: string })[];
};

/**
 * A bulk close's outcome, for the person who made it only (anyone else: null, so 404). Participants
 * who have since left the viewer's scope are left out.
 */
export function dormantCloseResult(db: Db, viewer: Viewer, auditId: number): DormantCloseResult | null {
  const read = auditedOutcomes<DormantCloseOutcome, { reason: string; outcomes: DormantCloseOutcome[] }>(db, viewer, auditId, DORMANT_CLOSE_AUDIT_ACTION);
  return read && { reason: read.detail.reason, at: read.at, rows: read.rows };
}
