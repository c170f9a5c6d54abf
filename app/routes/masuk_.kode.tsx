// The second step of signing in for a user with an authenticator (coordinators, decision 0016): the
// password was right, a five-minute ticket waits in an HttpOnly cookie, and the code (or a recovery
// code) makes the session. Every code tried counts against the account's limit before it is checked.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { safeRedirectPath } from "~/modules/access/guards.server";
import { homePath } from "~/modules/auth/home";
import { readDeviceToken, rememberDevice } from "~/modules/auth/devices.server";
import { createSession } from "~/modules/auth/session.server";
import { getDb } from "~/modules/db.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { limitAnonymousPost, retryAfterHeaders, tooManyRequests } from "~/modules/limits/rate-limit.server";
import { MFA_REFUSAL, mfaSignInSchema } from "~/modules/mfa/forms";
import { clearMfaTicketCookie, completeMfaSignIn, mfaTicketHolder, readMfaTicket } from "~/modules/mfa/mfa.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("mfa.stepTitle") };

/** A refused post's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const ticket = readMfaTicket(request);
  const open = ticket ? mfaTicketHolder(getDb(), ticket) !== null : false;
  return { open, redirectTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "") };
}

type Reply = { result: SubmissionResult<string[]> | null; expired: boolean; retryAfterSeconds: number | null };

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const db = getDb();
  const limited = limitAnonymousPost(db, context);
  if (!limited.ok) return tooManyRequests<Reply>({ result: null, expired: false, retryAfterSeconds: limited.retryAfterSeconds }, limited.retryAfterSeconds);
  // Without an open ticket there is no code form to answer: the page says to sign in again.
  const ticket = readMfaTicket(request) ?? "";
  if (!mfaTicketHolder(db, ticket)) return data<Reply>({ result: null, expired: true, retryAfterSeconds: null }, { status: 409, headers: { "Set-Cookie": clearMfaTicketCookie() } });
  const submission = parseWithZod(await request.formData(), { schema: mfaSignInSchema });
  if (submission.status !== "success") return data<Reply>({ result: submission.reply({ hideFields: ["code"] }), expired: false, retryAfterSeconds: null }, { status: 400 });
  const signedIn = completeMfaSignIn(db, ticket, submission.value.code);
  if (signedIn.ok) {
    const session = createSession(db, signedIn.userId);
    const headers = new Headers({ "Set-Cookie": session.cookie });
    headers.append("Set-Cookie", rememberDevice(db, readDeviceToken(request), signedIn.userId));
    headers.append("Set-Cookie", clearMfaTicketCookie());
    throw redirect(safeRedirectPath(submission.value.redirectTo, homePath(signedIn.role)), { status: 303, headers });
  }
  if (signedIn.reason === "expired") return data<Reply>({ result: null, expired: true, retryAfterSeconds: null }, { status: 409, headers: { "Set-Cookie": clearMfaTicketCookie() } });
  if (signedIn.reason === "limited") {
    return tooManyRequests<Reply>({ result: submission.reply({ hideFields: ["code"] }), expired: false, retryAfterSeconds: signedIn.retryAfterSeconds }, signedIn.retryAfterSeconds);
  }
  return data<Reply>({ result: submission.reply({ fieldErrors: { code: [MFA_REFUSAL.wrongCode] }, hideFields: ["code"] }), expired: false, retryAfterSeconds: null }, { status: 400 });
}

export default function SecondStep() {
  const { t } = useText();
  const { open, redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "mfa-sign-in",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mfaSignInSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (!open || actionData?.expired) {
    return (
      <div className="mx-auto max-w-md space-y-3">
        <h1 className="text-2xl font-bold text-slate-900">{t("mfa.stepTitle")}</h1>
        <Alert tone="error">{t(MFA_REFUSAL.expired)}</Alert>
        <Link to="/masuk" className="inline-block font-medium text-brand-700 underline">
          {t("mfa.toSignIn")}
        </Link>
      </div>
    );
  }
  const limited = actionData?.retryAfterSeconds ? [t("mfa.limited", { minutes: Math.ceil(actionData.retryAfterSeconds / 60) })] : null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold text-slate-900">{t("mfa.stepTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("mfa.stepIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={limited ?? form.errors} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <InputField field={fields.code} label={t("mfa.stepCode")} autoComplete="one-time-code" />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("mfa.stepSubmit")}
        </Button>
      </Form>
    </div>
  );
}
