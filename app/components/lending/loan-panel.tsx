// A P7 referral's loan as the lender's staff record it: what was recorded (product, amount, tenor,
// each step's day, the repayment status per month), the next step's form, and once disbursed the
// month's collectability form. Plain POST forms: they work without JavaScript.
import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField, SelectField } from "~/components/ui/field";
import { formatDate, formatMonth, formatRupiah } from "~/modules/i18n/format";
import { loanStepSchema, repaymentSchema, STEP_ORDER } from "~/modules/lending/forms";
import type { LoanRow } from "~/modules/lending/loans.server";
import { COLLECTABILITY, LOAN_STATUSES } from "../../../machines/vocabulary";

export type LoanFormResult = { referralId: number | null; form: "loan" | "repayment"; result: SubmissionResult<string[]> } | null;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const asText = (field: FieldMetadata<any, any, string[]>) => field as FieldMetadata<string | undefined>;

function LoanStepForm({ referralId, version, loan, today, last }: { referralId: number; version: number; loan: LoanRow | null; today: string; last: LoanFormResult }) {
  const { t } = useText();
  const navigation = useNavigation();
  const mine = last?.form === "loan" && last.referralId === referralId;
  const [form, fields] = useForm({
    id: `loan-${referralId}`,
    defaultValue: { occurredOn: today, product: loan?.product, amount: loan ? String(loan.amount) : undefined, tenorMonths: loan ? String(loan.tenorMonths) : undefined },
    lastResult: navigation.state === "idle" && mine ? last.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loanStepSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // Only the steps after the one reached (rejected stays possible until disbursed).
  const steps = LOAN_STATUSES.filter((step) => !loan || step === "rejected" || STEP_ORDER[step] > STEP_ORDER[loan.status]);
  const title = t("lending.loan.title");
  return (
    <Form method="post" {...getFormProps(form)} aria-label={title} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:p-4">
      <h3 className="font-semibold text-slate-900">{title}</h3>
      <input type="hidden" name="intent" value="loan" />
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="version" value={version} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          field={asText(fields.step)}
          label={t("lending.loan.step")}
          placeholder={t("partners.choose")}
          options={steps.map((step) => ({ value: step, label: t(`lending.loans.status.${step}`) }))}
        />
        <InputField field={fields.occurredOn} label={t("lending.loan.occurredOn")} type="date" />
        <InputField field={fields.product} label={t("lending.loan.product")} autoComplete="off" />
        <InputField field={fields.amount} label={t("lending.loan.amount")} hint={t("lending.loan.amountHint")} inputMode="numeric" />
        <InputField field={fields.tenorMonths} label={t("lending.loan.tenor")} inputMode="numeric" />
        <InputField field={fields.rejectionReason} label={t("lending.loan.reason")} hint={t("lending.loan.reasonHint")} autoComplete="off" />
      </div>
      <Button disabled={navigation.state === "submitting"}>{t("lending.loan.save")}</Button>
    </Form>
  );
}

function RepaymentForm({ loan, today, last }: { loan: LoanRow; today: string; last: LoanFormResult }) {
  const { t } = useText();
  const navigation = useNavigation();
  const mine = last?.form === "repayment" && last.referralId === loan.referralId;
  const [form, fields] = useForm({
    id: `repayment-${loan.id}`,
    defaultValue: { month: today.slice(0, 7) },
    lastResult: navigation.state === "idle" && mine ? last.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: repaymentSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const title = t("lending.repayment.title");
  return (
    <Form method="post" {...getFormProps(form)} aria-label={title} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:p-4">
      <h3 className="font-semibold text-slate-900">{title}</h3>
      <input type="hidden" name="intent" value="repayment" />
      <input type="hidden" name="referralId" value={loan.referralId} />
      <input type="hidden" name="loanId" value={loan.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField field={fields.month} label={t("lending.repayment.month")} type="month" />
        <SelectField
          field={asText(fields.collectability)}
          label={t("lending.repayment.category")}
          placeholder={t("partners.choose")}
          options={COLLECTABILITY.map((category) => ({ value: category, label: t(`lending.collectability.${category}`) }))}
        />
      </div>
      <Button disabled={navigation.state === "submitting"}>{t("lending.repayment.save")}</Button>
    </Form>
  );
}

export function LoanPanel({ referralId, version, loan, today, last }: { referralId: number; version: number; loan: LoanRow | null; today: string; last: LoanFormResult }) {
  const { t, i18n } = useText();
  const closed = loan?.status === "disbursed" || loan?.status === "rejected";
  const days = loan
    ? LOAN_STATUSES.flatMap((step) => {
        const day = loan[`${step}On` as const];
        return day ? [`${t(`lending.loans.status.${step}`)} ${formatDate(day, i18n.language)}`] : [];
      })
    : [];
  // A step or a repayment status sent where its form is not shown (the loan closed, or not
  // disbursed): its refusal is still said in words.
  const stray =
    last !== null && last.referralId === referralId && (last.form === "repayment" ? loan?.status !== "disbursed" : closed);
  const strayErrors = stray ? Object.values(last.result.error ?? {}).flatMap((errors) => errors ?? []) : [];
  return (
    <div className="space-y-3">
      {strayErrors.length > 0 ? (
        <Alert tone="warning">
          <p role="alert">{strayErrors.map((error) => t(error as never)).join(" ")}</p>
        </Alert>
      ) : null}
      {loan ? (
        <div className="rounded-md border border-slate-200 p-3 text-sm">
          <p className="font-semibold text-slate-900" suppressHydrationWarning>
            {t("lending.loans.summary", { product: loan.product, amount: formatRupiah(loan.amount, i18n.language), tenor: loan.tenorMonths })}
          </p>
          <p className="text-slate-700" suppressHydrationWarning>
            {days.join(" · ")}
          </p>
          {loan.rejectionReason ? <p className="text-slate-700">{t("lending.loan.reason")}: {loan.rejectionReason}</p> : null}
          {loan.status === "disbursed" ? (
            <>
              <h4 className="mt-2 font-semibold text-slate-900">{t("lending.repayment.history")}</h4>
              {loan.repayments.length === 0 ? (
                <p className="text-slate-600">{t("lending.repayment.none")}</p>
              ) : (
                <ul aria-label={t("lending.repayment.history")} className="mt-1 space-y-0.5">
                  {loan.repayments.map((r) => (
                    <li key={r.month} suppressHydrationWarning>
                      {formatMonth(r.month, i18n.language)}: <span className="font-medium">{t(`lending.collectability.${r.collectability}`)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : null}
        </div>
      ) : null}
      {closed ? null : <LoanStepForm referralId={referralId} version={version} loan={loan} today={today} last={last} />}
      {loan?.status === "disbursed" ? <RepaymentForm loan={loan} today={today} last={last} /> : null}
    </div>
  );
}
