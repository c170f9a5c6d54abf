// A mentor invites a walk-in to make their own account (/peserta/:id/undang-akun): a one-time link,
// sent from the mentor's own WhatsApp with a message in the participant's language. The link is shown
// once, in the answer to the post; only its hash is stored.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClass } from "~/components/ui/button";
import { FormErrors, SelectField } from "~/components/ui/field";
import { notFound, requireParticipantInScope } from "~/modules/access/guards.server";
import { accountInviteSchema } from "~/modules/account/account-invite";
import { createAccountInvite, INVITE_LIFETIME_DAYS, inviteSubject } from "~/modules/account/account-invite.server";
import { publicBaseUrl } from "~/modules/account/passwords.server";
import { getDb } from "~/modules/db.server";
import { displayPhone, whatsAppHref } from "~/modules/identity/phone";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("accountInvite.panelTitle") };

/** Mentors only: the link goes out from the mentor's own WhatsApp. */
const MENTORS = ["mentor"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { participantId } = await requireParticipantInScope(request, params.id, { roles: MENTORS });
  const subject = inviteSubject(getDb(), participantId);
  if (!subject) throw notFound();
  return {
    participant: { id: participantId, fullName: subject.fullName, phone: subject.phone ? displayPhone(subject.phone) : null, hasAccount: subject.hasAccount },
    days: INVITE_LIFETIME_DAYS,
    language: getLocale(request),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: MENTORS });
  const submission = parseWithZod(await request.formData(), { schema: accountInviteSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), invite: null }, { status: 400 });
  const db = getDb();
  const created = createAccountInvite(db, user.id, participantId);
  if (!created.ok) {
    const key = created.reason === "has-account" ? "accountInvite.hasAccount" : "accountInvite.noPhone";
    return data({ result: submission.reply({ formErrors: [key] }), invite: null }, { status: 409 });
  }
  const link = `${publicBaseUrl(request)}/aktifkan/${created.token}`;
  // Written in the participant's language, whatever the mentor reads the page in.
  const { t } = serverI18n(submission.value.language);
  const message = t("accountInvite.message", {
    name: created.fullName.trim().split(/\s+/)[0] ?? created.fullName,
    business: created.businessName,
    link,
    count: INVITE_LIFETIME_DAYS,
    mentor: user.name,
  });
  return data(
    { result: null, invite: { link, message, href: whatsAppHref(created.phone, message)! } },
    // The answer holds a working link: never cached, never sent on as a referrer.
    { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } },
  );
}

export default function InviteToAccount() {
  const { t } = useText();
  const { participant: p, days, language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "account-invite",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    defaultValue: { language },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountInviteSchema }),
    shouldValidate: "onSubmit",
  });
  const invite = actionData?.invite ?? null;

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p className="text-sm">
        <Link to={`/peserta/${p.id}`} className="font-medium text-brand-700 underline">
          ← {t("accountInvite.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold break-words text-slate-900">{t("accountInvite.title", { name: p.fullName })}</h1>
      {p.hasAccount ? (
        <Alert tone="info">{t("accountInvite.hasAccount", { name: p.fullName })}</Alert>
      ) : !p.phone ? (
        <Alert tone="warning">{t("accountInvite.noPhone")}</Alert>
      ) : invite ? (
        <section className="space-y-3 rounded-lg border border-emerald-300 bg-white p-4">
          <Alert tone="success">{t("accountInvite.ready")}</Alert>
          <a href={invite.href} target="_blank" rel="noopener noreferrer" className={buttonClass("primary", "w-full")}>
            {t("accountInvite.send")}
          </a>
          <div>
            <p className="text-sm font-medium text-slate-700">{t("accountInvite.messageLabel")}</p>
            <p className="mt-1 rounded-md bg-slate-50 p-3 text-sm break-words whitespace-pre-line text-slate-900">{invite.message}</p>
          </div>
          <div>
            <label htmlFor="invite-link" className="text-sm font-medium text-slate-700">
              {t("accountInvite.linkLabel")}
            </label>
            <input id="invite-link" readOnly value={invite.link} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
        </section>
      ) : (
        <>
          <p className="text-sm text-slate-700">{t("accountInvite.intro", { count: days, phone: p.phone })}</p>
          <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
            <FormErrors id={form.errorId} errors={form.errors} />
            <SelectField
              field={fields.language}
              label={t("accountInvite.language")}
              options={[
                { value: "id", label: t("accountInvite.languageId") },
                { value: "en", label: t("accountInvite.languageEn") },
              ]}
            />
            <Button className="w-full" disabled={navigation.state === "submitting"}>
              {t("accountInvite.create")}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
