import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { getOptionalUser, safeRedirectPath } from "~/modules/access/guards.server";
import { loginSchema } from "~/modules/auth/forms";
import { homePath } from "~/modules/auth/home";
import { attemptLogin, isDemoDatabase } from "~/modules/auth/login.server";
import { readDeviceToken, rememberDevice } from "~/modules/auth/devices.server";
import { createSession } from "~/modules/auth/session.server";
import { getDb } from "~/modules/db.server";
import { isEnrolled, mfaTicketCookie, openMfaTicket } from "~/modules/mfa/mfa.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { shortReply } from "~/modules/http/short-reply";
import { clientAddress, limitAnonymousPost, retryAfterHeaders } from "~/modules/limits/rate-limit.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("login.title") };

/** A refused sign-in's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "");
  const user = await getOptionalUser(request);
  if (user) throw redirect(redirectTo || homePath(user.role));
  return { redirectTo, demo: isDemoDatabase(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  // Counted before the form is read: every anonymous post counts, well-formed or not.
  const anonymous = limitAnonymousPost(getDb(), context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: shortReply(submission.reply({ hideFields: ["password"] })), retryAfterSeconds: null }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const db = getDb();
  const outcome = anonymous.ok
    ? await attemptLogin(db, email, password, { address: clientAddress(context), deviceToken: readDeviceToken(request) })
    : ({ ok: false, reason: "throttled", retryAfterSeconds: anonymous.retryAfterSeconds } as const);
  if (!outcome.ok) {
    const key = outcome.reason === "throttled" ? "login.throttled" : outcome.reason === "inactive" ? "login.inactive" : "login.invalid";
    return data(
      {
        result: shortReply(submission.reply({ formErrors: [key], hideFields: ["password"] })),
        retryAfterSeconds: outcome.reason === "throttled" ? outcome.retryAfterSeconds : null,
      },
      outcome.reason === "throttled" ? { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } } : { status: 400 },
    );
  }
  const next = safeRedirectPath(redirectTo, homePath(outcome.user.role));
  // An enrolled user is not signed in yet: the authenticator code comes first (/masuk/kode).
  if (isEnrolled(db, outcome.user.id)) {
    const ticket = openMfaTicket(db, outcome.user.id);
    throw redirect(`/masuk/kode?${new URLSearchParams({ redirectTo: next })}`, { status: 303, headers: { "Set-Cookie": mfaTicketCookie(ticket) } });
  }
  const session = createSession(db, outcome.user.id);
  const headers = new Headers({ "Set-Cookie": session.cookie });
  headers.append("Set-Cookie", rememberDevice(db, readDeviceToken(request), outcome.user.id));
  throw redirect(next, { status: 303, headers });
}

export default function SignIn() {
  const { t } = useText();
  const { redirectTo, demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const retry = actionData?.retryAfterSeconds ?? null;
  const formErrors = form.errors?.map((key) =>
    key === "login.throttled" && retry !== null
      ? retry < 90
        ? t("login.throttledSeconds", { seconds: retry })
        : t("login.throttled", { minutes: Math.ceil(retry / 60) })
      : key,
  );

  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold text-slate-900">{t("login.title")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("login.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <FormErrors id={form.errorId} errors={formErrors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <InputField field={fields.email} label={t("login.email")} type="email" autoComplete="username" inputMode="email" />
        <InputField field={fields.password} label={t("login.password")} type="password" autoComplete="current-password" />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </Button>
      </Form>
      <ul className="mt-4 space-y-3 text-sm">
        <li>
          <Link to="/masuk/telepon" className="font-medium text-brand-700 underline">
            {t("phoneLogin.link")}
          </Link>
        </li>
        <li>
          <Link to="/lupa-sandi" className="font-medium text-brand-700 underline">
            {t("password.forgotLink")}
          </Link>
        </li>
        <li>
          <Link to="/daftar" className="font-medium text-brand-700 underline">
            {t("registration.link")}
          </Link>
        </li>
      </ul>
      {demo ? <p className="mt-4 text-xs text-slate-600">{t("login.demoHint")}</p> : null}
    </div>
  );
}
