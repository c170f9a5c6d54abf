// Figures over time, for everyone with a baseline: the baseline at P1 (participants.entry_*), every
// accepted financial report (stage_evidence kind financial_report, status recorded: a mentor's, or the
// entrepreneur's own once accepted), and every answered follow-up after the programme (follow_ups with
// answered_at: its month is the Jakarta month of answered_at). Reports are ordered by period, then as
// recorded; a follow-up comes after the reports of its month.
//
// The latest figures are the latest point's. A follow-up asks no capital, so after a follow-up the
// capital is the latest report's (none when no report gave one: the baseline is never carried forward
// as an "after"), and the class is computed from the follow-up's turnover and that capital. A latest
// follow-up answered "no longer operating" makes the business closed: it has no latest figures, is
// counted apart and never in the changes. A person who no longer reports keeps their last figures in
// the changes and is counted apart too: that rule is the follow-ups' own, so the callers hand it in
// (follow-ups/outcomes.server.ts: this area stays below follow-ups, which uses participants' forms).
// A participant counts in the changes when the three baseline figures are known and a later figure
// exists; the groups also say how many have a baseline but no figure yet, so a median never hides who is missing.
import { and, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, businessClimbs, cohorts, districts, followUps, participants, stageEvidence } from "../../../db/schema";
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

/**
 * The shape the figures chart draws (assets: the business capital, never asked by a follow-up).
 * `followUp` marks an answer after the programme; both figures are null when it says the business stopped.
 */
export type FigurePoint = {
  period: string;
  turnover: number | null;
  assets: number | null;
  workers: number | null;
  entry: boolean;
  followUp: { monthsAfter: number; operating: boolean } | null;
};

type ReportPoint = { period: string; f: ReturnType<typeof reportFigures> };
type AnswerPoint = { period: string; operating: boolean; turnover: number | null; workers: number | null };
type Latest = { period: string | null; closed: boolean; figures: Figures | null; class: BusinessClass | null };

/**
 * The latest figures from the latest report and the latest answered follow-up (the module's rule):
 * the follow-up when its month is not before the report's, with the report's capital; closed when
 * that follow-up says the business no longer operates.
 */
function latestOf(report: ReportPoint | undefined, answer: AnswerPoint | undefined, thresholds: ClassThresholds): Latest {
  if (answer && (!report || answer.period >= report.period)) {
    if (!answer.operating) return { period: answer.period, closed: true, figures: null, class: null };
    const capital = report?.f.capital ?? null;
    return {
      period: answer.period,
      closed: false,
      figures: { turnover: answer.turnover, capital, workers: answer.workers },
      class: businessClass({ capital, monthlyTurnover: answer.turnover }, thresholds),
    };
  }
  if (!report) return { period: null, closed: false, figures: null, class: null };
  const f = report.f;
  return { period: report.period, closed: false, figures: { turnover: f.monthlyTurnover, capital: f.capital, workers: f.workers }, class: businessClass(f, thresholds) };
}

export type ParticipantOutcome = {
  baseline: Figures & { hasNib: boolean | null };
  baselineClass: BusinessClass | null;
  /** From the latest figures; null when closed or unknown. */
  currentClass: BusinessClass | null;
  points: FigurePoint[];
  climbs: { kind: ClimbKind; toClass: BusinessClass | null; occurredOn: string }[];
  /** The Jakarta day of the latest follow-up when it says the business no longer operates. */
  closedOn: string | null;
  /** A follow-up missed with nothing answered since (the cohort page's "tidak melapor lagi"). */
  notReporting: boolean;
};

/** One participant's outcome; `notReporting` is the follow-ups' rule for them today (follow-ups/outcomes.server.ts). */
export function participantOutcomeWith(db: Db, participantId: number, after: { notReporting: boolean }): ParticipantOutcome | null {
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
  // The answered follow-ups in due order (as the cohort page reads the latest one).
  const answers = db
    .select({ at: followUps.answeredAt, monthsAfter: followUps.monthsAfter, operating: followUps.operating, turnover: followUps.turnover, workers: followUps.workers })
    .from(followUps)
    .where(and(eq(followUps.participantId, participantId), isNotNull(followUps.answeredAt)))
    .orderBy(followUps.dueOn, followUps.monthsAfter)
    .all()
    .map((f) => ({ day: jakartaDate(f.at!), monthsAfter: f.monthsAfter, operating: f.operating === true, turnover: f.turnover, workers: f.workers }));
  const lastAnswer = answers[answers.length - 1];
  const latest = latestOf(reports[reports.length - 1], lastAnswer && { ...lastAnswer, period: lastAnswer.day.slice(0, 7) }, thresholds);
  const baselineClass = businessClass({ capital: person.capital, monthlyTurnover: person.turnover }, thresholds);
  const entry: FigurePoint = { period: jakartaDate(person.createdAt).slice(0, 7), turnover: person.turnover, assets: person.capital, workers: person.workers, entry: true, followUp: null };
  const hasEntry = person.turnover !== null || person.capital !== null || person.workers !== null;
  const later: FigurePoint[] = [
    ...reports.map((r) => ({ period: r.period, turnover: r.f.monthlyTurnover, assets: r.f.capital, workers: r.f.workers, entry: false, followUp: null })),
    ...answers.map((a) => ({ period: a.day.slice(0, 7), turnover: a.turnover, assets: null, workers: a.workers, entry: false, followUp: { monthsAfter: a.monthsAfter, operating: a.operating } })),
  ];
  // A stable sort: reports keep their order, and a follow-up follows the reports of its month.
  later.sort((a, b) => a.period.localeCompare(b.period));
  return {
    baseline: { turnover: person.turnover, capital: person.capital, workers: person.workers, hasNib: person.hasNib },
    baselineClass,
    currentClass: latest.closed ? null : latest.figures ? latest.class : baselineClass,
    points: [...(hasEntry ? [entry] : []), ...later],
    closedOn: latest.closed ? lastAnswer!.day : null,
    notReporting: !latest.closed && after.notReporting,
    climbs: db
      .select({ kind: businessClimbs.kind, toClass: businessClimbs.toClass, occurredOn: businessClimbs.occurredOn })
      .from(businessClimbs)
      .where(eq(businessClimbs.participantId, participantId))
      .orderBy(businessClimbs.occurredOn, businessClimbs.id)
      .all(),
  };
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
  /** The latest follow-up says the business no longer operates: no latest figures, counted apart. */
  closed: boolean;
  /** No longer reports after the programme (and not closed): counted apart, with the last figures they gave. */
  notReporting: boolean;
};

// The latest accepted report of a participant, read through the (participant_id, stage) index.
const latestReport = sql<string | null>`(SELECT json_object('details', json(e.details), 'on', e.occurred_on) FROM ${stageEvidence} e
  WHERE e.participant_id = ${participants.id} AND e.stage = 'financial_reporting' AND e.kind = 'financial_report' AND e.status = 'recorded'
  ORDER BY coalesce(json_extract(e.details, '$.period'), substr(e.occurred_on, 1, 7)) DESC, e.id DESC LIMIT 1)`;

// The latest answered follow-up, in due order (as the cohort page reads it), through (participant_id, months_after).
const latestAnswer = sql<string | null>`(SELECT json_object('at', f.answered_at, 'operating', f.operating, 'turnover', f.turnover, 'workers', f.workers)
  FROM ${followUps} f WHERE f.participant_id = ${participants.id} AND f.answered_at IS NOT NULL ORDER BY f.due_on DESC, f.months_after DESC LIMIT 1)`;

/**
 * Every participant within `scope` (the viewer's: access/scope.server.ts participantScope) with the
 * three baseline figures known, and their latest figures (the module's rule); `after.notReporting` is the
 * follow-ups' condition over participants (follow-ups/outcomes.server.ts).
 */
export function outcomeRowsWith(db: Db, scope: SQL, after: { notReporting: SQL }, thresholds: ClassThresholds = thresholdsInForce(db)): OutcomeRow[] {
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
      answer: latestAnswer,
      notReporting: sql<number>`${after.notReporting}`,
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
      const answer = r.answer ? (JSON.parse(r.answer) as { at: number; operating: number; turnover: number | null; workers: number | null }) : null;
      const latest = latestOf(
        parsed ? { period: periodOf(parsed.details, parsed.on), f: reportFigures(parsed.details) } : undefined,
        answer ? { period: jakartaDate(answer.at).slice(0, 7), operating: answer.operating === 1, turnover: answer.turnover, workers: answer.workers } : undefined,
        thresholds,
      );
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
        latest: latest.figures,
        latestPeriod: latest.period,
        baselineClass: businessClass({ capital: baseline.capital, monthlyTurnover: baseline.turnover }, thresholds),
        latestClass: latest.class,
        climbs: r.climbs,
        closed: latest.closed,
        notReporting: !latest.closed && r.notReporting === 1,
      };
    });
}

export type OutcomeGroup = {
  key: string;
  /** With the three baseline figures known. */
  withBaseline: number;
  /** Of those, with a later figure (an accepted report or a follow-up) and not closed: the businesses behind the changes. */
  withReport: number;
  /** Closed: the latest follow-up says the business no longer operates (not in the changes). */
  closed: number;
  /** No longer reporting after the programme (in the changes with their last figures). */
  notReporting: number;
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
    closed: rows.filter((r) => r.closed).length,
    notReporting: rows.filter((r) => r.notReporting).length,
    small: reported.length < SMALL_GROUP,
    climbs: rows.reduce((sum, r) => sum + r.climbs, 0),
    change,
  };
}

/** Change from baseline to the latest figures per group (median and quartiles), and for everyone in scope. */
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
