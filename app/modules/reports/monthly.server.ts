// A mentor's monthly report, produced from what they recorded: nothing is typed twice. Everything
// comes from the transition log (what the mentor did, by actor and time), the evidence they recorded
// (by recorder and time) and the participants in their scope. Months are Jakarta months (month.ts).
//
// The report covers the participants in the mentor's scope today (their districts and agency): the
// same people their participant list shows, so a coordinator who may see the mentor sees all of it.
import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { districts, mentorDistricts, participants, users } from "../../../db/schema";
import { EVIDENCE_KINDS, STAGES, type EvidenceKind, type ParticipantStatus, type StageId, type StageState } from "../../../machines/stages";
import type { SessionUser } from "../auth/session.server";
import { stalledCondition } from "../journey/stalled.server";
import { participantScope } from "../access/scope.server";
import { stageStateColumns, stageStatesOf } from "../journey/stage-columns.server";
import { parseId } from "../access/guards.server";
import { currentMonth, monthBounds, parseMonth } from "./month";

export type ReportMentor = { id: number; name: string; agencyId: number | null; districts: string[] };

/** The moves counted as moves (evidence is counted on its own, from the evidence it recorded). */
const EVIDENCE_EVENT = "RECORD_EVIDENCE";

function mentorDistrictRows(db: Db, mentorId: number) {
  return db
    .select({ id: districts.id, name: districts.name, cityId: districts.cityId })
    .from(mentorDistricts)
    .innerJoin(districts, eq(districts.id, mentorDistricts.districtId))
    .where(eq(mentorDistricts.mentorId, mentorId))
    .orderBy(districts.name)
    .all();
}

/**
 * Whose report the viewer asks for, or null (the route answers 404). A mentor sees only their own; a
 * coordinator sees a mentor all of whose districts lie in their city (any mentor for the whole region).
 */
export function reportMentorFor(db: Db, viewer: SessionUser, requestedId: number | null): ReportMentor | null {
  if (viewer.role === "mentor") {
    if (requestedId !== null && requestedId !== viewer.id) return null;
    return { id: viewer.id, name: viewer.name, agencyId: viewer.agencyId, districts: mentorDistrictRows(db, viewer.id).map((d) => d.name) };
  }
  if (viewer.role !== "coordinator" || requestedId === null) return null;
  const mentor = db
    .select({ id: users.id, name: users.name, agencyId: users.agencyId })
    .from(users)
    .where(and(eq(users.id, requestedId), eq(users.role, "mentor")))
    .get();
  if (!mentor) return null;
  const rows = mentorDistrictRows(db, mentor.id);
  if (viewer.cityId != null && (rows.length === 0 || rows.some((d) => d.cityId !== viewer.cityId))) return null;
  return { ...mentor, districts: rows.map((d) => d.name) };
}

/** The mentors a coordinator may open a report for (the same rule as reportMentorFor), by name. */
function mentorsForCoordinator(db: Db, viewer: SessionUser): { id: number; name: string }[] {
  const conditions: SQL[] = [eq(users.role, "mentor")];
  if (viewer.cityId != null) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM mentor_districts md WHERE md.mentor_id = ${users.id})`,
      sql`NOT EXISTS (SELECT 1 FROM mentor_districts md JOIN districts d ON d.id = md.district_id
                      WHERE md.mentor_id = ${users.id} AND d.city_id <> ${viewer.cityId})`,
    );
  }
  return db.select({ id: users.id, name: users.name }).from(users).where(and(...conditions)).orderBy(users.name).all();
}

export type ParticipantActivity = {
  id: number;
  fullName: string;
  businessName: string;
  districtName: string;
  status: ParticipantStatus;
  stages: StageState[];
  furthestStage: number;
  /** Evidence the mentor recorded for them this month, by kind. */
  evidence: { kind: EvidenceKind; count: number }[];
  /** Moves the mentor made for them this month (other than recording evidence). */
  moves: { type: string; stage: StageId | null; count: number }[];
  /** Turnover of their latest financial report for this month or before. */
  latestTurnover: number | null;
};

export type MonthlyReport = {
  month: string;
  mentor: ReportMentor;
  /** Participants in the mentor's scope. */
  caseload: number;
  /** Of them, those the mentor recorded something for this month. */
  served: number;
  evidenceByKind: { stage: StageId; kind: EvidenceKind; count: number }[];
  evidenceTotal: number;
  movesByType: { type: string; count: number }[];
  movesTotal: number;
  /** Every stage, P1–P7: evidence the mentor recorded at it this month, and how often they closed it (verified, completed or waived). */
  byStage: { stage: StageId; evidence: number; finished: number }[];
  /** Each district with participants in scope: how many, and of them how many were served this month. */
  byDistrict: { name: string; caseload: number; served: number }[];
  /** Participants in scope who completed P7 (and so graduated) this month, whoever recorded it. */
  graduations: number;
  /** Stalled now: only for the current month (the past state of the stall rule is not kept). */
  stalledNow: number | null;
  turnover: {
    /** Participants with a financial report for this month or before; sum and median of the latest one each. */
    reporting: number;
    latestSum: number;
    latestMedian: number | null;
    /** Reports whose period is this month: how many, and their sum. */
    periodReports: number;
    periodSum: number;
  };
  participants: ParticipantActivity[];
};

/** The moves that close a stage, for the per-stage summary (VERIFY closes P1; the log gives it P1's stage). */
const FINISHING_MOVES = new Set(["VERIFY", "COMPLETE", "WAIVE"]);

const KIND_ORDER: string[] = Object.values(EVIDENCE_KINDS).flat();
const kindOrder = (kind: string) => KIND_ORDER.indexOf(kind);

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function monthlyReport(db: Db, mentor: ReportMentor, month: string, now = Date.now()): MonthlyReport {
  const { start, end } = monthBounds(month);
  const scope = participantScope(db, { id: mentor.id, role: "mentor", cityId: null, agencyId: mentor.agencyId });
  const inScope = db.select({ id: participants.id }).from(participants).where(scope);
  // What the mentor did this month (transition_log_actor_at / stage_evidence_recorded_by_at).
  const logThisMonth = sql`transition_log.actor_user_id = ${mentor.id} AND transition_log.at >= ${start} AND transition_log.at < ${end}
    AND transition_log.participant_id IN ${inScope}`;
  const evidenceThisMonth = sql`stage_evidence.recorded_by = ${mentor.id} AND stage_evidence.recorded_at >= ${start}
    AND stage_evidence.recorded_at < ${end} AND stage_evidence.status = 'recorded' AND stage_evidence.participant_id IN ${inScope}`;

  const districtCaseload = db
    .select({ name: districts.name, n: count() })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .where(scope)
    .groupBy(districts.id)
    .orderBy(districts.name)
    .all();
  const caseload = districtCaseload.reduce((sum, d) => sum + d.n, 0);

  const evidenceRows = db.all<{ participantId: number; stage: StageId; kind: EvidenceKind; n: number }>(
    sql`SELECT participant_id AS participantId, stage, kind, count(*) AS n FROM stage_evidence
        WHERE ${evidenceThisMonth} GROUP BY participant_id, stage, kind`,
  );
  const moveRows = db.all<{ participantId: number; type: string; stage: StageId | null; n: number }>(
    sql`SELECT participant_id AS participantId, event_type AS type, stage, count(*) AS n FROM transition_log
        WHERE ${logThisMonth} AND event_type <> ${EVIDENCE_EVENT} GROUP BY participant_id, event_type, stage`,
  );

  const evidenceByKind = new Map<string, { stage: StageId; kind: EvidenceKind; count: number }>();
  for (const row of evidenceRows) {
    const entry = evidenceByKind.get(row.kind) ?? { stage: row.stage, kind: row.kind, count: 0 };
    entry.count += row.n;
    evidenceByKind.set(row.kind, entry);
  }
  const movesByType = new Map<string, number>();
  for (const row of moveRows) movesByType.set(row.type, (movesByType.get(row.type) ?? 0) + row.n);

  const graduations =
    db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM transition_log WHERE event_type = 'COMPLETE' AND stage = 'capital'
          AND at >= ${start} AND at < ${end} AND participant_id IN ${inScope}`,
    )?.n ?? 0;

  const stalledNow =
    month === currentMonth(now)
      ? (db.select({ n: count() }).from(participants).where(and(scope, stalledCondition(now))).get()?.n ?? 0)
      : null;

  // Each participant's latest financial report for this month or before (by period, then the latest recorded).
  const latest = db.all<{ participantId: number; turnover: number }>(
    sql`SELECT participantId, turnover FROM (
          SELECT participant_id AS participantId, CAST(json_extract(details, '$.turnover') AS INTEGER) AS turnover,
                 row_number() OVER (PARTITION BY participant_id
                   ORDER BY json_extract(details, '$.period') DESC, occurred_on DESC, id DESC) AS rank
          FROM stage_evidence
          WHERE kind = 'financial_report' AND status = 'recorded' AND json_extract(details, '$.period') <= ${month}
            AND participant_id IN ${inScope})
        WHERE rank = 1 AND turnover IS NOT NULL`,
  );
  const latestByParticipant = new Map(latest.map((row) => [row.participantId, row.turnover]));
  const turnovers = latest.map((row) => row.turnover).sort((a, b) => a - b);
  const period = db.get<{ n: number; total: number | null }>(
    sql`SELECT count(*) AS n, sum(CAST(json_extract(details, '$.turnover') AS INTEGER)) AS total FROM stage_evidence
        WHERE kind = 'financial_report' AND status = 'recorded' AND json_extract(details, '$.period') = ${month}
          AND participant_id IN ${inScope}`,
  );

  const servedIds = [...new Set([...evidenceRows, ...moveRows].map((row) => row.participantId))];
  const people = servedIds.length
    ? db
        .select({
          id: participants.id,
          fullName: participants.fullName,
          businessName: participants.businessName,
          districtName: districts.name,
          status: participants.status,
          ...stageStateColumns,
          furthestStage: participants.furthestStage,
        })
        .from(participants)
        .innerJoin(districts, eq(districts.id, participants.districtId))
        .where(inArray(participants.id, servedIds))
        .all()
    : [];

  const rows: ParticipantActivity[] = people
    .map((p) => ({
      id: p.id,
      fullName: p.fullName,
      businessName: p.businessName,
      districtName: p.districtName,
      status: p.status,
      stages: stageStatesOf(p),
      furthestStage: p.furthestStage,
      evidence: evidenceRows.filter((r) => r.participantId === p.id).map((r) => ({ kind: r.kind, count: r.n })),
      moves: moveRows.filter((r) => r.participantId === p.id).map((r) => ({ type: r.type, stage: r.stage, count: r.n })),
      latestTurnover: latestByParticipant.get(p.id) ?? null,
    }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, "id") || a.id - b.id);

  const byStage = STAGES.map((stage) => ({
    stage,
    evidence: evidenceRows.filter((r) => r.stage === stage).reduce((sum, r) => sum + r.n, 0),
    finished: moveRows
      .filter((r) => FINISHING_MOVES.has(r.type) && r.stage === stage)
      .reduce((sum, r) => sum + r.n, 0),
  }));
  const servedIn = new Map<string, number>();
  for (const row of rows) servedIn.set(row.districtName, (servedIn.get(row.districtName) ?? 0) + 1);
  const byDistrict = districtCaseload.map((d) => ({ name: d.name, caseload: d.n, served: servedIn.get(d.name) ?? 0 }));

  const evidence = [...evidenceByKind.values()].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
  const moves = [...movesByType.entries()].map(([type, n]) => ({ type, count: n })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return {
    month,
    mentor,
    caseload,
    served: rows.length,
    evidenceByKind: evidence,
    evidenceTotal: evidence.reduce((sum, e) => sum + e.count, 0),
    movesByType: moves,
    movesTotal: moves.reduce((sum, m) => sum + m.count, 0),
    byStage,
    byDistrict,
    graduations,
    stalledNow,
    turnover: {
      reporting: turnovers.length,
      latestSum: turnovers.reduce((sum, v) => sum + v, 0),
      latestMedian: median(turnovers),
      periodReports: period?.n ?? 0,
      periodSum: period?.total ?? 0,
    },
    participants: rows,
  };
}

export type ReportRequest =
  | { kind: "picker"; mentors: { id: number; name: string }[]; month: string }
  | { kind: "report"; report: MonthlyReport; invalidMonth: boolean; currentMonth: string }
  | { kind: "not-found" };

/**
 * What /laporan?bulan=YYYY-MM&mentor=ID asks for. A month that does not parse falls back to this
 * month (and says so); a mentor the viewer may not see is not found. A coordinator who names no
 * mentor chooses one first.
 */
export function reportForRequest(db: Db, viewer: SessionUser, params: URLSearchParams, now = Date.now()): ReportRequest {
  const rawMonth = params.get("bulan");
  const month = parseMonth(rawMonth) ?? currentMonth(now);
  const rawMentor = params.get("mentor");
  if (viewer.role === "coordinator" && !rawMentor) {
    return { kind: "picker", mentors: mentorsForCoordinator(db, viewer), month };
  }
  const mentorId = rawMentor ? parseId(rawMentor) : null;
  if (rawMentor && mentorId === null) return { kind: "not-found" };
  const mentor = reportMentorFor(db, viewer, mentorId);
  if (!mentor) return { kind: "not-found" };
  return {
    kind: "report",
    report: monthlyReport(db, mentor, month, now),
    invalidMonth: rawMonth !== null && rawMonth !== "" && parseMonth(rawMonth) === null,
    currentMonth: currentMonth(now),
  };
}
