// The second step of self-registration: the six-digit code sent to the phone. Only then is the
// registration made and the person signed in; a person already known gets one neutral answer.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { parseId } from "~/modules/access/guards.server";
import { signupCodeSchema } from "~/modules/auth/account-forms";
import { readDeviceToken, rememberDevice } from "~/modules/auth/devices.server";
import { createSession } from "~/modules/auth/session.server";
import { codeStillOpen } from "~/modules/codes/one-time.server";
import { getDb } from "~/modules/db.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { limitAnonymousPost, tooManyRequests, retryAfterHeaders } from "~/modules/limits/rate-limit.server";
import { latestMessageTo, outboxVisible } from "~/modules/outbox/outbox.server";
import { maskedPhone } from "~/modules/outbox/masked";
import { finishSignup } from "~/modules/account/signup.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("signup.codeTitle") };

/** A refused post's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const ticket = parseId(new URL(request.url).searchParams.get("n") ?? undefined);
  const open = ticket === null ? null : codeStillOpen(getDb(), "signup", ticket);
  if (ticket === null || !open) return { ticket: null, phone: null, demoMessage: null };
  // The demo sends nothing: it shows the message the phone would have received.
  const demoMessage = outboxVisible() ? (latestMessageTo(getDb(), open.target)?.body ?? null) : null;
  return { ticket, phone: maskedPhone(open.target), demoMessage };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const db = getDb();
  const limited = limitAnonymousPost(db, context);
  if (!limited.ok) return tooManyRequests({ result: null, outcome: "limited" as const, retryAfterSeconds: limited.retryAfterSeconds }, limited.retryAfterSeconds);
  const submission = parseWithZod(await request.formData(), { schema: signupCodeSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), outcome: null }, { status: 400 });
  const finished = await finishSignup(db, submission.value.n, submission.value.code);
  if (finished.ok) {
    const session = createSession(db, finished.userId);
    const headers = new Headers({ "Set-Cookie": session.cookie });
    headers.append("Set-Cookie", rememberDevice(db, readDeviceToken(request), finished.userId));
    throw redirect("/saya", { status: 303, headers });
  }
  if (finished.refusal === "duplicate") return data({ result: null, outcome: "duplicate" as const }, { status: 200 });
  if (finished.refusal === "expired") return data({ result: null, outcome: "expired" as const }, { status: 400 });
  return data({ result: submission.reply({ fieldErrors: { code: ["signup.invalidCode"] } }), outcome: null }, { status: 400 });
}

export default function SignupCode() {
  const { t } = useText();
  const { ticket, phone, demoMessage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "signup-code",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupCodeSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });

  if (actionData?.outcome === "duplicate") {
    return (
      <div className="mx-auto max-w-md space-y-3">
        <h1 className="text-2xl font-bold text-slate-900">{t("signup.neutralTitle")}</h1>
        <Alert tone="info">{t("signup.neutralDuplicate")}</Alert>
        <Link to="/masuk" className="inline-block font-medium text-brand-700 underline">
          {t("signup.signIn")}
        </Link>
      </div>
    );
  }
  if (ticket === null || actionData?.outcome === "expired") {
    return (
      <div className="mx-auto max-w-md space-y-3">
        <h1 className="text-2xl font-bold text-slate-900">{t("signup.codeTitle")}</h1>
        <Alert tone="error">{t("signup.invalidTicket")}</Alert>
        <Link to="/daftar" className="inline-block font-medium text-brand-700 underline">
          {t("signup.startAgain")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold text-slate-900">{t("signup.codeTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("signup.codeIntro", { phone })}</p>
      {demoMessage ? (
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("demoOutbox.code", { body: demoMessage })}</p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={
            actionData?.outcome === "limited" && "retryAfterSeconds" in actionData
              ? [t("limits.tooMany", { minutes: Math.ceil(actionData.retryAfterSeconds / 60) })]
              : form.errors
          } />
        <input type="hidden" name="n" value={ticket} />
        <InputField field={fields.code} label={t("signup.code")} hint={t("signup.codeHint")} autoComplete="one-time-code" inputMode="numeric" />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("signup.submit")}
        </Button>
      </Form>
    </div>
  );
}
