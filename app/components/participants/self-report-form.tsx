// The entrepreneur's own financial report form (P6) and the list of reports they sent, with what
// their mentor decided. A plain POST form: it works without JavaScript.
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { MissingList } from "~/components/journey/move-refusal";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { useLightForm } from "~/components/ui/light-form";
import { formatDate, formatMonth, formatRupiah } from "~/modules/i18n/format";
import type { OwnReport } from "~/modules/entrepreneur/own-page.server";
import type { SelfReportRefusal } from "~/modules/entrepreneur/self-report.server";

/** Why a financial report cannot be taken now, in words: what the machine says is missing, or P6's state. */
export function ReportRefusalText({ refusal }: { refusal: SelfReportRefusal }) {
  const { t } = useText();
  if (refusal.missing.length === 0) {
    return <p>{t("self.report.stageClosed", { stage: stageTitle(t, "financial_reporting"), state: t(`stageState.${refusal.stageState}`).toLowerCase() })}</p>;
  }
  return <MissingList missing={refusal.missing} />;
}

export function SelfReportForm({
  currentPeriod,
  refusal,
  lastResult,
}: {
  currentPeriod: string;
  refusal: SelfReportRefusal | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useText();
  const navigation = useNavigation();
  // Four fields: the entrepreneur's phone loads neither Conform's form state nor, until she moves into
  // the form, the schema and zod (components/ui/light-form.ts).
  const { form, fields } = useLightForm({
    id: "self-report",
    names: ["period", "turnover", "assets", "workers"],
    lastResult,
    defaultValue: { period: currentPeriod },
    schema: () => import("~/modules/entrepreneur/self-report").then((module) => module.selfReportSchema),
  });
  if (refusal) {
    return (
      <Alert tone="info">
        <p className="font-semibold">{t("self.report.notNow")}</p>
        <ReportRefusalText refusal={refusal} />
      </Alert>
    );
  }
  const busy = navigation.state === "submitting";
  return (
    <Form method="post" {...form.props} aria-describedby={form.errors ? form.errorId : undefined} aria-labelledby="self-report-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <p className="text-sm text-slate-700">{t("self.report.intro")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField field={fields.period} label={t("self.report.period")} type="month" hint={t("self.report.periodHint")} />
        <InputField field={fields.turnover} label={t("self.report.turnover")} inputMode="numeric" hint={t("self.report.rupiahHint")} />
        <InputField field={fields.assets} label={t("self.report.assets")} inputMode="numeric" hint={t("self.report.rupiahHint")} />
        <InputField field={fields.workers} label={t("self.report.workers")} inputMode="numeric" hint={t("self.report.workersHint")} />
      </div>
      <Button disabled={busy} className="w-full sm:w-auto">
        {t("self.report.submit")}
      </Button>
    </Form>
  );
}

const STATUS_STYLE: Record<OwnReport["status"], string> = {
  pending: "bg-amber-100 text-amber-950",
  accepted: "bg-emerald-100 text-emerald-900",
  declined: "bg-red-100 text-red-900",
};

/** "Omset Rp…, aset Rp…, 3 orang" */
export function figuresLine(t: TFunction, locale: string, report: { turnover: number | null; assets: number | null; workers: number | null }): string {
  const money = (v: number | null) => (v === null ? "—" : formatRupiah(v, locale));
  return t("self.reports.figures", {
    turnover: money(report.turnover),
    assets: money(report.assets),
    workers: report.workers === null ? "—" : t("self.figures.people", { count: report.workers }),
  });
}

export function OwnReports({ reports }: { reports: OwnReport[] }) {
  const { t, i18n } = useText();
  if (reports.length === 0) return null;
  return (
    <section aria-labelledby="own-reports-heading" className="space-y-2">
      <h3 id="own-reports-heading" className="text-base font-bold text-slate-900">
        {t("self.reports.title")}
      </h3>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {reports.map((report) => (
          <li key={report.id} className="space-y-1 px-4 py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-semibold text-slate-900">{formatMonth(report.period, i18n.language)}</p>
              <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${STATUS_STYLE[report.status]}`}>
                {t(`self.reports.status.${report.status}`)}
              </span>
            </div>
            <p className="text-sm text-slate-700" suppressHydrationWarning>
              {figuresLine(t, i18n.language, report)}
            </p>
            <p className="text-xs text-slate-600" suppressHydrationWarning>
              {t("self.reports.sentOn", { date: formatDate(report.sentAt, i18n.language) })}
            </p>
            {report.reviewNote ? <p className="text-sm text-red-900">{t("self.reports.note", { note: report.reviewNote })}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
