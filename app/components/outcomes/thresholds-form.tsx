// /aturan's business class thresholds (PP 7/2021 by default): a form for a province coordinator, a
// read-only table for everyone else.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { formatRupiah } from "~/modules/i18n/format";
import type { ClassThresholds } from "~/modules/outcomes/business-class";
import { classThresholdsFormSchema, thresholdFieldValues } from "~/modules/settings/class-thresholds";

const CLASSES = ["mikro", "kecil", "menengah"] as const;

export function ThresholdsSection({ thresholds, canChange, lastResult }: { thresholds: ClassThresholds; canChange: boolean; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t, i18n } = useText();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "class-thresholds",
    lastResult: navigation.state === "idle" ? lastResult : undefined,
    defaultValue: thresholdFieldValues(thresholds),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: classThresholdsFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const title = <h2 id="class-thresholds-heading" className="text-lg font-semibold text-slate-900">{t("outcomes.thresholds.title")}</h2>;
  const intro = <p className="text-sm text-slate-700">{t("outcomes.thresholds.intro")}</p>;
  if (!canChange) {
    return (
      <section aria-labelledby="class-thresholds-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {title}
        {intro}
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          {CLASSES.map((c) => (
            <div key={c}>
              <dt className="font-medium text-slate-900">{t(`businessClass.${c}`)}</dt>
              <dd className="text-slate-700">
                {t("outcomes.thresholds.capitalUpTo", { value: formatRupiah(thresholds.capital[c], i18n.language) })} ·{" "}
                {t("outcomes.thresholds.salesUpTo", { value: formatRupiah(thresholds.annualSales[c], i18n.language) })}
              </dd>
            </div>
          ))}
        </dl>
      </section>
    );
  }
  return (
    <section aria-labelledby="class-thresholds-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      {title}
      {intro}
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="thresholds" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-2">
          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold text-slate-900">{t("outcomes.thresholds.capital")}</legend>
            <InputField field={fields.capitalMikro} label={t("outcomes.thresholds.upTo", { class: t("businessClass.mikro") })} inputMode="numeric" />
            <InputField field={fields.capitalKecil} label={t("outcomes.thresholds.upTo", { class: t("businessClass.kecil") })} inputMode="numeric" />
            <InputField field={fields.capitalMenengah} label={t("outcomes.thresholds.upTo", { class: t("businessClass.menengah") })} inputMode="numeric" />
          </fieldset>
          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold text-slate-900">{t("outcomes.thresholds.sales")}</legend>
            <InputField field={fields.salesMikro} label={t("outcomes.thresholds.upTo", { class: t("businessClass.mikro") })} inputMode="numeric" />
            <InputField field={fields.salesKecil} label={t("outcomes.thresholds.upTo", { class: t("businessClass.kecil") })} inputMode="numeric" />
            <InputField field={fields.salesMenengah} label={t("outcomes.thresholds.upTo", { class: t("businessClass.menengah") })} inputMode="numeric" />
          </fieldset>
        </div>
        <Button className="w-full sm:w-auto" disabled={navigation.state === "submitting" && navigation.formData?.get("intent") === "thresholds"}>
          {t("outcomes.thresholds.save")}
        </Button>
      </Form>
    </section>
  );
}
