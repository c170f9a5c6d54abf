// Before and after for graduated participants: the business figures given at entry
// (participants.entry_*) against their last financial report (P6 evidence, details
// { period, turnover, assets, workers }; the last is the latest period, then the latest recorded).
// A participant counts when they have both the entry figures and a report; the others are named
// as "without figures" so an average never hides who is missing.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { cohorts, districts, participants, stageEvidence } from "../../../db/schema";
import { participantScope, type Viewer } from "../access/scope.server";
import { INDICATOR_COHORT_LIMIT } from "./options";


export type IndicatorSums = {
  graduated: number;
  counted: number;
  turnoverBefore: number;
  turnoverAfter: number;
  assetsBefore: number;
  assetsAfter: number;
  workersBefore: number;
  workersAfter: number;
};
export type IndicatorRow = IndicatorSums & { id: number; name: string };

const empty = (): IndicatorSums => ({
  graduated: 0, counted: 0, turnoverBefore: 0, turnoverAfter: 0, assetsBefore: 0, assetsAfter: 0, workersBefore: 0, workersAfter: 0,
});

type Figures = { districtId: number; cohortId: number | null; before: [number, number, number] | null; after: [number, number, number] | null };

function add(sums: IndicatorSums, f: Figures): void {
  sums.graduated++;
  if (!f.before || !f.after) return;
  sums.counted++;
  sums.turnoverBefore += f.before[0];
  sums.assetsBefore += f.before[1];
  sums.workersBefore += f.before[2];
  sums.turnoverAfter += f.after[0];
  sums.assetsAfter += f.after[1];
  sums.workersAfter += f.after[2];
}

/** Each graduated participant in scope with their entry figures and last report. */
export function graduatedFigures(db: Db, viewer: Viewer): Figures[] {
  const graduated = and(eq(participants.status, "graduated"), participantScope(db, viewer))!;
  const people = db
    .select({
      id: participants.id,
      districtId: participants.districtId,
      cohortId: participants.cohortId,
      turnover: participants.entryTurnover,
      assets: participants.entryAssets,
      workers: participants.entryWorkers,
    })
    .from(participants)
    .where(graduated)
    .all();
  const reports = db
    .select({
      participantId: stageEvidence.participantId,
      turnover: sql<number | null>`json_extract(${stageEvidence.details}, '$.turnover')`,
      assets: sql<number | null>`json_extract(${stageEvidence.details}, '$.assets')`,
      workers: sql<number | null>`json_extract(${stageEvidence.details}, '$.workers')`,
    })
    .from(stageEvidence)
    .innerJoin(participants, eq(participants.id, stageEvidence.participantId))
    .where(and(graduated, eq(stageEvidence.kind, "financial_report"), eq(stageEvidence.status, "recorded")))
    // Ascending, so the last one kept per participant below is the latest.
    .orderBy(sql`json_extract(${stageEvidence.details}, '$.period')`, stageEvidence.id)
    .all();
  const last = new Map(reports.map((r) => [r.participantId, r]));
  const triple = (t: number | null, a: number | null, w: number | null): [number, number, number] | null =>
    t == null || a == null || w == null ? null : [Number(t), Number(a), Number(w)];
  return people.map((p) => {
    const report = last.get(p.id);
    return {
      districtId: p.districtId,
      cohortId: p.cohortId,
      before: triple(p.turnover, p.assets, p.workers),
      after: report ? triple(report.turnover, report.assets, report.workers) : null,
    };
  });
}

function group(figures: Figures[], key: (f: Figures) => number | null): Map<number, IndicatorSums> {
  const sums = new Map<number, IndicatorSums>();
  for (const f of figures) {
    const k = key(f);
    if (k === null) continue;
    let s = sums.get(k);
    if (!s) sums.set(k, (s = empty()));
    add(s, f);
  }
  return sums;
}

export function getIndicators(db: Db, viewer: Viewer) {
  const figures = graduatedFigures(db, viewer);
  const total = empty();
  figures.forEach((f) => add(total, f));
  const byDistrict = group(figures, (f) => f.districtId);
  const byCohort = [...group(figures, (f) => f.cohortId)].sort(([ia, a], [ib, b]) => b.graduated - a.graduated || ia - ib);
  const shownCohorts = byCohort.slice(0, INDICATOR_COHORT_LIMIT);
  const names = (table: typeof districts | typeof cohorts, ids: number[]) =>
    new Map(ids.length ? db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids)).all().map((r) => [r.id, r.name]) : []);
  const districtNames = names(districts, [...byDistrict.keys()]);
  const cohortNames = names(cohorts, shownCohorts.map(([id]) => id));
  return {
    total,
    districts: [...byDistrict]
      .map(([id, s]) => ({ id, name: districtNames.get(id) ?? String(id), ...s }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    cohorts: shownCohorts.map(([id, s]) => ({ id, name: cohortNames.get(id) ?? String(id), ...s })),
    cohortsTotal: byCohort.length,
  };
}
