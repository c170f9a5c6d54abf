// A walk-in claims the account their mentor invited them to (/aktifkan/:token): a code to the phone
// on their record proves it is theirs, a password is optional, and they land on their own page. A
// used or expired link says so in plain words (410). Works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { parseId } from "~/modules/access/guards.server";
import { claimAccountSchema, claimSendSchema } from "~/modules/account/account-invite";
import { accountInviteState, claimAccount, sendClaimCode } from "~/modules/account/account-invite.server";
import { readDeviceToken, rememberDevice } from "~/modules/auth/devices.server";
import { createSession } from "~/modules/auth/session.server";
import { codeStillOpen } from "~/modules/codes/one-time.server";
import { getDb } from "~/modules/db.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { clientAddress, limitAnonymousPost, retryAfterHeaders, tooManyRequests } from "~/modules/limits/rate-limit.server";
import { latestMessageTo, outboxVisible } from "~/modules/outbox/outbox.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("accountInvite.claimTitle") };

/** A refused post's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

type Gone = "used" | "expired";
const GONE = { status: 410 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const invite = accountInviteState(db, params.token ?? "");
  if (invite.state !== "open") return data({ gone: invite.state as Gone, invitee: null, token: null, ticket: null, demoMessage: null }, GONE);
  const ticket = parseId(new URL(request.url).searchParams.get("n") ?? undefined);
  const open = ticket === null ? null : codeStillOpen(db, "account_claim", ticket);
  // The demo sends nothing: it shows the message the phone would have received.
  const demoMessage = open && outboxVisible() ? (latestMessageTo(db, open.target)?.body ?? null) : null;
  return {
    gone: null,
    invitee: { firstName: invite.firstName, businessName: invite.businessName, phone: invite.phoneMasked },
    token: params.token!,
    ticket: open ? ticket : null,
    demoMessage,
  };
}

/** `claim`: the answer to the code form (shown again with its errors, even when the ticket in the address has lapsed). */
type Reply = { result: SubmissionResult<string[]> | null; gone: Gone | null; retryAfterSeconds: number | null; claim?: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const db = getDb();
  const token = params.token ?? "";
  const limited = limitAnonymousPost(db, context);
  if (!limited.ok) return tooManyRequests<Reply>({ result: null, gone: null, retryAfterSeconds: limited.retryAfterSeconds }, limited.retryAfterSeconds);
  const formData = await request.formData();
  if (formData.get("intent") !== "claim") {
    const submission = parseWithZod(formData, { schema: claimSendSchema });
    if (submission.status !== "success") return data<Reply>({ result: submission.reply(), gone: null, retryAfterSeconds: null }, { status: 400 });
    const sent = await sendClaimCode(db, token, clientAddress(context));
    if (sent.ok) throw redirect(`/aktifkan/${token}?${new URLSearchParams({ n: String(sent.ticket) })}`, { status: 303 });
    if (sent.reason === "limited") return tooManyRequests<Reply>({ result: submission.reply(), gone: null, retryAfterSeconds: sent.retryAfterSeconds }, sent.retryAfterSeconds);
    return data<Reply>({ result: null, gone: sent.reason, retryAfterSeconds: null }, GONE);
  }
  const submission = parseWithZod(formData, { schema: claimAccountSchema });
  if (submission.status !== "success") return data<Reply>({ result: submission.reply({ hideFields: ["password", "confirm"] }), gone: null, retryAfterSeconds: null, claim: true }, { status: 400 });
  const { n, code, password } = submission.value;
  const claimed = await claimAccount(db, token, n, code, password ? password : null);
  if (claimed.ok) {
    const session = createSession(db, claimed.userId);
    const headers = new Headers({ "Set-Cookie": session.cookie });
    headers.append("Set-Cookie", rememberDevice(db, readDeviceToken(request), claimed.userId));
    throw redirect("/saya", { status: 303, headers });
  }
  if (claimed.reason === "used" || claimed.reason === "expired") return data<Reply>({ result: null, gone: claimed.reason, retryAfterSeconds: null }, GONE);
  const key = claimed.reason === "wrong" ? "accountInvite.wrongCode" : "accountInvite.codeExpired";
  return data<Reply>({ result: submission.reply({ fieldErrors: { code: [key] }, hideFields: ["password", "confirm"] }), gone: null, retryAfterSeconds: null, claim: true }, { status: 400 });
}

export default function ClaimAccount() {
  const { t } = useText();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const codeStep = loaded.ticket !== null || actionData?.claim === true;
  const [form, fields] = useForm({
    id: codeStep ? "claim-account" : "claim-send",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: codeStep ? claimAccountSchema : claimSendSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const gone = actionData?.gone ?? loaded.gone;
  if (gone || !loaded.invitee) {
    return (
      <div className="mx-auto max-w-md space-y-3">
        <h1 className="text-2xl font-bold text-slate-900">{t("accountInvite.claimTitle")}</h1>
        <Alert tone={gone === "used" ? "info" : "error"}>{t(gone === "used" ? "accountInvite.used" : "accountInvite.expired")}</Alert>
        <Link to="/masuk/telepon" className="inline-block font-medium text-brand-700 underline">
          {t("accountInvite.signIn")}
        </Link>
      </div>
    );
  }
  const { invitee, token } = loaded;
  const limited = actionData?.retryAfterSeconds ? [t("limits.tooMany", { minutes: Math.ceil(actionData.retryAfterSeconds / 60) })] : null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold text-slate-900">{t("accountInvite.claimTitle")}</h1>
      <p className="mt-1 text-sm break-words text-slate-700">{t("accountInvite.claimIntro", { name: invitee.firstName, business: invitee.businessName, phone: invitee.phone })}</p>
      {codeStep ? (
        <>
          <p className="mt-3 text-sm text-slate-700">{t("accountInvite.codeSent", { phone: invitee.phone })}</p>
          {loaded.demoMessage ? (
            <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("demoOutbox.code", { body: loaded.demoMessage })}</p>
          ) : null}
          <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
            <FormErrors id={form.errorId} errors={limited ?? form.errors} />
            <input type="hidden" name="intent" value="claim" />
            <input type="hidden" name="n" value={loaded.ticket ?? fields.n.initialValue ?? ""} />
            <InputField field={fields.code} label={t("accountInvite.code")} hint={t("signup.codeHint")} autoComplete="one-time-code" inputMode="numeric" />
            <InputField field={fields.password} type="password" label={t("accountInvite.password")} hint={t("accountInvite.passwordHint")} autoComplete="new-password" />
            <InputField field={fields.confirm} type="password" label={t("accountInvite.confirm")} autoComplete="new-password" />
            <Button className="w-full" disabled={navigation.state === "submitting"}>
              {t("accountInvite.claim")}
            </Button>
          </Form>
          <Link to={`/aktifkan/${token}`} className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
            {t("accountInvite.newCode")}
          </Link>
        </>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
          <FormErrors id={form.errorId} errors={limited ?? form.errors} />
          <input type="hidden" name="intent" value="send" />
          <Button className="w-full" disabled={navigation.state === "submitting"}>
            {t("accountInvite.sendCode")}
          </Button>
        </Form>
      )}
    </div>
  );
}
