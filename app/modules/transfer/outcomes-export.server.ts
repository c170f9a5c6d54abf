// The outcomes as files: per participant (identity masked: the masked NIK, no name or phone) and per
// group (medians and quartiles, the businesses behind them, small groups marked), CSV or XLSX.
import type { Db } from "../../../db/client";
import { participantScope, type Viewer } from "../access/scope.server";
import { outcomeRows } from "../follow-ups/outcomes.server";
import { outcomeGroups } from "../outcomes/figures.server";
import { OUTCOME_MEASURES, type OutcomeGrouping } from "../outcomes/groupings";
import type { Cell } from "./csv";
import { exportComputedRows, type ExportFile, type ExportFormat, type Translate } from "./export.server";

const change = (after: number | null | undefined, before: number | null) => (after == null || before == null ? null : after - before);

export function exportOutcomePeople(db: Db, viewer: Viewer, format: ExportFormat, t: Translate): ExportFile {
  const header = [
    "id", "nikMasked", "district", "cohort", "agency", "track", "furthestStage", "status",
    "turnoverBaseline", "capitalBaseline", "workersBaseline", "classBaseline", "reportPeriod",
    "turnoverLatest", "capitalLatest", "workersLatest", "classLatest", "turnoverChange", "capitalChange", "workersChange", "climbs", "afterProgramme",
  ].map((key) => t(`outcomes.col.${key}`));
  const rows: Cell[][] = outcomeRows(db, participantScope(db, viewer)).map((r) => [
    r.id, r.maskedNik, r.district, r.cohort, r.agency, r.track, r.furthestStage, r.status,
    r.baseline.turnover, r.baseline.capital, r.baseline.workers, r.baselineClass, r.latestPeriod,
    r.latest?.turnover ?? null, r.latest?.capital ?? null, r.latest?.workers ?? null, r.latestClass,
    change(r.latest?.turnover, r.baseline.turnover), change(r.latest?.capital, r.baseline.capital), change(r.latest?.workers, r.baseline.workers), r.climbs,
    r.closed ? t("outcomes.col.closed") : r.notReporting ? t("outcomes.col.notReporting") : "",
  ]);
  return exportComputedRows(t("outcomes.col.peopleFile"), format, header, rows);
}

export function exportOutcomeGroups(db: Db, viewer: Viewer, by: OutcomeGrouping, format: ExportFormat, t: Translate): ExportFile {
  const { total, groups } = outcomeGroups(outcomeRows(db, participantScope(db, viewer)), by);
  const header = [
    t(`outcomes.grouping.${by}`), t("outcomes.col.withBaseline"), t("outcomes.col.withReport"), t("outcomes.col.closed"), t("outcomes.col.notReporting"), t("outcomes.col.small"),
    ...OUTCOME_MEASURES.flatMap((m) => ["q1", "median", "q3"].map((q) => t(`outcomes.col.${m}Change`) + ` (${t(`outcomes.col.${q}`)})`)),
    t("outcomes.col.climbs"),
  ];
  const rows: Cell[][] = [{ ...total, key: t("outcomes.total") }, ...groups].map((g) => [
    g.key, g.withBaseline, g.withReport, g.closed, g.notReporting, g.small ? t("outcomes.col.yes") : "",
    ...OUTCOME_MEASURES.flatMap((m) => {
      const s = g.change[m];
      return s ? [s.q1, s.median, s.q3] : [null, null, null];
    }),
    g.climbs,
  ]);
  return exportComputedRows(t("outcomes.col.groupsFile"), format, header, rows);
}
