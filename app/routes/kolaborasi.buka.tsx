// A coordinator opens a survey round: a name and period, an instrument version, the province (the
// province coordinator only) or some of their districts, and the respondent groups asked. The round
// keeps the version it was opened with; from then on that version is no longer editable.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DistrictCheckboxes } from "~/components/admin/district-checkboxes";
import { IdSelect } from "~/components/admin/id-select";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { FieldErrors, FormErrors, InputField, SelectField } from "~/components/ui/field";
import { requireRole } from "~/modules/access/guards.server";
import { roundOpenSchema } from "~/modules/collaboration/forms";
import { instrumentChoices } from "~/modules/collaboration/instruments.server";
import { SurveyRefused } from "~/modules/collaboration/refusals";
import { openRound } from "~/modules/collaboration/rounds.server";
import { getDb } from "~/modules/db.server";
import { districtsAdministered, isProvinceCoordinator } from "~/modules/users/coordinator-scope.server";
import type { RouteHandle } from "~/root";
import { RESPONDENT_GROUPS } from "../../machines/vocabulary";

export const handle: RouteHandle = { text: ["survey", "admin"], title: (t) => t("survey.openRoundTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const db = getDb();
  return { instruments: instrumentChoices(db), districts: districtsAdministered(db, user), province: isProvinceCoordinator(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const submission = parseWithZod(await request.formData(), { schema: roundOpenSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    openRound(getDb(), user, submission.value);
  } catch (error) {
    if (!(error instanceof SurveyRefused)) throw error;
    const reply = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) : submission.reply({ formErrors: [error.messageKey] });
    return data({ result: reply }, { status: 400 });
  }
  throw redirect("/kolaborasi", { status: 303 });
}

export default function OpenRound() {
  const { t } = useText();
  const { instruments, districts, province } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "open-round",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roundOpenSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // Every group is asked unless unticked; after a refusal, what was submitted.
  const submittedGroups = fields.groups.initialValue as string[] | string | undefined;
  const tickedGroups = new Set(submittedGroups === undefined ? RESPONDENT_GROUPS : [submittedGroups].flat());
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm">
        <Link to="/kolaborasi" className="font-medium text-brand-700 underline">
          {t("survey.adminTitle")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{t("survey.openRoundTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("survey.openRoundIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField field={fields.name} label={t("survey.roundName")} hint={t("survey.roundNameHint")} autoComplete="off" />
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField field={fields.periodStart} type="date" label={t("survey.periodStart")} />
          <InputField field={fields.periodEnd} type="date" label={t("survey.periodEnd")} />
        </div>
        <IdSelect field={fields.instrumentId} label={t("survey.instrument")} placeholder={t("survey.chooseInstrument")} options={instruments} />
        <SelectField
          field={fields.scope}
          label={t("survey.scope")}
          options={[
            ...(province ? [{ value: "province", label: t("survey.province") }] : []),
            { value: "districts", label: t("survey.someDistricts") },
          ]}
        />
        <DistrictCheckboxes field={fields.districtIds} legend={t("survey.districtsLegend")} districts={districts} checked={[]} />
        <fieldset aria-describedby={fields.groups.errors ? fields.groups.errorId : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-800">{t("survey.groupsAsked")}</legend>
          {RESPONDENT_GROUPS.map((group) => (
            <label key={group} className="flex min-h-11 items-center gap-2 text-sm text-slate-900">
              <input type="checkbox" name={fields.groups.name} value={group} defaultChecked={tickedGroups.has(group)} className="h-5 w-5" />
              {t(`survey.groups.${group}`)}
            </label>
          ))}
          <FieldErrors id={fields.groups.errorId} errors={fields.groups.errors} />
        </fieldset>
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("survey.openRound")}
        </Button>
      </Form>
    </div>
  );
}
