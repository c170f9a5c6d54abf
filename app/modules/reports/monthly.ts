// The monthly report's words and its CSV rows, shared by the page and the download so that both say the
// same thing. No I/O.
import type { TFunction } from "i18next";
import { stageTitle } from "~/modules/journey/labels";
import type { Cell } from "../transfer/csv";
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
export function reportCsvRows(t: TFunction, rows: ReportRowForCsv[]): Cell[][] {
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
    ...rows.map((row): Cell[] => [
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
