// The participant page's business section: the baseline at P1 and the business class, the climbs
// (naik kelas) with their dates, the figures over time, and while P1 waits for verification the form
// that records the baseline.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { BaselineFields } from "~/components/participants/baseline-fields";
import { FiguresChart } from "~/components/participants/figures-chart";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/field";
import { formatDate, formatRupiah } from "~/modules/i18n/format";
import type { ParticipantOutcome } from "~/modules/outcomes/figures.server";
import { baselineFormSchema, nibAnswer } from "~/modules/participants/baseline";

const FORM_ID = "baseline";

export type BaselineOutcome = { formId: string | null; result: SubmissionResult<string[]> } | undefined;

function BaselineForm({ outcome: business, lastResult }: { outcome: ParticipantOutcome; lastResult: BaselineOutcome }) {
  const { t } = useText();
  const navigation = useNavigation();
  const b = business.baseline;
  const [form, fields] = useForm({
    id: FORM_ID,
    lastResult: lastResult?.formId === FORM_ID && navigation.state === "idle" ? lastResult.result : undefined,
    defaultValue: {
      entryTurnover: b.turnover === null ? "" : String(b.turnover),
      entryCapital: b.capital === null ? "" : String(b.capital),
      entryWorkers: b.workers === null ? "" : String(b.workers),
      entryNib: nibAnswer(b.hasNib),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: baselineFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="baseline" />
      <input type="hidden" name="formId" value={FORM_ID} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <BaselineFields fields={fields} voice="mentor" />
      <Button disabled={navigation.state === "submitting" && navigation.formData?.get("formId") === FORM_ID}>{t("baseline.save")}</Button>
    </Form>
  );
}

export function BusinessPanel({ outcome, editable, lastResult }: { outcome: ParticipantOutcome; editable: boolean; lastResult: BaselineOutcome }) {
  const { t, i18n } = useText();
  const b = outcome.baseline;
  const money = (value: number | null) => (value === null ? t("baseline.unknown") : formatRupiah(value, i18n.language));
  const facts: [string, string][] = [
    [t("baseline.turnover"), money(b.turnover)],
    [t("baseline.capital"), money(b.capital)],
    [t("baseline.workers"), b.workers === null ? t("baseline.unknown") : String(b.workers)],
    [t("baseline.nib"), t(`baseline.nibAnswer.${nibAnswer(b.hasNib)}`)],
  ];
  const className = (value: ParticipantOutcome["currentClass"]) => (value ? t(`businessClass.${value}`) : t("baseline.classUnknown"));
  return (
    <section aria-labelledby="business-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="business-heading" className="text-lg font-bold text-slate-900">
        {t("baseline.title")}
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {facts.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="w-40 shrink-0 text-slate-600">{label}</dt>
            <dd className="min-w-0 font-medium break-words text-slate-900">{value}</dd>
          </div>
        ))}
        <div className="flex gap-2">
          <dt className="w-40 shrink-0 text-slate-600">{t("baseline.class")}</dt>
          <dd className="font-medium text-slate-900" data-testid="business-class">
            {outcome.closedOn
              ? t("outcomes.closedOn", { date: formatDate(outcome.closedOn, i18n.language) })
              : outcome.baselineClass === outcome.currentClass
              ? className(outcome.currentClass)
              : t("outcomes.classChange", { from: className(outcome.baselineClass), to: className(outcome.currentClass) })}
          </dd>
        </div>
      </dl>
      {outcome.notReporting ? (
        <p className="text-sm font-medium text-amber-900" data-testid="not-reporting">
          {t("outcomes.notReportingNote")}
        </p>
      ) : null}
      {outcome.climbs.length > 0 ? (
        <ul className="space-y-1 text-sm text-emerald-900">
          {outcome.climbs.map((climb) => (
            <li key={`${climb.kind}-${climb.toClass ?? ""}`}>
              {climb.kind === "nib"
                ? t("outcomes.climbNib", { date: formatDate(climb.occurredOn, i18n.language) })
                : t("outcomes.climbClass", { to: className(climb.toClass), date: formatDate(climb.occurredOn, i18n.language) })}
            </li>
          ))}
        </ul>
      ) : null}
      {outcome.points.length > 1 ? <FiguresChart points={outcome.points} /> : null}
      {editable ? <BaselineForm outcome={outcome} lastResult={lastResult} /> : null}
    </section>
  );
}
