// A coordinator creates a cohort (an intake group) in one of the districts they administer. Its
// planned end is the one chosen, or the intake plus the cohort length setting.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { DistrictSelect, IdSelect } from "~/components/admin/id-select";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { requireRole } from "~/modules/access/guards.server";
import { cohortCreateSchema } from "~/modules/cohorts/cohort-forms";
import { CohortRefused, createCohort, listAgencies } from "~/modules/cohorts/manage.server";
import { loadCohortLengthMonths } from "~/modules/cohorts/lifecycle.server";
import { getDb } from "~/modules/db.server";
import { districtsAdministered } from "~/modules/users/coordinator-scope.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["admin", "cohorts"], title: (t) => t("cohortAdmin.newTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const db = getDb();
  return { districts: districtsAdministered(db, user), agencies: listAgencies(db), cohortLengthMonths: loadCohortLengthMonths(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const submission = parseWithZod(await request.formData(), { schema: cohortCreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const id = createCohort(getDb(), user, submission.value);
    throw redirect(`/kohort/${id}/anggota`, { status: 303 });
  } catch (error) {
    if (!(error instanceof CohortRefused)) throw error;
    const reply = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) : submission.reply({ formErrors: [error.messageKey] });
    return data({ result: reply }, { status: 400 });
  }
}

export default function NewCohort() {
  const { t } = useText();
  const { districts, agencies, cohortLengthMonths } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-cohort",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cohortCreateSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto max-w-xl">
      <p className="text-sm">
        <Link to="/kohort" className="font-medium text-brand-700 underline">
          {t("nav.cohorts")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{t("cohortAdmin.newTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("cohortAdmin.newIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField field={fields.name} label={t("cohortAdmin.name")} hint={t("cohortAdmin.nameHint")} autoComplete="off" />
        <DistrictSelect field={fields.districtId} label={t("cohortAdmin.district")} districts={districts} />
        <IdSelect field={fields.agencyId} label={t("cohortAdmin.agency")} placeholder={t("cohortAdmin.chooseAgency")} options={agencies} />
        <InputField field={fields.intakeDate} type="date" label={t("cohortAdmin.intakeDate")} />
        <InputField
          field={fields.plannedEndOn}
          type="date"
          label={t("cohortLifecycle.plannedEnd")}
          hint={t("cohortLifecycle.plannedEndHint", { months: cohortLengthMonths })}
        />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("cohortAdmin.create")}
        </Button>
      </Form>
    </div>
  );
}
