// Financial reports an entrepreneur sent themselves, waiting for their mentor: accept (a recorded
// P6 report, through the journey machine) or decline with a note. Each form posts to
// /peserta/:id/laporan-mandiri, which answers with a 303 back to the participant page.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useText } from "~/components/text";
import { requirementText, stageTitle } from "~/modules/journey/labels";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, TextareaField } from "~/components/ui/field";
import { formatDate, formatMonth } from "~/modules/i18n/format";
import { reportReviewSchema, reviewFormId } from "~/modules/entrepreneur/self-report";
import type { PendingReport, PendingReports as Pending, ReviewResult } from "~/modules/entrepreneur/self-report.server";
import { figuresLine, ReportRefusalText } from "./self-report-form";
import { filesOf, useParticipantFiles } from "~/components/files/files-context";

/** A refused review as the route hands it back (the HTTP status stays with the response). */
type Failed = Omit<Extract<ReviewResult, { ok: false }>, "status">;

function ReviewForms({
  participantId,
  version,
  report,
  canAccept,
  outcome,
}: {
  participantId: number;
  version: number;
  report: PendingReport;
  canAccept: boolean;
  outcome: Failed | undefined;
}) {
  const { t, i18n } = useText();
  const files = useParticipantFiles();
  const id = reviewFormId(report.id);
  const mine = outcome?.formId === id;
  const [form, fields] = useForm({
    id,
    lastResult: mine ? outcome.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportReviewSchema }),
    shouldValidate: "onSubmit",
  });
  const month = formatMonth(report.period, i18n.language);
  const action = `/peserta/${participantId}/laporan-mandiri`;
  return (
    <li className="space-y-2 px-4 py-3">
      <p className="font-semibold text-slate-900">{t("self.review.reportOf", { month })}</p>
      <p className="text-sm text-slate-700" suppressHydrationWarning>
        {figuresLine(t, i18n.language, report)}
      </p>
      <p className="text-xs text-slate-600" suppressHydrationWarning>
        {t("self.reports.sentOn", { date: formatDate(report.sentAt, i18n.language) })}
      </p>
      {/* The photos or documents sent with the report: they stay with it once accepted (the P6 evidence). */}
      {files ? <files.views.List files={filesOf(files, report.id)} returnTo={files.returnTo} /> : null}
      {mine ? <FormErrors id={`${id}-errors`} errors={outcome.result.error?.[""] ?? undefined} /> : null}
      <div className="flex flex-wrap items-start gap-2">
        {canAccept ? (
          <Form method="post" action={action}>
            <input type="hidden" name="evidenceId" value={report.id} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="decision" value="accept" />
            <Button>{t("self.review.accept", { month })}</Button>
          </Form>
        ) : null}
        <details open={(mine && outcome.result.error?.note !== undefined) || undefined} className="w-full rounded-md border border-slate-200 sm:w-auto sm:min-w-80">
          <summary className="min-h-11 px-3 py-2.5 text-sm font-semibold text-red-800">{t("self.review.decline", { month })}…</summary>
          <Form method="post" action={action} {...getFormProps(form)} className="space-y-2 border-t border-slate-200 p-3">
            <input type="hidden" name="evidenceId" value={report.id} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="decision" value="decline" />
            <TextareaField field={fields.note} label={t("self.review.note")} hint={t("self.review.noteHint")} />
            <Button variant="danger">{t("self.review.decline", { month })}</Button>
          </Form>
        </details>
      </div>
    </li>
  );
}

export function PendingReports({
  participantId,
  version,
  pending,
  outcome,
}: {
  participantId: number;
  version: number;
  pending: Pending;
  /** A refused review, when the page is shown again after one. */
  outcome?: Failed;
}) {
  const { t } = useText();
  if (pending.reports.length === 0 && !outcome) return null;
  const refusal = outcome?.refusal;
  return (
    <section id="laporan-mandiri" aria-labelledby="pending-reports-heading" className="space-y-3">
      <h2 id="pending-reports-heading" className="text-lg font-bold text-slate-900">
        {t("self.review.title", { stage: stageTitle(t, "financial_reporting") })}
      </h2>
      {refusal?.code === "already-reviewed" ? (
        // The report is no longer listed (someone reviewed it meanwhile): say so here, or nothing would.
        <Alert tone="warning">
          <p>{t("self.review.alreadyReviewed")}</p>
        </Alert>
      ) : null}
      {refusal && refusal.code !== "already-reviewed" ? (
        <Alert tone="error">
          <p className="font-semibold">{t("self.review.notAccepted")}</p>
          {refusal.missing.length ? (
            <ul className="mt-1 list-disc pl-5">
              {refusal.missing.map((m, i) => (
                <li key={i}>{requirementText(t, m)}</li>
              ))}
            </ul>
          ) : refusal.code === "not-allowed" && refusal.stageState ? (
            <ReportRefusalText refusal={{ missing: [], stageState: refusal.stageState }} />
          ) : (
            <p>{t(`refusal.${refusal.code}`)}</p>
          )}
        </Alert>
      ) : null}
      {pending.acceptRefusal ? (
        <Alert tone="warning">
          <p className="font-semibold">{t("self.review.cannotAccept")}</p>
          <ReportRefusalText refusal={pending.acceptRefusal} />
        </Alert>
      ) : null}
      {pending.reports.length === 0 ? (
        <p className="text-sm text-slate-600">{t("self.review.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {pending.reports.map((report) => (
            <ReviewForms
              key={report.id}
              participantId={participantId}
              version={version}
              report={report}
              canAccept={pending.acceptRefusal === null}
              outcome={outcome}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
