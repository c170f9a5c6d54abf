// The lenders' pipeline: per month, how many were referred, applied, approved, disbursed and rejected,
// with the rupiah totals of the loans; the rejection reasons; and where participants are ready for P7
// but not referred. One card per month (a 360 px phone reads it without scrolling sideways).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { formatDate, formatMonth, formatRupiah } from "~/modules/i18n/format";
import { PIPELINE_STEPS, type PipelineCell, type PipelineStep } from "~/modules/lending/pipeline";
import type { MiddleStageId } from "../../../machines/stages";

type Steps = Record<PipelineStep, PipelineCell>;

function StepCells({ steps, label }: { steps: Steps; label: string }) {
  const { t, i18n } = useText();
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
      {PIPELINE_STEPS.map((step) => (
        <div key={step} className="rounded border border-slate-200 px-2 py-1">
          <dt className="text-xs text-slate-600">{t(`lending.pipeline.step.${step}`)}</dt>
          <dd className="font-semibold text-slate-900" suppressHydrationWarning>
            {step === "referred"
              ? t("lending.pipeline.referredCell", { count: steps[step].count })
              : t("lending.pipeline.cell", { count: steps[step].count, amount: formatRupiah(steps[step].total, i18n.language) })}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function PipelineSection({
  pipeline,
  rejections,
  readyByDistrict,
  readiness,
  readyList,
}: {
  pipeline: { months: ({ month: string } & Steps)[]; total: Steps };
  rejections: { participantId: number; fullName: string; reason: string; rejectedOn: string }[];
  readyByDistrict: { districtId: number; districtName: string; count: number }[];
  readiness: { need: number; requiredDone: MiddleStageId[] };
  /** Coordinators see who is ready (and may refer them); partner staff see counts only. */
  readyList?: ReactNode;
}) {
  const { t, i18n } = useText();
  const required = readiness.requiredDone.length
    ? t("lending.ready.required", { stages: readiness.requiredDone.map((stage) => stageTitle(t, stage)).join(", ") })
    : "";
  return (
    <>
      <section aria-labelledby="pipeline-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="pipeline-heading" className="text-lg font-bold text-slate-900">
          {t("lending.pipeline.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("lending.pipeline.intro")}</p>
        {pipeline.months.length === 0 ? (
          <p className="text-sm text-slate-700">{t("lending.pipeline.empty")}</p>
        ) : (
          <>
            <div>
              <h3 className="mb-1 text-sm font-semibold text-slate-900">{t("lending.pipeline.allMonths")}</h3>
              <StepCells steps={pipeline.total} label={t("lending.pipeline.allMonths")} />
            </div>
            <ol className="space-y-3" aria-label={t("lending.pipeline.month")}>
              {pipeline.months.map((month) => {
                const name = formatMonth(month.month, i18n.language);
                return (
                  <li key={month.month}>
                    <h3 className="mb-1 text-sm font-semibold text-slate-900" suppressHydrationWarning>
                      {name}
                    </h3>
                    <StepCells steps={month} label={name} />
                  </li>
                );
              })}
            </ol>
          </>
        )}
        {rejections.length > 0 ? (
          <div>
            <h3 className="text-sm font-semibold text-slate-900">{t("lending.pipeline.rejectionsTitle")}</h3>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-800">
              {rejections.map((r) => (
                <li key={`${r.participantId}-${r.rejectedOn}`} className="break-words" suppressHydrationWarning>
                  {t("lending.pipeline.rejection", { name: r.fullName, reason: r.reason, date: formatDate(r.rejectedOn, i18n.language) })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="ready-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="ready-heading" className="text-lg font-bold text-slate-900">
          {t("lending.ready.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("lending.ready.intro", { count: readiness.need, required })}</p>
        {readyByDistrict.length === 0 ? (
          <p className="text-sm text-slate-700">{t("lending.ready.empty")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm" aria-label={t("lending.ready.title")}>
            {readyByDistrict.map((d) => (
              <li key={d.districtId} className="rounded bg-slate-100 px-2 py-1">
                {t("lending.ready.district", { district: d.districtName, count: d.count })}
              </li>
            ))}
          </ul>
        )}
        {readyList}
      </section>
    </>
  );
}

/** The ready, unreferred participants by name, each with the link to refer them (coordinators). */
export function ReadyList({ rows, limit }: { rows: { id: number; fullName: string; businessName: string; districtName: string }[]; limit: number }) {
  const { t } = useText();
  if (rows.length === 0) return null;
  return (
    <>
      <ul className="divide-y divide-slate-200 rounded border border-slate-200 text-sm">
        {rows.map((row) => (
          <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
            <span className="min-w-0 break-words">
              <Link to={`/peserta/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                {row.fullName}
              </Link>{" "}
              <span className="text-slate-600">
                {row.businessName} · {row.districtName}
              </span>
            </span>
            <Link to={`/peserta/${row.id}/rujuk`} className="font-medium text-brand-700 underline" aria-label={`${t("lending.ready.refer")}: ${row.fullName}`}>
              {t("lending.ready.refer")}
            </Link>
          </li>
        ))}
      </ul>
      {rows.length >= limit ? <p className="text-xs text-slate-600">{t("lending.ready.more", { shown: limit })}</p> : null}
    </>
  );
}
