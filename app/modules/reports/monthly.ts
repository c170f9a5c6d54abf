// The monthly report's words and its CSV, shared by the page and the download so that both say the
// same thing. No I/O.
import type { TFunction } from "i18next";
import { stageTitle } from "~/components/journey/labels";
import { STAGES, type EvidenceKind, type ParticipantStatus, type StageId, type StageState } from "../../../machines/stages";

type Activity = {
  evidence: { kind: EvidenceKind; count: number }[];
  moves: { type: string; stage: StageId | null; count: number }[];
};

const times = (text: string, n: number) => (n > 1 ? `${text} ×${n}` : text);

/** "Sesi pendampingan ×2; Menyelesaikan P3 Pendampingan": what was recorded for one participant. */
export function activityText(t: TFunction, activity: Activity): string {
  return [
    ...activity.evidence.map((e) => times(t(`evidenceKind.${e.kind}`), e.count)),
    ...activity.moves.map((m) =>
      times(t(`history.event.${m.type}`, { stage: m.stage ? stageTitle(t, m.stage) : "", defaultValue: t("history.event.unknown") }), m.count),
    ),
  ].join("; ");
}

/**
 * One CSV field: quoted when it holds a quote, comma or line break; a leading = + - @ (which a
 * spreadsheet would run as a formula) is defused with an apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Lines joined with CRLF (RFC 4180), starting with a UTF-8 byte order mark so that Excel reads UTF-8. */
export type CsvRow = (string | number | null)[];

export function toCsv(rows: CsvRow[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

export type ReportRowForCsv = Activity & {
  fullName: string;
  businessName: string;
  districtName: string;
  status: ParticipantStatus;
  stages: StageState[];
  furthestStage: number;
  latestTurnover: number | null;
};

/** The report's per-participant table as CSV rows (header first). Never holds a NIK or phone. */
export function reportCsvRows(t: TFunction, rows: ReportRowForCsv[]): CsvRow[] {
  return [
    [
      t("report.col.name"),
      t("report.col.business"),
      t("report.col.district"),
      t("report.col.status"),
      ...STAGES.map((stage) => stageTitle(t, stage)),
      t("report.col.furthest"),
      t("report.col.recorded"),
      t("report.col.turnover"),
    ],
    ...rows.map((row): CsvRow => [
      row.fullName,
      row.businessName,
      row.districtName,
      t(`status.${row.status}`),
      ...row.stages.map((state) => t(`stageState.${state}`)),
      row.furthestStage ? `P${row.furthestStage}` : "",
      activityText(t, row),
      row.latestTurnover,
    ]),
  ];
}
