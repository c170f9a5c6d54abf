import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { BaselineFields } from "~/components/participants/baseline-fields";
import { BusinessFields, IdentityFields, Section } from "~/components/participants/registration-fields";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { getOptionalUser } from "~/modules/access/guards.server";
import { homePath } from "~/modules/auth/home";
import { createSession } from "~/modules/auth/session.server";
import { getDb } from "~/modules/db.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { selfRegistrationSchema } from "~/modules/participants/registration";
import { listDistrictsByCity, registerSelf, RegistrationRefused } from "~/modules/participants/registration.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: (t) => t("registration.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homePath(user.role));
  return { districts: listDistrictsByCity(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const submission = parseWithZod(await request.formData(), { schema: selfRegistrationSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const db = getDb();
  try {
    const { userId } = await registerSelf(db, submission.value);
    const session = createSession(db, userId);
    throw redirect("/saya", { status: 303, headers: { "Set-Cookie": session.cookie } });
  } catch (error) {
    if (!(error instanceof RegistrationRefused)) throw error;
    return data(
      { result: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] }, hideFields: ["password"] }) },
      { status: 400 },
    );
  }
}

export default function Register() {
  const { t } = useText();
  const { districts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "register",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: selfRegistrationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });

  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold text-slate-900">{t("registration.title")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("registration.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <FormErrors id={form.errorId} errors={form.errors} />
        <IdentityFields fields={fields} />
        <Section title={t("registration.contact")}>
          <InputField field={fields.phone} label={t("registration.phone")} hint={t("registration.phoneHint")} autoComplete="tel" inputMode="numeric" />
          <InputField field={fields.email} label={t("registration.email")} hint={t("registration.emailHint")} type="email" autoComplete="username" inputMode="email" />
          <InputField field={fields.password} label={t("registration.password")} hint={t("registration.passwordHint")} type="password" autoComplete="new-password" />
        </Section>
        <BusinessFields fields={fields} districts={districts} />
        <BaselineFields fields={fields} />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("registration.submit")}
        </Button>
      </Form>
      <p className="mt-4 text-sm text-slate-700">
        {t("registration.haveAccount")}{" "}
        <Link to="/masuk" className="font-medium text-brand-700 underline">
          {t("registration.signIn")}
        </Link>
      </p>
    </div>
  );
}
