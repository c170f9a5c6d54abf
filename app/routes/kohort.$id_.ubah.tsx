// A coordinator renames a cohort or moves its intake date. The district and agency stay: members
// were chosen for them.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { notFound, parseId, requireRole } from "~/modules/auth/access.server";
import { cohortEditSchema } from "~/modules/cohorts/cohort-forms";
import { cohortInScope, updateCohort } from "~/modules/cohorts/manage.server";
import { getDb } from "~/modules/db.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: (t) => t("cohortAdmin.editTitle") };

async function requireCohort(request: Request, rawId: string | undefined) {
  const user = await requireRole(request, ["coordinator"]);
  const id = parseId(rawId);
  const cohort = id === null ? null : cohortInScope(getDb(), user, id);
  if (!cohort) throw notFound();
  return { user, cohort };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params.id);
  return { cohort };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohort(request, params.id);
  const submission = parseWithZod(await request.formData(), { schema: cohortEditSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  updateCohort(getDb(), user, cohort.id, submission.value);
  throw redirect(`/kohort/${cohort.id}/anggota`, { status: 303 });
}

export default function EditCohort() {
  const { t } = useText();
  const { cohort } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "edit-cohort",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: { name: cohort.name, intakeDate: cohort.intakeDate },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cohortEditSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto max-w-xl">
      <p className="text-sm">
        <Link to={`/kohort/${cohort.id}/anggota`} className="font-medium text-brand-700 underline">
          {cohort.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{t("cohortAdmin.editTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("cohortAdmin.where", { district: cohort.districtName, agency: cohort.agencyName })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField field={fields.name} label={t("cohortAdmin.name")} autoComplete="off" />
        <InputField field={fields.intakeDate} type="date" label={t("cohortAdmin.intakeDate")} />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("cohortAdmin.save")}
        </Button>
      </Form>
    </div>
  );
}
