// A new password through a reset link (one hour, single use). A link that no longer works answers 410
// with the same words whatever the reason. Saving ends every session of the account.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { resetLinkHolder, resetPassword } from "~/modules/account/passwords.server";
import { resetSchema } from "~/modules/auth/account-forms";
import { getDb } from "~/modules/db.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { limitAnonymousPost, tooManyRequests, retryAfterHeaders } from "~/modules/limits/rate-limit.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("password.resetTitle") };

/** A refused post's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

// The token is the credential: the page is not cached and its address is not sent on as a referrer.
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
const GONE = { status: 410, headers: PRIVATE };

export async function loader({ params }: LoaderFunctionArgs) {
  const holder = resetLinkHolder(getDb(), params.token ?? "");
  if (!holder) return data({ holder: null }, GONE);
  return data({ holder: { name: holder.name, email: holder.email } }, { headers: PRIVATE });
}

type Reply = { result: SubmissionResult<string[]> | null; outcome: "gone" | "done" | "limited" | null; retryAfterSeconds?: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const db = getDb();
  const limited = limitAnonymousPost(db, context);
  if (!limited.ok) return tooManyRequests<Reply>({ result: null, outcome: "limited", retryAfterSeconds: limited.retryAfterSeconds }, limited.retryAfterSeconds);
  const token = params.token ?? "";
  if (!resetLinkHolder(db, token)) return data<Reply>({ result: null, outcome: "gone" }, GONE);
  const submission = parseWithZod(await request.formData(), { schema: resetSchema });
  if (submission.status !== "success") return data<Reply>({ result: submission.reply({ hideFields: ["password", "confirm"] }), outcome: null }, { status: 400 });
  if (!(await resetPassword(db, token, submission.value.password))) return data<Reply>({ result: null, outcome: "gone" }, GONE);
  return data<Reply>({ result: null, outcome: "done" }, { headers: PRIVATE });
}

export default function ResetPassword() {
  const { t } = useText();
  const { holder } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (actionData?.outcome === "done" || actionData?.outcome === "gone" || !holder) {
    const done = actionData?.outcome === "done";
    return (
      <div className="mx-auto max-w-md space-y-3">
        <h1 className="text-2xl font-bold text-slate-900">{t("password.resetTitle")}</h1>
        <Alert tone={done ? "success" : "error"}>{done ? t("password.resetDone") : t("password.resetInvalid")}</Alert>
        <Link to={done ? "/masuk" : "/lupa-sandi"} className="inline-block font-medium text-brand-700 underline">
          {done ? t("signup.signIn") : t("password.forgotTitle")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold text-slate-900">{t("password.resetTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("password.resetIntro", { name: holder.name })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={
            actionData?.retryAfterSeconds ? [t("limits.tooMany", { minutes: Math.ceil(actionData.retryAfterSeconds / 60) })] : form.errors
          } />
        <input type="email" name="username" autoComplete="username" value={holder.email} readOnly hidden />
        <InputField field={fields.password} type="password" label={t("password.new")} hint={t("password.newHint")} autoComplete="new-password" />
        <InputField field={fields.confirm} type="password" label={t("password.confirm")} autoComplete="new-password" />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("password.save")}
        </Button>
      </Form>
    </div>
  );
}
