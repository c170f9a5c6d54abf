// Figures over time, for everyone with a baseline: the baseline at P1 (participants.entry_*) and every
// accepted financial report (stage_evidence kind financial_report, status recorded: a mentor's, or the
// entrepreneur's own once accepted). The latest report is the latest period, then the latest recorded.
// A participant counts in the changes when the three baseline figures are known and a report exists;
// the groups also say how many have a baseline but no report yet, so a median never hides who is missing.
import { and, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, businessClimbs, cohorts, districts, participants, stageEvidence } from "../../../db/schema";
import type { BusinessClass, ClimbKind } from "../../../machines/vocabulary";
import { jakartaDate } from "../i18n/jakarta";
import { businessClass, type ClassThresholds } from "./business-class";
import { reportFigures } from "./climbs.server";
import { OUTCOME_MEASURES, type OutcomeGrouping, type OutcomeMeasure } from "./groupings";
import { SMALL_GROUP, spread, type Spread } from "./statistics";
import { thresholdsInForce } from "./thresholds.server";

type Figures = { turnover: number | null; capital: number | null; workers: number | null };

/** A report's month: its period (YYYY-MM) when it has one, else the month it happened. */
function periodOf(details: Record<string, unknown>, occurredOn: string): string {
  return typeof details.period === "string" && /^\d{4}-\d{2}$/.test(details.period) ? details.period : occurredOn.slice(0, 7);
}

// ─── One participant ─────────────────────────────────────────────────────────

/** The shape the figures chart draws (assets: the business capital). */
export type FigurePoint = { period: string; turnover: number | null; assets: number | null; workers: number | null; entry: boolean };

export type ParticipantOutcome = {
  baseline: Figures & { hasNib: boolean | null };
  baselineClass: BusinessClass | null;
  currentClass: BusinessClass | null;
  points: FigurePoint[];
  climbs: { kind: ClimbKind; toClass: BusinessClass | null; occurredOn: string }[];
};

export function participantOutcome(db: Db, participantId: number): ParticipantOutcome | null {
  const person = db
    .select({
      createdAt: participants.createdAt,
      turnover: participants.entryTurnover,
      capital: participants.entryAssets,
      workers: participants.entryWorkers,
      hasNib: participants.entryHasNib,
    })
    .from(participants)
    .where(eq(participants.id, participantId))
    .get();
  if (!person) return null;
  const thresholds = thresholdsInForce(db);
  const reports = db
    .select({ id: stageEvidence.id, details: stageEvidence.details, occurredOn: stageEvidence.occurredOn })
    .from(stageEvidence)
    .where(and(eq(stageEvidence.participantId, participantId), eq(stageEvidence.kind, "financial_report"), eq(stageEvidence.status, "recorded")))
    .all()
    .map((r) => {
      const f = reportFigures(r.details);
      return { id: r.id, period: periodOf((r.details ?? {}) as Record<string, unknown>, r.occurredOn), f };
    })
    .sort((a, b) => a.period.localeCompare(b.period) || a.id - b.id);
  const latest = reports[reports.length - 1];
  const baselineClass = businessClass({ capital: person.capital, monthlyTurnover: person.turnover }, thresholds);
  const entry: FigurePoint = { period: jakartaDate(person.createdAt).slice(0, 7), turnover: person.turnover, assets: person.capital, workers: person.workers, entry: true };
  const hasEntry = person.turnover !== null || person.capital !== null || person.workers !== null;
  return {
    baseline: { turnover: person.turnover, capital: person.capital, workers: person.workers, hasNib: person.hasNib },
    baselineClass,
    currentClass: latest ? businessClass(latest.f, thresholds) : baselineClass,
    points: [
      ...(hasEntry ? [entry] : []),
      ...reports.map((r) => ({ period: r.period, turnover: r.f.monthlyTurnover, assets: r.f.capital, workers: r.f.workers, entry: false })),
    ],
    climbs: db
      .select({ kind: businessClimbs.kind, toClass: businessClimbs.toClass, occurredOn: businessClimbs.occurredOn })
      .from(businessClimbs)
      .where(eq(businessClimbs.participantId, participantId))
      .orderBy(businessClimbs.occurredOn, businessClimbs.id)
      .all(),
  };
}

/** The entrepreneur's own business (/saya): found by their account, never by an id from the request. */
export function ownOutcome(db: Db, userId: number): ParticipantOutcome | null {
  const own = db.select({ id: participants.id }).from(participants).where(eq(participants.userId, userId)).get();
  return own ? participantOutcome(db, own.id) : null;
}

// ─── Everyone in scope ───────────────────────────────────────────────────────

export type OutcomeRow = {
  id: number;
  maskedNik: string;
  district: string;
  cohort: string | null;
  agency: string;
  track: string;
  furthestStage: number;
  status: string;
  baseline: Figures;
  latest: Figures | null;
  latestPeriod: string | null;
  baselineClass: BusinessClass | null;
  latestClass: BusinessClass | null;
  climbs: number;
};

// The latest accepted report of a participant, read through the (participant_id, stage) index.
const latestReport = sql<string | null>`(SELECT json_object('details', json(e.details), 'on', e.occurred_on) FROM ${stageEvidence} e
  WHERE e.participant_id = ${participants.id} AND e.stage = 'financial_reporting' AND e.kind = 'financial_report' AND e.status = 'recorded'
  ORDER BY coalesce(json_extract(e.details, '$.period'), substr(e.occurred_on, 1, 7)) DESC, e.id DESC LIMIT 1)`;

/**
 * Every participant within `scope` (the viewer's: access/scope.server.ts participantScope) with the
 * three baseline figures known, and their latest report.
 */
export function outcomeRows(db: Db, scope: SQL, thresholds: ClassThresholds = thresholdsInForce(db)): OutcomeRow[] {
  return db
    .select({
      id: participants.id,
      maskedNik: participants.nikMasked,
      district: districts.name,
      cohort: cohorts.name,
      agency: agencies.name,
      track: participants.track,
      furthestStage: participants.furthestStage,
      status: participants.status,
      turnover: participants.entryTurnover,
      capital: participants.entryAssets,
      workers: participants.entryWorkers,
      latest: latestReport,
      climbs: sql<number>`(SELECT count(*) FROM ${businessClimbs} c WHERE c.participant_id = ${participants.id})`,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .innerJoin(agencies, eq(agencies.id, participants.agencyId))
    .leftJoin(cohorts, eq(cohorts.id, participants.cohortId))
    .where(
      and(
        scope,
        isNotNull(participants.entryTurnover),
        isNotNull(participants.entryAssets),
        isNotNull(participants.entryWorkers),
      ),
    )
    .orderBy(participants.id)
    .all()
    .map((r) => {
      const baseline = { turnover: r.turnover, capital: r.capital, workers: r.workers };
      const parsed = r.latest ? (JSON.parse(r.latest) as { details: Record<string, unknown>; on: string }) : null;
      const f = parsed ? reportFigures(parsed.details) : null;
      return {
        id: r.id,
        maskedNik: r.maskedNik,
        district: r.district,
        cohort: r.cohort,
        agency: r.agency,
        track: r.track,
        furthestStage: r.furthestStage,
        status: r.status,
        baseline,
        latest: f ? { turnover: f.monthlyTurnover, capital: f.capital, workers: f.workers } : null,
        latestPeriod: parsed ? periodOf(parsed.details, parsed.on) : null,
        baselineClass: businessClass({ capital: baseline.capital, monthlyTurnover: baseline.turnover }, thresholds),
        latestClass: f ? businessClass(f, thresholds) : null,
        climbs: r.climbs,
      };
    });
}

export type OutcomeGroup = {
  key: string;
  /** With the three baseline figures known. */
  withBaseline: number;
  /** Of those, with at least one accepted report: the businesses behind the changes. */
  withReport: number;
  /** Fewer than SMALL_GROUP businesses behind the changes. */
  small: boolean;
  climbs: number;
  change: Record<OutcomeMeasure, Spread | null>;
};

function groupKey(row: OutcomeRow, by: OutcomeGrouping): string {
  switch (by) {
    case "district":
      return row.district;
    case "cohort":
      return row.cohort ?? "";
    case "agency":
      return row.agency;
    case "track":
      return row.track;
    case "stage":
      return String(row.furthestStage);
  }
}

function summarise(key: string, rows: OutcomeRow[]): OutcomeGroup {
  const reported = rows.filter((r) => r.latest !== null);
  const change = Object.fromEntries(
    OUTCOME_MEASURES.map((m) => [
      m,
      spread(reported.flatMap((r) => (r.latest![m] !== null && r.baseline[m] !== null ? [r.latest![m]! - r.baseline[m]!] : []))),
    ]),
  ) as Record<OutcomeMeasure, Spread | null>;
  return {
    key,
    withBaseline: rows.length,
    withReport: reported.length,
    small: reported.length < SMALL_GROUP,
    climbs: rows.reduce((sum, r) => sum + r.climbs, 0),
    change,
  };
}

/** Change from baseline to the latest report per group (median and quartiles), and for everyone in scope. */
export function outcomeGroups(rows: OutcomeRow[], by: OutcomeGrouping): { total: OutcomeGroup; groups: OutcomeGroup[] } {
  const byKey = new Map<string, OutcomeRow[]>();
  for (const row of rows) {
    const key = groupKey(row, by);
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  const groups = [...byKey].map(([key, list]) => summarise(key, list));
  groups.sort((a, b) => (by === "stage" ? Number(a.key) - Number(b.key) : a.key.localeCompare(b.key)));
  return { total: summarise("", rows), groups };
}
