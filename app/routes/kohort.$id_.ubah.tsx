// A coordinator renames a cohort or moves its intake date, and extends its planned end (with a
// reason; a closed cohort whose new end has not passed is open again). The district and agency stay:
// members were chosen for them. Two forms, told apart by their `intent`.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField, TextareaField } from "~/components/ui/field";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { cohortEditSchema, cohortExtendSchema } from "~/modules/cohorts/cohort-forms";
import { isCohortClosed } from "~/modules/cohorts/lifecycle";
import { CohortRefused, cohortInScope, extendCohort, updateCohort } from "~/modules/cohorts/manage.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["admin", "cohorts"], title: (t) => t("cohortAdmin.editTitle") };

async function requireCohort(request: Request, rawId: string | undefined) {
  const user = await requireRole(request, ["coordinator"]);
  const id = parseId(rawId);
  const cohort = id === null ? null : cohortInScope(getDb(), user, id);
  if (!cohort) throw notFound();
  return { user, cohort };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params.id);
  const extended = new URL(request.url).searchParams.get("diperpanjang") === "1";
  return { cohort, closed: isCohortClosed(cohort.plannedEndOn, Date.now()), extended };
}

type Reply = SubmissionResult<string[]>;

/** A domain refusal as the form's reply: on its field, or on the whole form. Anything else is thrown on. */
function refusalReply(error: unknown, reply: (options: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => Reply): Reply {
  if (!(error instanceof CohortRefused)) throw error;
  return error.field ? reply({ fieldErrors: { [error.field]: [error.messageKey] } }) : reply({ formErrors: [error.messageKey] });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohort(request, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent") === "extend" ? "extend" : "edit";
  const refusal = (result: Reply) => data({ intent, result }, { status: 400 });
  if (intent === "extend") {
    const submission = parseWithZod(formData, { schema: cohortExtendSchema });
    if (submission.status !== "success") return refusal(submission.reply());
    try {
      extendCohort(getDb(), user, cohort.id, submission.value);
    } catch (error) {
      return refusal(refusalReply(error, (options) => submission.reply(options)));
    }
    throw redirect(`/kohort/${cohort.id}/ubah?diperpanjang=1`, { status: 303 });
  }
  const submission = parseWithZod(formData, { schema: cohortEditSchema });
  if (submission.status !== "success") return refusal(submission.reply());
  try {
    updateCohort(getDb(), user, cohort.id, submission.value);
  } catch (error) {
    return refusal(refusalReply(error, (options) => submission.reply(options)));
  }
  throw redirect(`/kohort/${cohort.id}/anggota`, { status: 303 });
}

export default function EditCohort() {
  const { t, i18n } = useText();
  const { cohort, closed, extended } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const idle = navigation.state === "idle";
  const [form, fields] = useForm({
    id: "edit-cohort",
    lastResult: idle && actionData?.intent === "edit" ? actionData.result : undefined,
    defaultValue: { name: cohort.name, intakeDate: cohort.intakeDate },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cohortEditSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [extendForm, extendFields] = useForm({
    id: "extend-cohort",
    lastResult: idle && actionData?.intent === "extend" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cohortExtendSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const plannedEnd = formatDate(cohort.plannedEndOn, i18n.language);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <p className="text-sm">
          <Link to={`/kohort/${cohort.id}`} className="font-medium text-brand-700 underline">
            {cohort.name}
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">{t("cohortAdmin.editTitle")}</h1>
        <p className="mt-1 text-sm text-slate-700" suppressHydrationWarning>
          {t("cohortAdmin.where", { district: cohort.districtName, agency: cohort.agencyName })} ·{" "}
          {closed ? t("cohortLifecycle.endedOn", { date: plannedEnd }) : t("cohortLifecycle.endsOn", { date: plannedEnd })}
        </p>
      </div>
      {extended && !actionData ? (
        <Alert tone="success">
          <span suppressHydrationWarning>{t("cohortLifecycle.extend.done", { date: plannedEnd })}</span>
        </Alert>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
        <input type="hidden" name="intent" value="edit" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField field={fields.name} label={t("cohortAdmin.name")} autoComplete="off" />
        <InputField field={fields.intakeDate} type="date" label={t("cohortAdmin.intakeDate")} />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("cohortAdmin.save")}
        </Button>
      </Form>

      <section id="perpanjang" aria-labelledby="extend-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="extend-heading" className="text-lg font-semibold text-slate-900">
          {t("cohortLifecycle.extend.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700" suppressHydrationWarning>
          {t("cohortLifecycle.extend.intro", { date: plannedEnd })}
        </p>
        <Form method="post" {...getFormProps(extendForm)} className="mt-4 space-y-5">
          <input type="hidden" name="intent" value="extend" />
          <FormErrors id={extendForm.errorId} errors={extendForm.errors} />
          <InputField field={extendFields.plannedEndOn} type="date" label={t("cohortLifecycle.extend.newEnd")} />
          <TextareaField field={extendFields.reason} label={t("cohortLifecycle.extend.reason")} hint={t("cohortLifecycle.extend.reasonHint")} />
          <Button variant="secondary" className="w-full" disabled={navigation.state === "submitting"}>
            {t("cohortLifecycle.extend.submit")}
          </Button>
        </Form>
      </section>
    </div>
  );
}
