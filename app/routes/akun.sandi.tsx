// Changing one's password, for every signed-in user. The current password is checked like a sign-in;
// saving ends every session of the account and signs the person in again here.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { changePassword } from "~/modules/account/passwords.server";
import { requireUser } from "~/modules/access/guards.server";
import { changePasswordSchema } from "~/modules/auth/account-forms";
import { readDeviceToken, rememberDevice } from "~/modules/auth/devices.server";
import { createSession } from "~/modules/auth/session.server";
import { getDb } from "~/modules/db.server";
import { clientAddress, retryAfterHeaders } from "~/modules/limits/rate-limit.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("password.changeTitle") };

/** A refused post's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, changed: new URL(request.url).searchParams.get("diganti") === "1" };
}

type Reply = { result: SubmissionResult<string[]>; retryAfterSeconds: number | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema });
  const hidden = { hideFields: ["current", "password", "confirm"] };
  if (submission.status !== "success") return data<Reply>({ result: submission.reply(hidden), retryAfterSeconds: null }, { status: 400 });
  const db = getDb();
  const changed = await changePassword(db, user, submission.value.current, submission.value.password, {
    address: clientAddress(context),
    deviceToken: readDeviceToken(request),
  });
  if (!changed.ok) {
    if (changed.reason === "throttled") {
      return data<Reply>(
        { result: submission.reply({ ...hidden, formErrors: ["login.throttled"] }), retryAfterSeconds: changed.retryAfterSeconds },
        { status: 429, headers: { "Retry-After": String(changed.retryAfterSeconds) } },
      );
    }
    return data<Reply>({ result: submission.reply({ ...hidden, fieldErrors: { current: ["password.currentInvalid"] } }), retryAfterSeconds: null }, { status: 400 });
  }
  // Every session ended with the change, this one too: the person continues in a new one.
  const session = createSession(db, user.id);
  const headers = new Headers({ "Set-Cookie": session.cookie });
  headers.append("Set-Cookie", rememberDevice(db, readDeviceToken(request), user.id));
  throw redirect("/akun/sandi?diganti=1", { status: 303, headers });
}

export default function ChangePassword() {
  const { t } = useText();
  const { email, changed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const retry = actionData?.retryAfterSeconds ?? null;
  const errors = form.errors?.map((key) => (key === "login.throttled" && retry !== null ? t("login.throttled", { minutes: Math.ceil(retry / 60) }) : key));
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold text-slate-900">{t("password.changeTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("password.changeIntro")}</p>
      {changed ? (
        <Alert tone="success" className="mt-4">
          {t("password.changed")}
        </Alert>
      ) : null}
      {/* A fresh form once the change is saved: the passwords just typed are not kept on the page. */}
      <Form key={changed ? "saved" : "new"} method="post" {...getFormProps(form)} className="mt-5 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={errors} />
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <InputField field={fields.current} type="password" label={t("password.current")} autoComplete="current-password" />
        <InputField field={fields.password} type="password" label={t("password.new")} hint={t("password.newHint")} autoComplete="new-password" />
        <InputField field={fields.confirm} type="password" label={t("password.confirm")} autoComplete="new-password" />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("password.save")}
        </Button>
      </Form>
    </div>
  );
}
