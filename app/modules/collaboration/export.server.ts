// A round's files for coordinators: its results (the heat map's figures with every sub-indicator) and
// its anonymised answers. Written with the transfer module's CSV and XLSX writers.
//
// The anonymised answers carry no name, no id, no agency or organisation and no time: a row is a
// respondent group, the districts the response spoke for, and the answers. A district is written only
// where that group has at least MIN_GROUP_SIZE submitted responses in it, and a row's districts only
// where at least as many rows of the group carry the same ones; otherwise they are blanked, so neither
// a small group's answers nor one person's combination of districts can be traced. Rows are sorted by
// what they hold, never by when they were given.
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { RespondentGroup } from "../../../machines/vocabulary";
import type { Viewer } from "../access/scope.server";
import { jakartaDate } from "../i18n/jakarta";
import { csvFile, type Cell } from "../transfer/csv";
import { exportResponse, type ExportFormat, type Translate } from "../transfer/export.server";
import { xlsxChunks } from "../transfer/xlsx.server";
import { rateOf } from "./response-rate.server";
import { findRoundForViewer, loadStructure } from "./results.server";
import { roundOverview } from "./round-view.server";
import { isShown, type ShownScore } from "./scoring";

export type Sheet = { name: string; header: string[]; rows: Cell[][] };

const scoreCell = (score: ShownScore | null | undefined): Cell => (score ? score.hundredths / 100 : null);
const labelOf = (language: string, item: { labelId: string; labelEn: string }) => (language === "en" ? item.labelEn : item.labelId);

/** The round's results per district: responses, rate, every indicator and sub-indicator score and band, share stalled. */
export function resultsSheet(db: Db, viewer: Viewer, roundId: number, t: Translate, language: string): Sheet | null {
  const view = roundOverview(db, viewer, roundId);
  if (!view) return null;
  const header = [t("results.district"), t("results.col.respondents"), t("results.col.asked"), t("results.col.rate")];
  for (const indicator of view.labels.indicators) {
    header.push(labelOf(language, indicator), `${labelOf(language, indicator)} (${t("results.col.band")})`);
    for (const sub of indicator.subs) header.push(`${labelOf(language, indicator)}: ${labelOf(language, sub)}`);
  }
  header.push(t("results.stalledShare"));
  const rows = view.districts.map((d) => {
    const rate = rateOf(d.rate);
    const row: Cell[] = [d.name, d.scores.respondents, d.rate.asked, rate === null ? null : Math.round(rate * 1000) / 1000];
    d.scores.indicators.forEach((indicator) => {
      row.push(scoreCell(indicator.score), indicator.score?.band ?? null);
      for (const sub of indicator.subs) row.push(scoreCell(sub.score));
    });
    row.push(d.pipeline.active > 0 ? Math.round(d.pipeline.share * 1000) / 1000 : null);
    return row;
  });
  return { name: `${t("results.file.results")}-${roundId}`, header, rows };
}

/** The anonymised answers of the round's submitted responses speaking for the viewer's districts. */
export function answersSheet(db: Db, viewer: Viewer, roundId: number, t: Translate): Sheet | null {
  const found = findRoundForViewer(db, viewer, roundId);
  if (!found) return null;
  const structure = loadStructure(db, found.round.instrumentId);
  const names = new Map(found.districts.map((d) => [d.id, d.name]));
  const ids = sql.join(found.districts.map((d) => sql`${d.id}`), sql`, `);
  // How many submitted responses each group has per district: where fewer than the minimum, the district is blanked.
  const sizes = new Map(
    db
      .all<{ districtId: number; grp: RespondentGroup; n: number }>(sql`
        SELECT rd.district_id AS districtId, r.respondent_group AS grp, count(*) AS n
        FROM survey_responses r JOIN survey_response_districts rd ON rd.response_id = r.id
        WHERE r.round_id = ${roundId} AND r.status = 'submitted' AND rd.district_id IN (${ids})
        GROUP BY rd.district_id, r.respondent_group`)
      .map((r) => [`${r.districtId}|${r.grp}`, r.n]),
  );
  const responses = db.all<{ id: number; grp: RespondentGroup; districtIds: string }>(sql`
    SELECT r.id, r.respondent_group AS grp, group_concat(rd.district_id) AS districtIds
    FROM survey_responses r JOIN survey_response_districts rd ON rd.response_id = r.id
    WHERE r.round_id = ${roundId} AND r.status = 'submitted' AND rd.district_id IN (${ids})
    GROUP BY r.id`);
  const answers = new Map<number, Map<number, number>>();
  for (const a of db.all<{ responseId: number; statementId: number; value: number }>(sql`
    SELECT a.response_id AS responseId, a.statement_id AS statementId, a.value FROM survey_answers a
    JOIN survey_responses r ON r.id = a.response_id
    WHERE r.round_id = ${roundId} AND r.status = 'submitted'
      AND EXISTS (SELECT 1 FROM survey_response_districts rd WHERE rd.response_id = r.id AND rd.district_id IN (${ids}))`)) {
    const of = answers.get(a.responseId) ?? new Map<number, number>();
    of.set(a.statementId, a.value);
    answers.set(a.responseId, of);
  }
  const statements = structure.indicators.flatMap((i) => i.subs.flatMap((s) => s.statements.map((st, k) => ({ ...st, code: `${i.position}.${s.position}.${k + 1}` }))));
  const header = [t("results.group"), t("results.district"), ...statements.map((s) => `${s.code}${s.reverse ? ` (${t("results.col.reverse")})` : ""}`)];
  const rows: Cell[][] = responses.map((r) => {
    const districts = r.districtIds
      .split(",")
      .map(Number)
      .filter((d) => isShown(sizes.get(`${d}|${r.grp}`) ?? 0))
      .map((d) => names.get(d)!)
      .sort((a, b) => a.localeCompare(b));
    const given = answers.get(r.id) ?? new Map<number, number>();
    return [t(`results.groups.${r.grp}`), districts.length ? districts.join("; ") : null, ...statements.map((s) => given.get(s.id) ?? null)];
  });
  // A person speaking for several districts has a combination of them that may be theirs alone:
  // a district cell is kept only when at least MIN_GROUP_SIZE rows of the group carry the same one.
  const same = new Map<string, number>();
  for (const row of rows) if (row[1] !== null) same.set(`${row[0]}|${row[1]}`, (same.get(`${row[0]}|${row[1]}`) ?? 0) + 1);
  for (const row of rows) if (row[1] !== null && !isShown(same.get(`${row[0]}|${row[1]}`) ?? 0)) row[1] = null;
  rows.sort((a, b) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] ?? "";
      const y = b[i] ?? "";
      if (x !== y) return String(x).localeCompare(String(y));
    }
    return 0;
  });
  return { name: `${t("results.file.answers")}-${roundId}`, header, rows };
}

/** A sheet as a download in the format asked. */
export function sheetResponse(sheet: Sheet, format: ExportFormat): Response {
  const bytes: Uint8Array[] =
    format === "csv" ? [new TextEncoder().encode(csvFile([sheet.header, ...sheet.rows]))] : [...xlsxChunks(sheet.name, sheet.header, sheet.rows)];
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of bytes) controller.enqueue(chunk);
      controller.close();
    },
  });
  return exportResponse({
    body,
    fileName: `${sheet.name}-${jakartaDate()}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    rows: sheet.rows.length,
  });
}
