// What each results page of a round shows, for one viewer: the heat map with the scatter, a district,
// a partner organisation. Every figure comes from results.server.ts (scores), pipeline.server.ts (the
// dashboard's figures) and response-rate.server.ts; this module only puts them together.
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { RespondentGroup } from "../../../machines/vocabulary";
import type { Viewer } from "../access/scope.server";
import { districtMedians, districtPipelines, type DistrictPipeline } from "./pipeline.server";
import { rateOf, responseRates, type DistrictRate } from "./response-rate.server";
import {
  changes,
  districtAndScopeScores,
  districtScores,
  findRoundForViewer,
  loadStructure,
  organisationScores,
  organisationsInRound,
  previousRound,
  type Changes,
  type GroupScores,
  type Round,
  type Scored,
  type Structure,
} from "./results.server";
import { MIN_GROUP_SIZE, pearson } from "./scoring";

/** Labels of the instrument, without the statements (the results never show single statements). */
export type Labels = {
  indicators: { id: number; labelId: string; labelEn: string; subs: { id: number; labelId: string; labelEn: string }[] }[];
  bands: Structure["bands"];
};

const labelsOf = (s: Structure): Labels => ({
  indicators: s.indicators.map((i) => ({ id: i.id, labelId: i.labelId, labelEn: i.labelEn, subs: i.subs.map((u) => ({ id: u.id, labelId: u.labelId, labelEn: u.labelEn })) })),
  bands: s.bands,
});

export type ScatterPoint = { districtId: number; name: string; /** The process score (float, for placing). */ x: number; hundredths: number; /** Share stalled 0–1. */ y: number };

export type RoundOverview = {
  round: Round;
  labels: Labels;
  minGroup: number;
  districts: {
    id: number;
    name: string;
    scores: GroupScores;
    hiddenGroups: Scored["hiddenGroups"];
    rate: DistrictRate;
    pipeline: DistrictPipeline;
  }[];
  total: GroupScores;
  /** Every district's process score (the first indicator) against its share stalled, and Pearson's r over them. */
  scatter: { indicatorId: number | null; points: ScatterPoint[]; r: number | null };
  asOf: number;
};

export function roundOverview(db: Db, viewer: Viewer, roundId: number, now = Date.now()): RoundOverview | null {
  const found = findRoundForViewer(db, viewer, roundId);
  if (!found) return null;
  const { round, districts } = found;
  const structure = loadStructure(db, round.instrumentId);
  const ids = districts.map((d) => d.id);
  const { districts: scored, scope } = districtAndScopeScores(db, round.id, structure, ids);
  const rates = new Map(responseRates(db, round.id, ids).map((r) => [r.districtId, r]));
  const pipelines = districtPipelines(db, viewer, ids, round, now);
  const rows = districts.map((d) => {
    const s = scored.get(d.id)!;
    return { id: d.id, name: d.name, scores: s.total, hiddenGroups: s.hiddenGroups, rate: rates.get(d.id)!, pipeline: pipelines.get(d.id)! };
  });
  const process = structure.indicators[0];
  const points: ScatterPoint[] = [];
  for (const row of rows) {
    const score = row.scores.indicators[0]?.score;
    if (!score || row.pipeline.active === 0) continue;
    points.push({ districtId: row.id, name: row.name, x: score.value, hundredths: score.hundredths, y: row.pipeline.share });
  }
  return {
    round,
    labels: labelsOf(structure),
    minGroup: MIN_GROUP_SIZE,
    districts: rows,
    total: scope.total,
    scatter: { indicatorId: process?.id ?? null, points, r: pearson(points) },
    asOf: now,
  };
}

export type DistrictView = {
  round: Round;
  labels: Labels;
  minGroup: number;
  district: { id: number; name: string };
  scored: Scored;
  /** Change in hundredths since the previous round. */
  change: Changes;
  previous: { id: number; name: string } | null;
  rate: DistrictRate;
  pipeline: DistrictPipeline;
  medians: ReturnType<typeof districtMedians>;
  asOf: number;
};

export function districtView(db: Db, viewer: Viewer, roundId: number, districtId: number, now = Date.now()): DistrictView | null {
  const found = findRoundForViewer(db, viewer, roundId);
  const district = found?.districts.find((d) => d.id === districtId);
  if (!found || !district) return null;
  const { round } = found;
  const structure = loadStructure(db, round.instrumentId);
  const scored = districtScores(db, round.id, structure, [districtId]).get(districtId)!;
  const before = previousRound(db, round);
  let change: Changes = { indicators: {}, subs: {} };
  if (before) {
    const previousStructure = loadStructure(db, before.instrumentId);
    change = changes(structure, scored.total, previousStructure, districtScores(db, before.id, previousStructure, [districtId]).get(districtId)?.total);
  }
  return {
    round,
    labels: labelsOf(structure),
    minGroup: MIN_GROUP_SIZE,
    district,
    scored,
    change,
    previous: before ? { id: before.id, name: before.name } : null,
    rate: responseRates(db, round.id, [districtId])[0]!,
    pipeline: districtPipelines(db, viewer, [districtId], round, now).get(districtId)!,
    medians: districtMedians(db, districtId),
    asOf: now,
  };
}

export type OrganisationView = {
  round: Round;
  labels: Labels;
  minGroup: number;
  organisation: { id: number; name: string };
  scored: Scored;
  /** The organisation's referrals: how many, and how many the partner recorded an outcome for. */
  referrals: { referred: number; withOutcome: number };
};

/** A partner organisation's results in a round: coordinators only, over the responses of their districts. */
export function organisationView(db: Db, viewer: Viewer, roundId: number, organisationId: number): OrganisationView | null {
  if (viewer.role !== "coordinator") return null;
  const found = findRoundForViewer(db, viewer, roundId);
  if (!found) return null;
  const ids = found.districts.map((d) => d.id);
  // Organisations are not placed in a district (every coordinator sees them): one without answers
  // from the viewer's districts shows as too few respondents.
  const organisation = db.get<{ id: number; name: string }>(sql`SELECT id, name FROM organisations WHERE id = ${organisationId}`);
  if (!organisation) return null;
  const structure = loadStructure(db, found.round.instrumentId);
  const idSql = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const referrals = db.get<{ referred: number; withOutcome: number }>(sql`
    SELECT count(*) AS referred, count(rf.outcome_at) AS withOutcome FROM referrals rf JOIN participants p ON p.id = rf.participant_id
    WHERE rf.organisation_id = ${organisationId} AND p.district_id IN (${idSql})`)!;
  return {
    round: found.round,
    labels: labelsOf(structure),
    minGroup: MIN_GROUP_SIZE,
    organisation,
    scored: organisationScores(db, found.round.id, structure, organisationId, ids),
    referrals,
  };
}

/** The organisations a coordinator can open from the round's page. */
export function roundOrganisations(db: Db, viewer: Viewer, roundId: number) {
  if (viewer.role !== "coordinator") return [];
  const found = findRoundForViewer(db, viewer, roundId);
  return found ? organisationsInRound(db, roundId, found.districts.map((d) => d.id)) : [];
}

export { rateOf };
export type { RespondentGroup };
