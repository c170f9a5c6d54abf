// Signing in with a phone number and a code sent to it (entrepreneurs). Two forms on one page: the
// number, then (with the ticket in the address) the code. Works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { getOptionalUser, parseId } from "~/modules/access/guards.server";
import { phoneCodeSchema, phoneSchema } from "~/modules/auth/account-forms";
import { readDeviceToken, rememberDevice } from "~/modules/auth/devices.server";
import { homePath } from "~/modules/auth/home";
import { finishPhoneLogin, startPhoneLogin } from "~/modules/auth/phone-login.server";
import { createSession } from "~/modules/auth/session.server";
import { codeStillOpen } from "~/modules/codes/one-time.server";
import { getDb } from "~/modules/db.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { clientAddress, limitAnonymousPost, tooManyRequests, retryAfterHeaders } from "~/modules/limits/rate-limit.server";
import { maskedPhone } from "~/modules/outbox/masked";
import { latestMessageTo, outboxVisible } from "~/modules/outbox/outbox.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("phoneLogin.title") };

/** A refused post's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homePath(user.role));
  const ticket = parseId(new URL(request.url).searchParams.get("n") ?? undefined);
  const open = ticket === null ? null : codeStillOpen(getDb(), "phone_login", ticket);
  if (ticket === null || !open) return { ticket: null, phone: null, expired: ticket !== null, demoMessage: null };
  const demoMessage = outboxVisible() ? (latestMessageTo(getDb(), open.target)?.body ?? null) : null;
  return { ticket, phone: maskedPhone(open.target), expired: false, demoMessage };
}

type Reply = { result: SubmissionResult<string[]> | null; retryAfterSeconds: number | null };

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const db = getDb();
  const limited = limitAnonymousPost(db, context);
  if (!limited.ok) return tooManyRequests<Reply>({ result: null, retryAfterSeconds: limited.retryAfterSeconds }, limited.retryAfterSeconds);
  const formData = await request.formData();
  if (formData.get("intent") === "code") {
    const submission = parseWithZod(formData, { schema: phoneCodeSchema });
    if (submission.status !== "success") return data<Reply>({ result: submission.reply(), retryAfterSeconds: null }, { status: 400 });
    const finished = finishPhoneLogin(db, submission.value.n, submission.value.code);
    if (!finished.ok) {
      const key = finished.reason === "wrong" ? "phoneLogin.invalidCode" : "phoneLogin.invalidTicket";
      return data<Reply>({ result: submission.reply({ fieldErrors: { code: [key] } }), retryAfterSeconds: null }, { status: 400 });
    }
    const session = createSession(db, finished.user.id);
    const headers = new Headers({ "Set-Cookie": session.cookie });
    headers.append("Set-Cookie", rememberDevice(db, readDeviceToken(request), finished.user.id));
    throw redirect(homePath(finished.user.role), { status: 303, headers });
  }
  const submission = parseWithZod(formData, { schema: phoneSchema });
  if (submission.status !== "success") return data<Reply>({ result: submission.reply(), retryAfterSeconds: null }, { status: 400 });
  const started = await startPhoneLogin(db, submission.value.phone, clientAddress(context));
  if (!started.ok) return tooManyRequests<Reply>({ result: submission.reply(), retryAfterSeconds: started.retryAfterSeconds }, started.retryAfterSeconds);
  throw redirect(`/masuk/telepon?${new URLSearchParams({ n: String(started.ticket) })}`, { status: 303 });
}

export default function PhoneSignIn() {
  const { t } = useText();
  const { ticket, phone, expired, demoMessage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const codeStep = ticket !== null;
  const [form, fields] = useForm({
    id: codeStep ? "phone-code" : "phone-login",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: codeStep ? phoneCodeSchema : phoneSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const limited = actionData?.retryAfterSeconds ? [t("limits.tooMany", { minutes: Math.ceil(actionData.retryAfterSeconds / 60) })] : null;

  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold text-slate-900">{t("phoneLogin.title")}</h1>
      <p className="mt-1 text-sm text-slate-700">{codeStep ? t("phoneLogin.sentIntro", { phone }) : t("phoneLogin.intro")}</p>
      {demoMessage ? (
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("demoOutbox.code", { body: demoMessage })}</p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <FormErrors id={form.errorId} errors={limited ?? (expired ? ["phoneLogin.invalidTicket"] : form.errors)} />
        {codeStep ? (
          <>
            <input type="hidden" name="intent" value="code" />
            <input type="hidden" name="n" value={ticket} />
            <InputField field={fields.code} label={t("phoneLogin.code")} hint={t("signup.codeHint")} autoComplete="one-time-code" inputMode="numeric" />
          </>
        ) : (
          <InputField field={fields.phone} label={t("phoneLogin.phone")} hint={t("phoneLogin.phoneHint")} autoComplete="tel" inputMode="numeric" />
        )}
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {codeStep ? t("phoneLogin.submit") : t("phoneLogin.send")}
        </Button>
      </Form>
      <ul className="mt-4 space-y-3 text-sm">
        {codeStep ? (
          <li>
            <Link to="/masuk/telepon" className="font-medium text-brand-700 underline">
              {t("phoneLogin.again")}
            </Link>
          </li>
        ) : null}
        <li>
          <Link to="/masuk" className="font-medium text-brand-700 underline">
            {t("phoneLogin.emailInstead")}
          </Link>
        </li>
      </ul>
    </div>
  );
}
