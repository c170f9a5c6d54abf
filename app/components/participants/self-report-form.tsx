// The entrepreneur's own financial report form (P6) and the list of reports they sent, with what
// their mentor decided. A plain multipart POST form: it works without JavaScript, photos and all.
// With JavaScript, a report with photos is sent by the page itself: the photos scaled down first,
// with a progress bar (components/files/upload-client.ts).
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
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
import { filesOf, useParticipantFiles } from "~/components/files/files-context";

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
  files,
  uploadProblem,
}: {
  currentPeriod: string;
  refusal: SelfReportRefusal | null;
  lastResult: SubmissionResult<string[]> | undefined;
  /** The report's files: the size photos are scaled to, and the hint with the limits, in words (null: no files offered). */
  files: { imageMaxPx: number; hint: string } | null;
  /** The server's refusal of the files last sent, in words. */
  uploadProblem: string | null;
}) {
  const { t } = useText();
  const navigation = useNavigation();
  const [progress, setProgress] = useState<number | null>(null);
  const [sendErrors, setSendErrors] = useState<string[] | null>(null);

  /** With files chosen, the page sends the checked form itself; without, the form posts as usual. */
  const send = (element: HTMLFormElement): boolean => {
    if (!files || typeof XMLHttpRequest === "undefined" || !element.querySelector<HTMLInputElement>("input[type=file]")?.files?.length) return false;
    setSendErrors(null);
    setProgress(0);
    // Loaded only now: /saya's scripts have a budget, and most reports carry no photo. The page the
    // server answers a refusal with states it: the files, or the report's fields.
    void import("~/components/files/upload-client")
      .then((client) => client.sendForm(element, files.imageMaxPx, setProgress, "[data-upload-error], #self-report [id$='-error']"))
      .catch(() => ({ errors: [] }))
      .then((answer) => {
        setProgress(null);
        // Sent: the page it led to, loaded afresh (the report listed, the form empty).
        if ("to" in answer) window.location.assign(`${answer.to}#laporan`);
        else setSendErrors(answer.errors.length ? answer.errors : [t("error.genericTitle")]);
      });
    return true;
  };
  // Four fields: the entrepreneur's phone loads neither Conform's form state nor, until she moves into
  // the form, the schema and zod (components/ui/light-form.ts).
  const { form, fields } = useLightForm({
    id: "self-report",
    names: ["period", "turnover", "assets", "workers"],
    lastResult,
    defaultValue: { period: currentPeriod },
    schema: () => import("~/modules/entrepreneur/self-report").then((module) => module.selfReportSchema),
    send,
  });
  if (refusal) {
    return (
      <Alert tone="info">
        <p className="font-semibold">{t("self.report.notNow")}</p>
        <ReportRefusalText refusal={refusal} />
      </Alert>
    );
  }
  const busy = navigation.state === "submitting" || progress !== null;
  // What the server refused (its files, stated in place and marked for the page's own sending to
  // read), or what the page's own sending was told.
  const problems = sendErrors ?? (uploadProblem ? [uploadProblem] : null);
  return (
    <Form method="post" action="/saya" encType="multipart/form-data" {...form.props} aria-describedby={form.errors ? form.errorId : undefined} aria-labelledby="self-report-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <p className="text-sm text-slate-700">{t("self.report.intro")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      {problems ? (
        <div role="alert" data-upload-error className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-900">
          {problems.map((problem, i) => (
            <p key={i}>{problem}</p>
          ))}
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField field={fields.period} label={t("self.report.period")} type="month" hint={t("self.report.periodHint")} />
        <InputField field={fields.turnover} label={t("self.report.turnover")} inputMode="numeric" hint={t("self.report.rupiahHint")} />
        <InputField field={fields.assets} label={t("self.report.assets")} inputMode="numeric" hint={t("self.report.rupiahHint")} />
        <InputField field={fields.workers} label={t("self.report.workers")} inputMode="numeric" hint={t("self.report.workersHint")} />
      </div>
      {files ? (
        // The camera first on a phone, several files at once (as components/files/file-chooser.tsx).
        <div>
          <label htmlFor="self-report-files" className="mb-1 block text-sm font-medium text-slate-800">
            {t("self.report.files")}
          </label>
          <p id="self-report-files-hint" className="mb-1 text-xs text-slate-600">
            {files.hint}
          </p>
          <input
            id="self-report-files"
            name="files"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf"
            capture="environment"
            multiple
            aria-describedby="self-report-files-hint"
            className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:font-semibold"
          />
        </div>
      ) : null}
      {progress !== null ? <progress value={progress} max={1} aria-label={t("files.progress")} className="block h-2 w-full" /> : null}
      <Button disabled={busy} className="w-full sm:w-auto">
        {progress !== null ? t("files.uploading") : t("self.report.submit")}
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
  const files = useParticipantFiles();
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
            {files ? <files.views.List files={filesOf(files, report.id)} returnTo={files.returnTo} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
