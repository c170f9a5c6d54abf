// The entrepreneur's short report after the programme (/saya): still operating, turnover, workers,
// a note. A plain POST form: it works without JavaScript, and on a 360 px phone one field a row.
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { FieldErrors, FormErrors, InputField, TextareaField } from "~/components/ui/field";
import { useLightForm } from "~/components/ui/light-form";
import { formatDate, formatRupiah } from "~/modules/i18n/format";
import type { OwnFollowUp } from "~/modules/follow-ups/follow-ups.server";

export function FollowUpForm({ followUp, lastResult }: { followUp: OwnFollowUp; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t, i18n } = useText();
  const navigation = useNavigation();
  const { form, fields } = useLightForm({
    id: "follow-up",
    names: ["operating", "turnover", "workers", "note"],
    lastResult,
    schema: () => import("~/modules/follow-ups/forms").then((module) => module.followUpAnswerSchema),
  });
  const operating = fields.operating;
  return (
    <Form method="post" {...form.props} aria-labelledby="follow-up-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="intent" value="follow-up" />
      <input type="hidden" name="followUpId" value={followUp.id} />
      <p className="text-sm text-slate-700" suppressHydrationWarning>
        {t("followUps.own.intro", { months: followUp.monthsAfter, date: formatDate(followUp.dueOn, i18n.language) })}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset aria-describedby={operating.errors ? operating.errorId : undefined}>
        <legend className="mb-1 block text-sm font-medium text-slate-800">{t("followUps.own.operating")}</legend>
        <div className="flex flex-wrap gap-2">
          {(["yes", "no"] as const).map((value) => (
            <label key={value} className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm">
              <input type="radio" name="operating" value={value} defaultChecked={operating.initialValue === value} />
              {t(`followUps.own.operatingOption.${value}`)}
            </label>
          ))}
        </div>
        <FieldErrors id={operating.errorId} errors={operating.errors} />
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField field={fields.turnover} label={t("followUps.own.turnover")} inputMode="numeric" hint={t("followUps.own.turnoverHint")} />
        <InputField field={fields.workers} label={t("followUps.own.workers")} inputMode="numeric" hint={t("followUps.own.workersHint")} />
      </div>
      <TextareaField field={fields.note} label={t("followUps.own.note")} />
      <Button disabled={navigation.state === "submitting"} className="w-full sm:w-auto">
        {t("followUps.own.submit")}
      </Button>
    </Form>
  );
}

/** The person's follow-ups: when each is due, and what they answered. */
export function OwnFollowUpList({ rows }: { rows: OwnFollowUp[] }) {
  const { t, i18n } = useText();
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {rows.map((row) => (
        <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
          <span className="font-semibold text-slate-900">{t("followUps.monthsAfter", { count: row.monthsAfter })}</span>
          <span className="text-slate-700" suppressHydrationWarning>
            {row.state === "answered"
              ? row.operating
                ? t("followUps.own.answeredFigures", {
                    turnover: formatRupiah(row.turnover ?? 0, i18n.language),
                    workers: row.workers ?? 0,
                  })
                : t("followUps.own.answeredClosed")
              : t(`followUps.state.${row.state}`, { date: formatDate(row.dueOn, i18n.language) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
