// The baseline at P1 (monthly turnover, business capital, workers, NIB), for the registration forms
// and the participant page. Each may be left "belum tahu": an empty figure, or the NIB's own choice.
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useText } from "~/components/text";
import { FieldErrors, InputField } from "~/components/ui/field";
import { NIB_ANSWERS } from "~/modules/participants/baseline";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TextField = FieldMetadata<string, any, string[]>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type NumberField = FieldMetadata<number | undefined, any, string[]>;

export type BaselineFieldSet = { entryTurnover: TextField; entryCapital: TextField; entryWorkers: NumberField; entryNib: Field };

/** Who answers: the entrepreneur about their own business, or a mentor about the person's. */
export function BaselineFields({ fields, voice = "self" }: { fields: BaselineFieldSet; voice?: "self" | "mentor" }) {
  const { t } = useText();
  const nibHintId = `${fields.entryNib.id}-hint`;
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <legend className="px-1 text-base font-semibold text-slate-900">{t("baseline.title")}</legend>
      <p className="text-sm text-slate-700">{voice === "mentor" ? t("baseline.introMentor") : t("baseline.intro")}</p>
      <InputField field={fields.entryTurnover} label={t("baseline.turnover")} hint={t("baseline.moneyHint")} inputMode="numeric" autoComplete="off" />
      <InputField field={fields.entryCapital} label={t("baseline.capital")} hint={t("baseline.capitalHint")} inputMode="numeric" autoComplete="off" />
      <InputField field={fields.entryWorkers} label={t("baseline.workers")} hint={t("baseline.workersHint")} inputMode="numeric" autoComplete="off" />
      <fieldset aria-describedby={[nibHintId, fields.entryNib.errors?.length ? fields.entryNib.errorId : undefined].filter(Boolean).join(" ")}>
        <legend className="mb-1 block text-sm font-medium text-slate-800">{t("baseline.nib")}</legend>
        <p id={nibHintId} className="mb-1 text-xs text-slate-600">
          {t("baseline.nibHint")}
        </p>
        <div className="space-y-1">
          {NIB_ANSWERS.map((answer) => {
            const { key, ...props } = getInputProps(fields.entryNib, { type: "radio", value: answer });
            const id = `${fields.entryNib.id}-${answer}`;
            return (
              <div key={key ?? answer} className="flex min-h-11 items-center gap-2">
                <input {...props} id={id} className="size-5 shrink-0" />
                <label htmlFor={id} className="text-sm text-slate-800">
                  {t(`baseline.nibAnswer.${answer}`)}
                </label>
              </div>
            );
          })}
        </div>
        <FieldErrors id={fields.entryNib.errorId} errors={fields.entryNib.errors} />
      </fieldset>
    </fieldset>
  );
}
