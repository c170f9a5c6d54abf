// A survey round's results: scores per district, per respondent group and per partner organisation,
// for the viewer's districts. The database sums the answers per statement; scoring.ts turns the sums
// into scores and bands. Only submitted responses count (drafts are the respondent's own), and no
// figure below MIN_GROUP_SIZE respondents is shown (scoring.ts isShown): a small respondent group is
// merged into its district's total and not shown on its own; a district or organisation with fewer
// respondents in all is hidden, and the pages say so.
//
// A response speaks for one or more districts (survey_response_districts, captured when answered):
// a mentor serving two districts counts in both, once in each, and once in a total over several.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { RESPONDENT_GROUPS, type RespondentGroup } from "../../../machines/vocabulary";
import { districtOptionsInScope, type Viewer } from "../access/scope.server";
import { indicatorScore, isShown, isWeak, showScore, subIndicatorScore, type Band, type ShownScore, type StatementTally } from "./scoring";

// ─── The round and its instrument ────────────────────────────────────────────

export type Round = {
  id: number;
  name: string;
  periodStart: string;
  periodEnd: string;
  instrumentId: number;
  instrumentCode: string;
  closedAt: number | null;
};

export type Statement = { id: number; reverse: boolean };
export type SubIndicator = { id: number; position: number; labelId: string; labelEn: string; statements: Statement[] };
export type Indicator = { id: number; position: number; labelId: string; labelEn: string; subs: SubIndicator[] };
export type Structure = {
  indicators: Indicator[];
  /** The instrument's bands, highest first, with their labels. */
  bands: (Band & { labelId: string; labelEn: string })[];
};

/** The districts a round asks (every district for a province round). */
function roundDistrictIds(db: Db, roundId: number): Set<number> {
  const rows = db.all<{ id: number }>(sql`
    SELECT d.id FROM districts d JOIN survey_rounds r ON r.id = ${roundId}
    WHERE r.scope = 'province' OR d.id IN (SELECT district_id FROM survey_round_districts WHERE round_id = r.id)`);
  return new Set(rows.map((r) => r.id));
}

/**
 * A round the viewer may read results of, with the districts they may read: the round's districts
 * within the viewer's (a coordinator's city or the province, a mentor's assigned districts). Null
 * when the round does not exist or shares no district with the viewer (the page answers 404).
 */
export function findRoundForViewer(db: Db, viewer: Viewer, roundId: number): { round: Round; districts: { id: number; name: string }[] } | null {
  if (viewer.role !== "coordinator" && viewer.role !== "mentor") return null;
  const round = db.get<Round>(sql`
    SELECT r.id, r.name, r.period_start AS periodStart, r.period_end AS periodEnd, r.instrument_id AS instrumentId,
      i.code AS instrumentCode, r.closed_at AS closedAt
    FROM survey_rounds r JOIN survey_instruments i ON i.id = r.instrument_id WHERE r.id = ${roundId}`);
  if (!round) return null;
  const asked = roundDistrictIds(db, roundId);
  const districts = districtOptionsInScope(db, viewer).filter((d) => asked.has(d.id));
  return districts.length === 0 ? null : { round, districts };
}

/** The rounds whose results the viewer may read, newest period first. */
export function roundsForViewer(db: Db, viewer: Viewer): (Round & { districts: number })[] {
  if (viewer.role !== "coordinator" && viewer.role !== "mentor") return [];
  const mine = districtOptionsInScope(db, viewer).map((d) => d.id);
  if (mine.length === 0) return [];
  const ids = sql.join(mine.map((id) => sql`${id}`), sql`, `);
  return db.all<Round & { districts: number }>(sql`
    SELECT r.id, r.name, r.period_start AS periodStart, r.period_end AS periodEnd, r.instrument_id AS instrumentId,
      i.code AS instrumentCode, r.closed_at AS closedAt,
      CASE WHEN r.scope = 'province' THEN ${mine.length}
        ELSE (SELECT count(*) FROM survey_round_districts rd WHERE rd.round_id = r.id AND rd.district_id IN (${ids})) END AS districts
    FROM survey_rounds r JOIN survey_instruments i ON i.id = r.instrument_id
    WHERE r.scope = 'province' OR EXISTS (SELECT 1 FROM survey_round_districts rd WHERE rd.round_id = r.id AND rd.district_id IN (${ids}))
    ORDER BY r.period_start DESC, r.id DESC`);
}

export function loadStructure(db: Db, instrumentId: number): Structure {
  const rows = db.all<{
    indicatorId: number;
    indicatorPosition: number;
    indicatorLabelId: string;
    indicatorLabelEn: string;
    subId: number;
    subPosition: number;
    subLabelId: string;
    subLabelEn: string;
    statementId: number | null;
    reverse: number | null;
  }>(sql`
    SELECT ind.id AS indicatorId, ind.position AS indicatorPosition, ind.label_id AS indicatorLabelId, ind.label_en AS indicatorLabelEn,
      sub.id AS subId, sub.position AS subPosition, sub.label_id AS subLabelId, sub.label_en AS subLabelEn,
      st.id AS statementId, st.reverse AS reverse
    FROM survey_indicators ind
    JOIN survey_sub_indicators sub ON sub.indicator_id = ind.id
    LEFT JOIN survey_statements st ON st.sub_indicator_id = sub.id
    WHERE ind.instrument_id = ${instrumentId}
    ORDER BY ind.position, sub.position, st.position`);
  const indicators: Indicator[] = [];
  for (const r of rows) {
    let indicator = indicators.at(-1);
    if (indicator?.id !== r.indicatorId) {
      indicator = { id: r.indicatorId, position: r.indicatorPosition, labelId: r.indicatorLabelId, labelEn: r.indicatorLabelEn, subs: [] };
      indicators.push(indicator);
    }
    let sub = indicator.subs.at(-1);
    if (sub?.id !== r.subId) {
      sub = { id: r.subId, position: r.subPosition, labelId: r.subLabelId, labelEn: r.subLabelEn, statements: [] };
      indicator.subs.push(sub);
    }
    if (r.statementId !== null) sub.statements.push({ id: r.statementId, reverse: r.reverse === 1 });
  }
  const bands = db
    .all<{ lowerBound: number; code: string; labelId: string; labelEn: string }>(
      sql`SELECT lower_bound AS lowerBound, code, label_id AS labelId, label_en AS labelEn FROM survey_bands WHERE instrument_id = ${instrumentId} ORDER BY lower_bound DESC`,
    )
    // Bounds are stored as decimals (4.0); scoring compares in whole hundredths.
    .map((b) => ({ code: b.code, minHundredths: Math.round(b.lowerBound * 100), labelId: b.labelId, labelEn: b.labelEn }));
  return { indicators, bands };
}

// ─── Scores ──────────────────────────────────────────────────────────────────

/** Per statement: the sum and number of its answers. */
export type Tallies = Map<number, { sum: number; count: number }>;

export type ScoredSub = { id: number; score: ShownScore | null; weak: boolean };
export type ScoredIndicator = { id: number; score: ShownScore | null; weak: boolean; subs: ScoredSub[] };
/** A group's scores; null scores when the group is too small to show (`shown` false). */
export type GroupScores = { respondents: number; shown: boolean; indicators: ScoredIndicator[] };

/**
 * Scores of one group of respondents from its tallies. A sub-indicator is weak when its most
 * answered statement has fewer than MIN_GROUP_SIZE answers (a statement left unanswered by some);
 * an indicator is weak when any of its sub-indicators is.
 */
export function scoreGroup(structure: Structure, tallies: Tallies, respondents: number): GroupScores {
  const shown = isShown(respondents);
  const indicators = structure.indicators.map((indicator) => {
    const subs = indicator.subs.map((sub) => {
      const counts: StatementTally[] = sub.statements.map((st) => ({ reverse: st.reverse, ...(tallies.get(st.id) ?? { sum: 0, count: 0 }) }));
      const exact = subIndicatorScore(counts);
      return { id: sub.id, exact, weak: isWeak(Math.max(0, ...counts.map((c) => c.count))) };
    });
    const exact = indicatorScore(subs.map((s) => s.exact));
    return {
      id: indicator.id,
      score: shown ? showScore(exact, structure.bands) : null,
      weak: subs.some((s) => s.weak),
      subs: subs.map((s) => ({ id: s.id, score: shown ? showScore(s.exact, structure.bands) : null, weak: s.weak })),
    };
  });
  return { respondents, shown, indicators };
}

type TallyRow = { key: number; grp: RespondentGroup; statementId: number; sum: number; count: number };
type CountRow = { key: number; grp: RespondentGroup; respondents: number };

/** Tallies and respondents of a round's submitted responses, by a key and group, for the responses `which` selects. */
function readTallies(db: Db, roundId: number, keyOf: SQL, from: SQL, which: SQL): { tallies: TallyRow[]; counts: CountRow[] } {
  const tallies = db.all<TallyRow>(sql`
    SELECT ${keyOf} AS key, r.respondent_group AS grp, a.statement_id AS statementId, sum(a.value) AS sum, count(*) AS count
    FROM survey_responses r ${from} JOIN survey_answers a ON a.response_id = r.id
    WHERE r.round_id = ${roundId} AND r.status = 'submitted' AND ${which}
    GROUP BY key, grp, statementId`);
  const counts = db.all<CountRow>(sql`
    SELECT ${keyOf} AS key, r.respondent_group AS grp, count(*) AS respondents
    FROM survey_responses r ${from}
    WHERE r.round_id = ${roundId} AND r.status = 'submitted' AND ${which}
    GROUP BY key, grp`);
  return { tallies, counts };
}

const idList = (ids: number[]) => (ids.length ? sql.join(ids.map((id) => sql`${id}`), sql`, `) : sql`NULL`);

/** One key's (a district's, an organisation's) scores in all and per group shown, and the groups hidden. */
export type Scored = {
  total: GroupScores;
  groups: (GroupScores & { group: RespondentGroup })[];
  /** Groups that answered but are too small to show on their own (merged into the total). */
  hiddenGroups: { group: RespondentGroup; respondents: number }[];
};

function scoreKeys(structure: Structure, keys: number[], read: { tallies: TallyRow[]; counts: CountRow[] }): Map<number, Scored> {
  const result = new Map<number, Scored>();
  for (const key of keys) {
    const total: Tallies = new Map();
    const perGroup = new Map<RespondentGroup, Tallies>();
    for (const row of read.tallies) {
      if (row.key !== key) continue;
      const t = total.get(row.statementId) ?? { sum: 0, count: 0 };
      total.set(row.statementId, { sum: t.sum + row.sum, count: t.count + row.count });
      const g = perGroup.get(row.grp) ?? new Map();
      g.set(row.statementId, { sum: row.sum, count: row.count });
      perGroup.set(row.grp, g);
    }
    const counts = read.counts.filter((c) => c.key === key);
    const respondents = counts.reduce((n, c) => n + c.respondents, 0);
    const byGroup = RESPONDENT_GROUPS.map((group) => ({ group, respondents: counts.find((c) => c.grp === group)?.respondents ?? 0 })).filter((g) => g.respondents > 0);
    result.set(key, {
      total: scoreGroup(structure, total, respondents),
      groups: byGroup.filter((g) => isShown(g.respondents)).map((g) => ({ group: g.group, ...scoreGroup(structure, perGroup.get(g.group) ?? new Map(), g.respondents) })),
      hiddenGroups: byGroup.filter((g) => !isShown(g.respondents)),
    });
  }
  return result;
}

/** Scores of the given districts in a round, each over the responses that speak for it. */
export function districtScores(db: Db, roundId: number, structure: Structure, districtIds: number[]): Map<number, Scored> {
  const read = readTallies(db, roundId, sql`rd.district_id`, sql`JOIN survey_response_districts rd ON rd.response_id = r.id`, sql`rd.district_id IN (${idList(districtIds)})`);
  return scoreKeys(structure, districtIds, read);
}

/**
 * Scores of the given districts, and over all of them with each response once (the heat map's total).
 * The total is the districts' tallies summed, less what a response speaking for several of them added
 * more than once: one pass over the round's answers and a small one over those few responses
 * (mentors, partner staff, coordinators), rather than a second pass over every answer.
 */
export function districtAndScopeScores(db: Db, roundId: number, structure: Structure, districtIds: number[]): { districts: Map<number, Scored>; scope: Scored } {
  const read = readTallies(db, roundId, sql`rd.district_id`, sql`JOIN survey_response_districts rd ON rd.response_id = r.id`, sql`rd.district_id IN (${idList(districtIds)})`);
  const multi = sql`(SELECT rd.response_id, count(*) - 1 AS extra FROM survey_response_districts rd JOIN survey_responses r ON r.id = rd.response_id
    WHERE r.round_id = ${roundId} AND r.status = 'submitted' AND rd.district_id IN (${idList(districtIds)})
    GROUP BY rd.response_id HAVING count(*) > 1)`;
  const extraTallies = db.all<Omit<TallyRow, "key">>(sql`
    SELECT r.respondent_group AS grp, a.statement_id AS statementId, sum(a.value * m.extra) AS sum, sum(m.extra) AS count
    FROM ${multi} m JOIN survey_responses r ON r.id = m.response_id JOIN survey_answers a ON a.response_id = r.id
    GROUP BY grp, statementId`);
  const extraCounts = db.all<Omit<CountRow, "key">>(sql`
    SELECT r.respondent_group AS grp, sum(m.extra) AS respondents FROM ${multi} m JOIN survey_responses r ON r.id = m.response_id GROUP BY grp`);
  const tallies = new Map<string, TallyRow>();
  const add = (grp: RespondentGroup, statementId: number, sum: number, count: number) => {
    const key = `${grp}|${statementId}`;
    const row = tallies.get(key) ?? { key: 0, grp, statementId, sum: 0, count: 0 };
    tallies.set(key, { ...row, sum: row.sum + sum, count: row.count + count });
  };
  for (const row of read.tallies) add(row.grp, row.statementId, row.sum, row.count);
  for (const row of extraTallies) add(row.grp, row.statementId, -row.sum, -row.count);
  const counts = new Map<RespondentGroup, number>();
  for (const row of read.counts) counts.set(row.grp, (counts.get(row.grp) ?? 0) + row.respondents);
  for (const row of extraCounts) counts.set(row.grp, (counts.get(row.grp) ?? 0) - row.respondents);
  const scope = scoreKeys(structure, [0], {
    tallies: [...tallies.values()],
    counts: [...counts].map(([grp, respondents]) => ({ key: 0, grp, respondents })),
  }).get(0)!;
  return { districts: scoreKeys(structure, districtIds, read), scope };
}

const inDistricts = (districtIds: number[]) =>
  sql`EXISTS (SELECT 1 FROM survey_response_districts rd WHERE rd.response_id = r.id AND rd.district_id IN (${idList(districtIds)}))`;

/**
 * The responses counted for a partner organisation: its own staff's, and the entrepreneurs' it
 * served (referred to it), among those speaking for the viewer's districts.
 */
export function organisationResponses(organisation: number | SQL, districtIds: number[]): SQL {
  return sql`(r.organisation_id = ${organisation}
    OR (r.respondent_group = 'entrepreneur' AND r.participant_id IN (SELECT participant_id FROM referrals WHERE organisation_id = ${organisation})))
    AND ${inDistricts(districtIds)}`;
}

export function organisationScores(db: Db, roundId: number, structure: Structure, organisationId: number, districtIds: number[]): Scored {
  const read = readTallies(db, roundId, sql`0`, sql``, organisationResponses(organisationId, districtIds));
  return scoreKeys(structure, [0], read).get(0)!;
}

/** The organisations with any submitted response counted for them in the round (staff or served), by name. */
export function organisationsInRound(db: Db, roundId: number, districtIds: number[]): { id: number; name: string; respondents: number }[] {
  return db.all<{ id: number; name: string; respondents: number }>(sql`
    SELECT o.id, o.name, (SELECT count(*) FROM survey_responses r WHERE r.round_id = ${roundId} AND r.status = 'submitted'
      AND ${organisationResponses(sql.raw("o.id"), districtIds)}) AS respondents
    FROM organisations o ORDER BY o.name`).filter((o) => o.respondents > 0);
}

/** The round of the same questionnaire before this one (by period), if any. */
export function previousRound(db: Db, round: Round): { id: number; instrumentId: number; name: string } | null {
  return (
    db.get<{ id: number; instrumentId: number; name: string }>(sql`
      SELECT r.id, r.instrument_id AS instrumentId, r.name FROM survey_rounds r JOIN survey_instruments i ON i.id = r.instrument_id
      WHERE i.code = ${round.instrumentCode} AND r.id <> ${round.id}
        AND (r.period_start < ${round.periodStart} OR (r.period_start = ${round.periodStart} AND r.id < ${round.id}))
      ORDER BY r.period_start DESC, r.id DESC LIMIT 1`) ?? null
  );
}

/** Change since a previous round in hundredths, by indicator id and by sub-indicator id (two id spaces). */
export type Changes = { indicators: Record<number, number>; subs: Record<number, number> };

/**
 * Change since a previous round, in hundredths of the scores as shown, per indicator and
 * sub-indicator of this round. Versions of a questionnaire may differ: indicators and
 * sub-indicators are matched by their position; any without a shown score on both sides has none.
 */
export function changes(current: Structure, scores: GroupScores, previous: Structure, before: GroupScores | undefined): Changes {
  const change: Changes = { indicators: {}, subs: {} };
  if (!before?.shown) return change;
  current.indicators.forEach((indicator, i) => {
    const j = previous.indicators.findIndex((p) => p.position === indicator.position);
    if (j < 0) return;
    const now = scores.indicators[i]?.score;
    const then = before.indicators[j]?.score;
    if (now && then) change.indicators[indicator.id] = now.hundredths - then.hundredths;
    indicator.subs.forEach((sub, k) => {
      const m = previous.indicators[j]!.subs.findIndex((p) => p.position === sub.position);
      const subNow = scores.indicators[i]?.subs[k]?.score;
      const subThen = m < 0 ? null : before.indicators[j]?.subs[m]?.score;
      if (subNow && subThen) change.subs[sub.id] = subNow.hundredths - subThen.hundredths;
    });
  });
  return change;
}
