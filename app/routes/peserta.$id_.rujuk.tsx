// Referring a participant to a partner for a stage (/peserta/:id/rujuk). Its own page, not nested in
// the participant page's layout: the trailing underscore in the file name opts out of that nesting.
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FieldErrors, FormErrors, inputClass } from "~/components/ui/field";
import { notFound, requireParticipantInScope } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { referralSchema } from "~/modules/partners/forms";
import { PartnerChangeRefused } from "~/modules/partners/organisations.server";
import { referParticipant, referralOptions, referralsOf, referralSubject } from "~/modules/partners/referrals.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["partners"], title: (t) => t("partners.referral.title") };

/** Staff who refer participants: their mentor, or a coordinator of their area. */
const STAFF = ["mentor", "coordinator"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const db = getDb();
  const subject = referralSubject(db, participantId);
  if (!subject) throw notFound();
  const { districtId: _districtId, ...participant } = subject;
  return {
    participant,
    offers: referralOptions(db, participantId, jakartaDate()),
    referrals: referralsOf(db, participantId),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const submission = parseWithZod(await request.formData(), { schema: referralSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    referParticipant(getDb(), {
      participantId,
      stagePartnerId: submission.value.stagePartnerId,
      actorUserId: user.id,
      today: jakartaDate(),
    });
  } catch (error) {
    if (!(error instanceof PartnerChangeRefused)) throw error;
    return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) }, { status: 400 });
  }
  throw redirect(`/peserta/${participantId}/rujuk`, 303);
}

export default function ReferParticipant() {
  const { t, i18n } = useText();
  const { participant: p, offers, referrals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "referral",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: referralSchema }),
    shouldValidate: "onSubmit",
  });
  const { key, ...selectProps } = getSelectProps(fields.stagePartnerId);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link to={`/peserta/${p.id}`} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {t("partners.referral.back")}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("partners.referral.title")}</h1>
        <p className="mt-1 text-slate-700">
          {p.fullName} · {p.businessName}
        </p>
        <p className="mt-1 text-sm text-slate-700">{t("partners.referral.intro", { name: p.fullName, district: p.districtName })}</p>
      </div>

      {offers.length === 0 ? (
        <Alert tone="info">{t("partners.referral.noOffers")}</Alert>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
          <FormErrors id={form.errorId} errors={form.errors} />
          <div>
            <label htmlFor={fields.stagePartnerId.id} className="mb-1 block text-sm font-medium text-slate-800">
              {t("partners.referral.offer")}
            </label>
            <select {...selectProps} key={key} className={inputClass}>
              <option value="">{t("partners.choose")}</option>
              {offers.map((o) => (
                <option key={o.stagePartnerId} value={String(o.stagePartnerId)}>
                  {t("partners.referral.option", { stage: stageTitle(t, o.stage), organisation: o.organisationName, offer: o.offer })}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.stagePartnerId.errorId} errors={fields.stagePartnerId.errors} />
          </div>
          <Button disabled={navigation.state === "submitting"}>{t("partners.referral.submit")}</Button>
        </Form>
      )}

      <section aria-labelledby="referrals-heading" className="space-y-2">
        <h2 id="referrals-heading" className="text-lg font-bold text-slate-900">
          {t("partners.referral.existingTitle")}
        </h2>
        {referrals.length === 0 ? (
          <p className="text-sm text-slate-700">{t("partners.referral.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-labelledby="referrals-heading">
            {referrals.map((r) => (
              <li key={r.id} className="px-4 py-3 text-sm">
                <p className="font-semibold text-slate-900">
                  {stageTitle(t, r.stage)} — {r.organisationName}
                </p>
                {r.offer ? <p className="text-slate-700">{r.offer}</p> : null}
                <p className="text-slate-600" suppressHydrationWarning>
                  {t("partners.referral.referredOn", { date: formatDate(r.referredAt, i18n.language) })} ·{" "}
                  {r.outcomeAt ? t("partners.referral.outcomeOn", { date: formatDate(r.outcomeAt, i18n.language) }) : t("partners.referral.noOutcome")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
