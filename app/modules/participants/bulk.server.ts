// Bulk recording: one training session or mentoring meeting for a selection of participants, then
// (if asked) completing the stage for those whose evidence now suffices. Each participant's moves go
// through the journey service on their own (applyBulk: one transaction per participant), against
// the version the page showed, so a change made meanwhile is refused for that participant only.
// What happened is kept in the audit log, which the result page reads back (post/redirect/get).
import { climbsWithMove } from "../outcomes/climbs.server";
import { and, asc, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditLog, cohorts, districts, mentorDistricts, organisations, participants, stagePartners } from "../../../db/schema";
import type { StageState } from "../../../machines/stages";
import { applyBulk, type BulkItem } from "../journey/journey.server";
import { activeCondition, dormantCondition } from "../journey/stalled.server";
import { BULK_EVIDENCE, BULK_LIMIT, bulkEvidenceDetails, type BulkFormValue, type BulkOutcome, type BulkRefusal } from "./bulk";
import { participantScope, type Viewer } from "../access/scope.server";
import { stageStateColumns, stageStatesOf, type StageStateRow } from "../journey/stage-columns.server";

export const BULK_AUDIT_ACTION = "bulk.record";

/**
 * Cohorts with at least one participant the viewer may see, newest intake first, with that count and
 * how many of them are active (not dormant): those a cohort's choice selects.
 */
export function bulkCohortOptions(db: Db, viewer: Viewer, now = Date.now()) {
  return db
    .select({
      id: cohorts.id,
      name: cohorts.name,
      districtName: districts.name,
      intakeDate: cohorts.intakeDate,
      members: count(),
      active: sql<number>`coalesce(sum(CASE WHEN ${activeCondition(now)} THEN 1 ELSE 0 END), 0)`,
    })
    .from(participants)
    .innerJoin(cohorts, eq(cohorts.id, participants.cohortId))
    .innerJoin(districts, eq(districts.id, cohorts.districtId))
    .where(participantScope(db, viewer))
    .groupBy(cohorts.id)
    .orderBy(desc(cohorts.intakeDate), asc(cohorts.name))
    .all();
}

/** Training partners on offer in the viewer's districts (or everywhere), for the optional partner field. */
export function bulkTrainingPartners(db: Db, viewer: Viewer): { id: number; name: string }[] {
  const mine = db.select({ id: mentorDistricts.districtId }).from(mentorDistricts).where(eq(mentorDistricts.mentorId, viewer.id));
  return db
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(stagePartners)
    .innerJoin(organisations, eq(organisations.id, stagePartners.organisationId))
    .where(and(eq(stagePartners.stage, "training"), or(isNull(stagePartners.districtId), inArray(stagePartners.districtId, mine))))
    .orderBy(asc(organisations.name))
    .all();
}

export type BulkSelectionRow = {
  id: number;
  fullName: string;
  businessName: string;
  status: string;
  version: number;
  stages: StageState[];
};

/** A cohort member a cohort's choice leaves out: on hold, withdrawn, graduated, or dormant. */
export type BulkApartRow = { id: number; fullName: string; businessName: string; status: string; dormant: boolean };

export type BulkSelection =
  | { kind: "none" }
  | { kind: "too-many"; count: number }
  | { kind: "not-found" }
  | { kind: "selected"; cohortId: number | null; cohortName: string | null; rows: BulkSelectionRow[]; apart: BulkApartRow[] };

const selectionColumns = {
  id: participants.id,
  fullName: participants.fullName,
  businessName: participants.businessName,
  status: participants.status,
  version: participants.version,
  ...stageStateColumns,
};

function toRow(r: { id: number; fullName: string; businessName: string; status: string; version: number } & StageStateRow): BulkSelectionRow {
  return { id: r.id, fullName: r.fullName, businessName: r.businessName, status: r.status, version: r.version, stages: stageStatesOf(r) };
}

/** Positive integer ids, or null when any value is not one (such a request is answered 404). */
function parseIds(values: string[]): number[] | null {
  const ids: number[] = [];
  for (const value of values) {
    if (!/^[1-9]\d{0,15}$/.test(value)) return null;
    ids.push(Number(value));
  }
  return [...new Set(ids)];
}

/**
 * The participants a bulk page works on: a cohort (?kohort=ID) or ids carried from the list
 * (?id=1&id=2). Any id or cohort outside the viewer's scope makes the whole request not found:
 * a partial answer would confirm which of the others exist. A cohort selects its active members
 * only (active and not dormant, journey/stalled.server.ts); the others are returned apart, to be
 * shown and not recorded. Ids from the list are taken as chosen.
 */
export function bulkSelection(db: Db, viewer: Viewer, params: URLSearchParams, now = Date.now()): BulkSelection {
  const scope = participantScope(db, viewer);
  const rawCohort = params.get("kohort");
  if (rawCohort) {
    const [cohortId] = parseIds([rawCohort]) ?? [];
    if (cohortId === undefined) return { kind: "not-found" };
    const cohort = db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(eq(cohorts.id, cohortId)).get();
    const where = and(scope, eq(participants.cohortId, cohortId));
    const members = db.select({ n: count() }).from(participants).where(where).get()?.n ?? 0;
    if (!cohort || members === 0) return { kind: "not-found" };
    const active = and(where, activeCondition(now));
    const activeCount = db.select({ n: count() }).from(participants).where(active).get()?.n ?? 0;
    if (activeCount > BULK_LIMIT) return { kind: "too-many", count: activeCount };
    const order = [asc(participants.fullName), asc(participants.id)];
    const rows = db.select(selectionColumns).from(participants).where(active).orderBy(...order).all();
    // Everyone else of the cohort, at most the limit (a list to read, not to act on).
    const apart = db
      .select({
        id: participants.id,
        fullName: participants.fullName,
        businessName: participants.businessName,
        status: participants.status,
        dormant: sql<number>`coalesce(${dormantCondition(now)}, 0)`,
      })
      .from(participants)
      .where(and(where, sql`NOT coalesce(${activeCondition(now)}, 0)`))
      .orderBy(...order)
      .limit(BULK_LIMIT)
      .all();
    return {
      kind: "selected",
      cohortId: cohort.id,
      cohortName: cohort.name,
      rows: rows.map(toRow),
      apart: apart.map((r) => ({ ...r, dormant: Boolean(r.dormant) })),
    };
  }
  const ids = parseIds(params.getAll("id"));
  if (ids === null) return { kind: "not-found" };
  if (ids.length === 0) return { kind: "none" };
  if (ids.length > BULK_LIMIT) return { kind: "too-many", count: ids.length };
  const rows = db.select(selectionColumns).from(participants).where(and(scope, inArray(participants.id, ids))).orderBy(asc(participants.fullName), asc(participants.id)).all();
  if (rows.length !== ids.length) return { kind: "not-found" };
  return { kind: "selected", cohortId: null, cohortName: null, rows: rows.map(toRow), apart: [] };
}

/** "12:3" (participant 12 as the page showed it, at version 3). */
export function parseItems(values: string[]): BulkItem[] | null {
  const items: BulkItem[] = [];
  const seen = new Set<number>();
  for (const value of values) {
    const match = /^([1-9]\d{0,15}):([1-9]\d{0,8})$/.exec(value);
    if (!match) return null;
    const participantId = Number(match[1]);
    if (seen.has(participantId)) continue;
    seen.add(participantId);
    items.push({ participantId, expectedVersion: Number(match[2]) });
  }
  return items;
}

/** Whether every one of these participants is in the viewer's scope. */
export function allInScope(db: Db, viewer: Viewer, ids: number[]): boolean {
  if (ids.length === 0) return true;
  const found = db.select({ n: count() }).from(participants).where(and(participantScope(db, viewer), inArray(participants.id, ids))).get()?.n ?? 0;
  return found === ids.length;
}

function stageStateOf(db: Db, participantId: number, column: "p2State" | "p3State"): StageState | null {
  return (db.select({ state: participants[column] }).from(participants).where(eq(participants.id, participantId)).get()?.state as StageState) ?? null;
}

/**
 * Records the evidence for every item, then (when asked) completes the stage for those recorded.
 * Returns the audit entry that holds the outcomes. The caller has checked scope and validated input.
 */
export function recordBulk(db: Db, input: { actorUserId: number; items: BulkItem[]; value: BulkFormValue; at?: number }): number {
  const { actorUserId, items, value } = input;
  const at = input.at ?? Date.now();
  const { stage, kind } = BULK_EVIDENCE[value.activity];
  const column = stage === "training" ? "p2State" : "p3State";
  const partnerName =
    value.organisationId !== undefined
      ? db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, value.organisationId)).get()?.name
      : undefined;
  const evidence = {
    details: bulkEvidenceDetails(value, partnerName),
    occurredOn: value.occurredOn,
    organisationId: value.organisationId ?? null,
  };
  const refusalOf = (participantId: number, error: { code: BulkRefusal["code"]; missing: BulkRefusal["missing"] }): BulkRefusal => ({
    code: error.code,
    missing: error.missing,
    stageState: stageStateOf(db, participantId, column),
  });

  // A licence may be an NIB, a report a class: each one's climbs (naik kelas) recorded in its move's transaction.
  const recorded = applyBulk(db, { items, event: { type: "RECORD_EVIDENCE", stage, kind }, actorUserId, at, evidence, alsoInTransaction: climbsWithMove(db, kind) });
  const toComplete = recorded.flatMap((o) => (o.applied ? [{ participantId: o.participantId, expectedVersion: o.version }] : []));
  const completed = value.complete ? applyBulk(db, { items: toComplete, event: { type: "COMPLETE", stage }, actorUserId, at }) : [];

  const outcomes: BulkOutcome[] = recorded.map((r) => {
    if (!r.applied) return { participantId: r.participantId, recorded: false, completed: null, refusal: refusalOf(r.participantId, r.error) };
    const c = completed.find((o) => o.participantId === r.participantId);
    if (!c) return { participantId: r.participantId, recorded: true, completed: null, refusal: null };
    if (c.applied) return { participantId: r.participantId, recorded: true, completed: true, refusal: null };
    return { participantId: r.participantId, recorded: true, completed: false, refusal: refusalOf(r.participantId, c.error) };
  });

  return db
    .insert(auditLog)
    .values({
      actorUserId,
      action: BULK_AUDIT_ACTION,
      subject: `bulk:${value.activity}`,
      detail: { activity: value.activity, topic: value.topic, occurredOn: value.occurredOn, complete: Boolean(value.complete), outcomes },
      at,
    })
    .returning({ id: auditLog.id })
    .get().id;
}

export type BulkResult = {
  activity: BulkFormValue["activity"];
  topic: string;
  occurredOn: string;
  complete: boolean;
  at: number;
  rows: (BulkOutcome & { fullName: string; businessName: string })[];
};

/**
 * Per-person outcomes kept in one of the viewer's own audit entries (a bulk record, a bulk close),
 * each with the participant's name; participants who have since left the viewer's scope are left
 * out. Null for an entry of anyone else or of another action (the route answers 404).
 */
export function auditedOutcomes<O extends { participantId: number }, D extends { outcomes: O[] }>(
  db: Db,
  viewer: Viewer,
  auditId: number,
  action: string,
): { detail: D; at: number; rows: (O & { fullName: string; businessName: string })[] } | null {
  const entry = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.id, auditId), eq(auditLog.action, action), eq(auditLog.actorUserId, viewer.id)))
    .get();
  if (!entry) return null;
  const detail = entry.detail as D;
  const ids = detail.outcomes.map((o) => o.participantId);
  const people = ids.length
    ? db
        .select({ id: participants.id, fullName: participants.fullName, businessName: participants.businessName })
        .from(participants)
        .where(and(participantScope(db, viewer), inArray(participants.id, ids)))
        .all()
    : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    detail,
    at: entry.at,
    rows: detail.outcomes.flatMap((o) => {
      const p = byId.get(o.participantId);
      return p ? [{ ...o, fullName: p.fullName, businessName: p.businessName }] : [];
    }),
  };
}

/** A bulk record's outcome, for the person who made it only (anyone else: null, so 404). */
export function bulkResult(db: Db, viewer: Viewer, auditId: number): BulkResult | null {
  const read = auditedOutcomes<BulkOutcome, Omit<BulkResult, "rows" | "at"> & { outcomes: BulkOutcome[] }>(db, viewer, auditId, BULK_AUDIT_ACTION);
  if (!read) return null;
  const { activity, topic, occurredOn, complete } = read.detail;
  return { activity, topic, occurredOn, complete, at: read.at, rows: read.rows };
}
