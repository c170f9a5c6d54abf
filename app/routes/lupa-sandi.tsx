// Asking for a password reset link. The answer is the same whether or not the email has an account.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { publicBaseUrl, requestPasswordReset } from "~/modules/account/passwords.server";
import { forgotSchema } from "~/modules/auth/account-forms";
import { getDb } from "~/modules/db.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { clientAddress, limitAnonymousPost, tooManyRequests, retryAfterHeaders } from "~/modules/limits/rate-limit.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("password.forgotTitle") };

/** A refused post's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

type Reply = { result: SubmissionResult<string[]> | null; sent: boolean; retryAfterSeconds: number | null };

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const db = getDb();
  const limited = limitAnonymousPost(db, context);
  if (!limited.ok) return tooManyRequests<Reply>({ result: null, sent: false, retryAfterSeconds: limited.retryAfterSeconds }, limited.retryAfterSeconds);
  const submission = parseWithZod(await request.formData(), { schema: forgotSchema });
  if (submission.status !== "success") return data<Reply>({ result: submission.reply(), sent: false, retryAfterSeconds: null }, { status: 400 });
  const outcome = await requestPasswordReset(db, submission.value.email, clientAddress(context), publicBaseUrl(request));
  if (!outcome.ok) return tooManyRequests<Reply>({ result: submission.reply(), sent: false, retryAfterSeconds: outcome.retryAfterSeconds }, outcome.retryAfterSeconds);
  return data<Reply>({ result: null, sent: true, retryAfterSeconds: null });
}

export default function ForgotPassword() {
  const { t } = useText();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const limited = actionData?.retryAfterSeconds ? [t("limits.tooMany", { minutes: Math.ceil(actionData.retryAfterSeconds / 60) })] : null;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold text-slate-900">{t("password.forgotTitle")}</h1>
      {actionData?.sent ? (
        <Alert tone="success" className="mt-4">
          {t("password.forgotSent")}
        </Alert>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700">{t("password.forgotIntro")}</p>
          <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
            <FormErrors id={form.errorId} errors={limited ?? form.errors} />
            <InputField field={fields.email} label={t("password.email")} type="email" autoComplete="username" inputMode="email" />
            <Button className="w-full" disabled={navigation.state === "submitting"}>
              {t("password.send")}
            </Button>
          </Form>
        </>
      )}
      <p className="mt-4 text-sm">
        <Link to="/masuk" className="font-medium text-brand-700 underline">
          {t("signup.signIn")}
        </Link>
      </p>
    </div>
  );
}
