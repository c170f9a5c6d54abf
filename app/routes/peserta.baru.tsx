import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { BaselineFields } from "~/components/participants/baseline-fields";
import { BusinessFields, IdentityFields, Section } from "~/components/participants/registration-fields";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { walkInSchema } from "~/modules/participants/registration";
import { existingRegistration, listMentorDistricts, registerWalkIn, RegistrationRefused } from "~/modules/participants/registration.server";
import type { ExistingRegistration } from "~/modules/participants/registration.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: (t) => t("registration.walkInTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor"]);
  return { districts: listMentorDistricts(getDb(), user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor"]);
  const submission = parseWithZod(await request.formData(), { schema: walkInSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), existing: null }, { status: 400 });
  }
  try {
    const { participantId } = registerWalkIn(getDb(), user, submission.value);
    throw redirect(`/peserta/${participantId}`, { status: 303 });
  } catch (error) {
    if (!(error instanceof RegistrationRefused)) throw error;
    // A taken NIK: the record it belongs to, as far as this mentor may know it.
    const existing = error.existingId !== undefined ? existingRegistration(getDb(), user, error.existingId) : null;
    return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }), existing }, { status: 400 });
  }
}

/** Where the participant a taken NIK belongs to is: their page, or the district office that holds it. */
function ExistingNotice({ existing }: { existing: ExistingRegistration }) {
  const { t } = useText();
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-medium">{t("registration.walkIn.nikTaken")}</p>
      {existing.open ? (
        <p className="mt-1">
          <Link to={`/peserta/${existing.id}`} className="font-medium text-brand-700 underline">
            {t("registration.walkIn.existingOpen", { name: existing.fullName })}
          </Link>
        </p>
      ) : (
        <p className="mt-1">{t("registration.walkIn.existingElsewhere", { district: existing.district, city: existing.city })}</p>
      )}
    </div>
  );
}

export default function WalkInRegistration() {
  const { t } = useText();
  const { districts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "walk-in",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: walkInSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });

  return (
    <div className="mx-auto max-w-xl">
      <p className="text-sm">
        <Link to="/peserta" className="font-medium text-brand-700 underline">
          {t("participants.title")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{t("registration.walkInTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("registration.walkInIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <FormErrors id={form.errorId} errors={form.errors} />
        {actionData?.existing ? <ExistingNotice existing={actionData.existing} /> : null}
        <IdentityFields fields={fields} voice="mentor" />
        <Section title={t("registration.walkIn.contact")}>
          <InputField field={fields.phone} label={t("registration.phone")} hint={t("registration.phoneHint")} autoComplete="off" inputMode="numeric" />
        </Section>
        <BusinessFields fields={fields} districts={districts} voice="mentor" />
        <BaselineFields fields={fields} voice="mentor" />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("registration.submitWalkIn")}
        </Button>
      </Form>
    </div>
  );
}
