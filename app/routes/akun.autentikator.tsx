// Two-step verification for coordinators (/akun/autentikator, decision 0016): start an enrolment, scan
// the QR code (drawn on the server as SVG markup, no style attributes), confirm with a first code,
// and keep the recovery codes shown once. Where enrolment is required, coordinators are sent here
// before any other page.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { notFound, requireUserToEnrol } from "~/modules/access/guards.server";
import { homePath } from "~/modules/auth/home";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import { retryAfterHeaders, tooManyRequests } from "~/modules/limits/rate-limit.server";
import { MFA_REFUSAL, mfaConfirmSchema, mfaStartSchema } from "~/modules/mfa/forms";
import { confirmEnrolment, enrolledSince, mayEnrol, MFA_ENROL_PATH, mfaRequired, pendingEnrolment, recoveryCodesLeft, startEnrolment } from "~/modules/mfa/mfa.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("mfa.enrolTitle") };

/** A refused post's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserToEnrol(request);
  if (!mayEnrol(user.role)) throw notFound();
  const db = getDb();
  const since = enrolledSince(db, user.id);
  return {
    required: mfaRequired(),
    home: homePath(user.role),
    enrolled: since === null ? null : { since, left: recoveryCodesLeft(db, user.id) },
    // Read only: the secret was made by the "start" post.
    pending: since === null ? await pendingEnrolment(db, user) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserToEnrol(request);
  if (!mayEnrol(user.role)) throw notFound();
  const db = getDb();
  const formData = await request.formData();
  if (formData.get("intent") !== "confirm") {
    const submission = parseWithZod(formData, { schema: mfaStartSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), recoveryCodes: null, retryAfterSeconds: null }, { status: 400 });
    startEnrolment(db, user.id);
    throw redirect(MFA_ENROL_PATH, 303);
  }
  const submission = parseWithZod(formData, { schema: mfaConfirmSchema });
  // A code with no enrolment waiting for it (not started, or already on): said above the page's form.
  const waiting = enrolledSince(db, user.id) === null && (await pendingEnrolment(db, user)) !== null;
  if (!waiting) return data({ result: submission.reply({ formErrors: [MFA_REFUSAL.nothingToConfirm] }), recoveryCodes: null, retryAfterSeconds: null }, { status: 409 });
  if (submission.status !== "success") return data({ result: submission.reply(), recoveryCodes: null, retryAfterSeconds: null }, { status: 400 });
  const confirmed = confirmEnrolment(db, user.id, submission.value.code);
  if (confirmed.ok) {
    // Shown once: never cached.
    return data({ result: null, recoveryCodes: confirmed.recoveryCodes, retryAfterSeconds: null }, { headers: { "Cache-Control": "no-store" } });
  }
  if (confirmed.reason === "limited") return tooManyRequests({ result: submission.reply(), recoveryCodes: null, retryAfterSeconds: confirmed.retryAfterSeconds }, confirmed.retryAfterSeconds);
  return data({ result: submission.reply({ fieldErrors: { code: [MFA_REFUSAL.wrongCode] } }), recoveryCodes: null, retryAfterSeconds: null }, { status: 400 });
}

export default function Authenticator() {
  const { t, i18n } = useText();
  const { required, home, enrolled, pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: pending ? "mfa-confirm" : "mfa-start",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: pending ? mfaConfirmSchema : mfaStartSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const limited = actionData?.retryAfterSeconds ? [t("mfa.limited", { minutes: Math.ceil(actionData.retryAfterSeconds / 60) })] : null;

  if (actionData?.recoveryCodes) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-bold text-slate-900">{t("mfa.recoveryTitle")}</h1>
        <Alert tone="warning">{t("mfa.recoveryIntro")}</Alert>
        <ol aria-label={t("mfa.recoveryTitle")} className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-4 font-mono text-base text-slate-900">
          {actionData.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <Link to={home} className="inline-block font-medium text-brand-700 underline">
          {t("mfa.continue")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">{t("mfa.enrolTitle")}</h1>
      {!pending ? <FormErrors id={form.errorId} errors={form.errors} /> : null}
      {enrolled ? (
        <Alert tone="success">{t("mfa.enrolled", { date: formatDate(enrolled.since, i18n.language), count: enrolled.left })}</Alert>
      ) : (
        <>
          {required ? <Alert tone="warning">{t("mfa.required")}</Alert> : null}
          <p className="text-sm text-slate-700">{t("mfa.intro")}</p>
          {pending ? (
            <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-sm text-slate-700">{t("mfa.scan")}</p>
              {/* The QR code is SVG markup made on the server from the otpauth URI (paths only, no scripts or styles). */}
              <div role="img" aria-label={t("mfa.qrLabel")} className="mx-auto h-52 w-52" dangerouslySetInnerHTML={{ __html: pending.qrSvg }} />
              <div>
                <p className="text-sm font-medium text-slate-700">{t("mfa.secret")}</p>
                <p className="mt-1 font-mono text-sm break-all text-slate-900">{pending.secret.replace(/(.{4})/g, "$1 ").trim()}</p>
              </div>
              <Form method="post" {...getFormProps(form)} className="space-y-4">
                <FormErrors id={form.errorId} errors={limited ?? form.errors} />
                <input type="hidden" name="intent" value="confirm" />
                <InputField field={fields.code} label={t("mfa.code")} autoComplete="one-time-code" inputMode="numeric" />
                <Button className="w-full" disabled={navigation.state === "submitting"}>
                  {t("mfa.confirm")}
                </Button>
              </Form>
            </section>
          ) : (
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="start" />
              <Button className="w-full" disabled={navigation.state === "submitting"}>
                {t("mfa.start")}
              </Button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}
