// Stage rules: the time limit of each stage, when inactivity counts as stalled, when a cohort is
// stalled, when a participant turns dormant, how long a new cohort runs, and how many mentoring
// sessions P3 needs. The rules are province-wide, so only a province
// coordinator changes them; a city coordinator sees them read-only (their stalled lists follow them)
// and a change posted by one is answered 404 like any action outside one's scope.
import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FieldErrors, FormErrors, inputClass } from "~/components/ui/field";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { formatDateTime, formatPercent, formatRupiah } from "~/modules/i18n/format";
import { ThresholdsSection } from "~/components/outcomes/thresholds-form";
import { readThresholds, THRESHOLDS_SETTING_KEY } from "~/modules/outcomes/business-class";
import { changeThresholds, thresholdsInForce } from "~/modules/outcomes/thresholds.server";
import { classThresholdsFormSchema, thresholdsOf } from "~/modules/settings/class-thresholds";
import { CHANGE_KEYS, limitField, stageRulesSchema, type StageRulesValue } from "~/modules/settings/stage-rules";
import { changeStageRules, recentSettingsChanges, stageRulesInForce } from "~/modules/settings/stage-rules.server";
import { isProvinceCoordinator } from "~/modules/users/coordinator-scope.server";
import { isStageId, STAGES } from "../../machines/stages";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["admin", "cohorts"], title: (t) => t("stageRules.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const db = getDb();
  return { canChange: isProvinceCoordinator(user), rules: stageRulesInForce(db), thresholds: thresholdsInForce(db), changes: recentSettingsChanges(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  if (!isProvinceCoordinator(user)) throw notFound();
  const formData = await request.formData();
  // The business class thresholds are their own form on this page.
  if (formData.get("intent") === "thresholds") {
    const thresholds = parseWithZod(formData, { schema: classThresholdsFormSchema });
    if (thresholds.status !== "success") return data({ result: null, thresholdsResult: thresholds.reply() }, { status: 400 });
    const changed = changeThresholds(getDb(), user.id, thresholdsOf(thresholds.value));
    throw redirect(`/aturan?${new URLSearchParams({ diubah: changed ? "1" : "0" })}`, { status: 303 });
  }
  const submission = parseWithZod(formData, { schema: stageRulesSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), thresholdsResult: null }, { status: 400 });
  const changed = changeStageRules(getDb(), user.id, submission.value);
  throw redirect(`/aturan?${new URLSearchParams({ diubah: String(changed) })}`, { status: 303 });
}

function NumberField({ field, label, unit, hint }: { field: FieldMetadata<number | undefined>; label: string; unit: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type: "number", ariaDescribedBy: hintId });
  return (
    <div>
      <label htmlFor={field.id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mb-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <input {...props} key={props.key} inputMode="numeric" step={1} className={`${inputClass} max-w-32`} />
        <span className="text-sm text-slate-700">{unit}</span>
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A change's key and values as people read them. */
function describeChange(t: TFunction, locale: string, key: string, value: string | null): { label: string; value: string } {
  const stage = key.startsWith("stage_time_limit_days.") ? key.slice("stage_time_limit_days.".length) : null;
  if (stage && isStageId(stage)) return { label: t("stageRules.limitOf", { stage: stageTitle(t, stage) }), value: t("stageRules.days", { count: Number(value) }) };
  if (key === CHANGE_KEYS.inactivityDays) return { label: t("stageRules.inactivityDays"), value: t("stageRules.days", { count: Number(value) }) };
  if (key === CHANGE_KEYS.cohortThreshold) return { label: t("stageRules.cohortThreshold"), value: value === null ? "" : formatPercent(Number(value), locale) };
  if (key === CHANGE_KEYS.mentoringSessions) return { label: t("stageRules.mentoringSessions"), value: t("stageRules.sessions", { count: Number(value) }) };
  if (key === CHANGE_KEYS.dormantDays) return { label: t("cohortLifecycle.rules.dormantDays"), value: t("stageRules.days", { count: Number(value) }) };
  if (key === THRESHOLDS_SETTING_KEY) {
    const bounds = readThresholds(value);
    const money = (amount: number) => formatRupiah(amount, locale);
    return {
      label: t("outcomes.thresholds.title"),
      value: (["mikro", "kecil", "menengah"] as const).map((c) => `${t(`businessClass.${c}`)} ≤ ${money(bounds.capital[c])} / ${money(bounds.annualSales[c])}`).join("; "),
    };
  }
  if (key === CHANGE_KEYS.cohortLengthMonths) return { label: t("cohortLifecycle.rules.cohortLength"), value: t("cohortLifecycle.rules.months", { count: Number(value) }) };
  return { label: key, value: value ?? "" };
}

function ReadOnlyRules({ rules }: { rules: StageRulesValue }) {
  const { t, i18n } = useText();
  const rows: [string, string][] = [
    ...STAGES.map((stage): [string, string] => [t("stageRules.limitOf", { stage: stageTitle(t, stage) }), t("stageRules.days", { count: rules[limitField(stage)] })]),
    [t("stageRules.inactivityDays"), t("stageRules.days", { count: rules.inactivityDays })],
    [t("stageRules.cohortThreshold"), formatPercent(rules.cohortThresholdPercent / 100, i18n.language)],
    [t("stageRules.mentoringSessions"), t("stageRules.sessions", { count: rules.mentoringSessions })],
    [t("cohortLifecycle.rules.dormantDays"), t("stageRules.days", { count: rules.dormantDays })],
    [t("cohortLifecycle.rules.cohortLength"), t("cohortLifecycle.rules.months", { count: rules.cohortLengthMonths })],
  ];
  return (
    <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {rows.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-4 px-4 py-2 text-sm">
          <dt className="text-slate-700">{label}</dt>
          <dd className="font-semibold text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function StageRules() {
  const { t, i18n } = useText();
  const { canChange, rules, thresholds, changes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("diubah");
  const [form, fields] = useForm({
    id: "stage-rules",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: rules,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: stageRulesSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("stageRules.title")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("stageRules.intro")}</p>
      </div>
      {saved !== null && !actionData ? (
        <Alert tone={saved === "0" ? "info" : "success"}>{saved === "0" ? t("stageRules.nothingChanged") : t("stageRules.saved", { count: Number(saved) })}</Alert>
      ) : null}

      {canChange ? (
        <Form method="post" {...getFormProps(form)} className="space-y-5">
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-lg font-semibold text-slate-900">{t("stageRules.limitsHeading")}</legend>
            <p className="text-sm text-slate-700">{t("stageRules.limitsHint")}</p>
            <div className="mt-3 grid gap-4 sm:grid-cols-2">
              {STAGES.map((stage) => (
                <NumberField key={stage} field={fields[limitField(stage)]} label={stageTitle(t, stage)} unit={t("stageRules.daysUnit")} />
              ))}
            </div>
          </fieldset>
          <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-lg font-semibold text-slate-900">{t("stageRules.stallHeading")}</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <NumberField field={fields.inactivityDays} label={t("stageRules.inactivityDays")} unit={t("stageRules.daysUnit")} hint={t("stageRules.inactivityHint")} />
              <NumberField field={fields.cohortThresholdPercent} label={t("stageRules.cohortThreshold")} unit="%" hint={t("stageRules.cohortThresholdHint")} />
            </div>
          </fieldset>
          <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-lg font-semibold text-slate-900">{t("cohortLifecycle.rules.heading")}</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <NumberField field={fields.dormantDays} label={t("cohortLifecycle.rules.dormantDays")} unit={t("stageRules.daysUnit")} hint={t("cohortLifecycle.rules.dormantHint")} />
              <NumberField field={fields.cohortLengthMonths} label={t("cohortLifecycle.rules.cohortLength")} unit={t("cohortLifecycle.rules.monthsUnit")} hint={t("cohortLifecycle.rules.cohortLengthHint")} />
            </div>
          </fieldset>
          <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-lg font-semibold text-slate-900">{t("stageRules.journeyHeading")}</legend>
            <NumberField field={fields.mentoringSessions} label={t("stageRules.mentoringSessions")} unit={t("stageRules.sessionsUnit")} hint={t("stageRules.mentoringHint")} />
          </fieldset>
          <Button className="w-full sm:w-auto" disabled={navigation.state === "submitting"}>
            {t("stageRules.save")}
          </Button>
        </Form>
      ) : (
        <>
          <Alert tone="info">{t("stageRules.readOnly")}</Alert>
          <ReadOnlyRules rules={rules} />
        </>
      )}

      <ThresholdsSection thresholds={thresholds} canChange={canChange} lastResult={actionData?.thresholdsResult} />

      <section aria-labelledby="changes-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="changes-heading" className="text-lg font-semibold text-slate-900">
          {t("stageRules.changesHeading")}
        </h2>
        {changes.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t("stageRules.noChanges")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {changes.map((change) => {
              const before = describeChange(t, i18n.language, change.key, change.oldValue);
              const after = describeChange(t, i18n.language, change.key, change.newValue);
              return (
                <li key={change.id} className="py-2 text-sm">
                  <div className="font-medium text-slate-900">{after.label}</div>
                  <div className="text-slate-700">
                    {t("stageRules.fromTo", { from: before.value, to: after.value })} · {change.by ?? t("stageRules.unknownUser")} ·{" "}
                    <time dateTime={new Date(change.at).toISOString()} suppressHydrationWarning>
                      {formatDateTime(change.at, i18n.language)}
                    </time>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
