// A referred participant as partner staff see them: a few fields, the referred stage's state, what
// their organisation recorded, and the outcome forms. Nothing of other stages, no phone, no history.
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { EvidenceList } from "~/components/journey/evidence-list";
import { MoveRefusal } from "~/components/journey/move-refusal";
import { stageTitle } from "~/modules/journey/labels";
import { StatusBadge } from "~/components/journey/status-badge";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField, SelectField } from "~/components/ui/field";
import { notFound, requireParticipantInScope } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { JourneyError } from "~/modules/journey/errors";
import { formatDate } from "~/modules/i18n/format";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { EVIDENCE_KINDS } from "../../machines/stages";
import { LICENCE_TYPES, TRAINING_SKILLS } from "../../machines/vocabulary";
import { isOutcomeStage, outcomeSchema, type OutcomeStage } from "~/modules/partners/forms";
import { getPartnerParticipantPage, recordPartnerOutcome } from "~/modules/partners/partner-staff.server";
import { LoanPanel, type LoanFormResult } from "~/components/lending/loan-panel";
import { loanStepSchema, repaymentSchema } from "~/modules/lending/forms";
import { LoanRefused, loansOfReferrals, recordLoanStep, recordRepayment } from "~/modules/lending/loans.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  text: ["dormancy", "partners", "lending"],
  title: (t, data) => (data as { participant?: { fullName: string } } | null)?.participant?.fullName ?? t("partners.staff.title"),
};

async function requireReferred(request: Request, rawId: string | undefined) {
  const { user, participantId } = await requireParticipantInScope(request, rawId, { roles: ["partner"] });
  const page = getPartnerParticipantPage(getDb(), user.organisationId!, participantId, jakartaDate());
  if (!page) throw notFound();
  return { user, page };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, page } = await requireReferred(request, params.id);
  const capital = page.referrals.filter((r) => r.stage === "capital").map((r) => r.referralId);
  return { ...page, loans: loansOfReferrals(getDb(), user.organisationId!, capital), today: jakartaDate() };
}

/** A loan step or a repayment status: the lender's own forms, refused with a message and nothing changed. */
function loanAction(user: { id: number; organisationId: number | null }, participantId: number, formData: FormData) {
  const intent: "loan" | "repayment" = formData.get("intent") === "loan" ? "loan" : "repayment";
  const referralId = Number(formData.get("referralId")) || null;
  const submission = parseWithZod(formData, { schema: intent === "loan" ? loanStepSchema : repaymentSchema });
  if (submission.status !== "success") return data({ referralId, form: intent, result: submission.reply(), refusal: null }, { status: 400 });
  const db = getDb();
  const input = { organisationId: user.organisationId!, actorUserId: user.id, today: jakartaDate() };
  try {
    if (submission.value.intent === "loan") recordLoanStep(db, { ...input, participantId, value: submission.value });
    else recordRepayment(db, { ...input, value: submission.value });
  } catch (error) {
    if (error instanceof LoanRefused) {
      return data({ referralId, form: intent, result: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }), refusal: null }, { status: 409 });
    }
    if (!(error instanceof JourneyError)) throw error;
    if (error.code === "not-found") throw notFound();
    return data(
      { referralId, form: intent, result: submission.reply({ formErrors: [`refusal.${error.code}`] }), refusal: { code: error.code, missing: error.missing } },
      { status: error.code === "invalid" ? 400 : 409 },
    );
  }
  throw redirect(`/mitra/${participantId}`, 303);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, page } = await requireReferred(request, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "loan" || intent === "repayment") return loanAction(user, page.participant.id, formData);
  const submission = parseWithZod(formData, { schema: outcomeSchema });
  const referralId = Number(formData.get("referralId")) || null;
  if (submission.status !== "success") return data({ referralId, form: "outcome" as const, result: submission.reply(), refusal: null }, { status: 400 });
  try {
    recordPartnerOutcome(getDb(), {
      organisationId: user.organisationId!,
      participantId: page.participant.id,
      actorUserId: user.id,
      value: submission.value,
      today: jakartaDate(),
    });
  } catch (error) {
    if (!(error instanceof JourneyError)) throw error;
    // Another organisation's referral, or one no longer covered: as if it did not exist.
    if (error.code === "not-found") throw notFound();
    return data(
      {
        referralId,
        form: "outcome" as const,
        result: submission.reply({ formErrors: [`refusal.${error.code}`] }),
        refusal: { code: error.code, missing: error.missing },
      },
      { status: error.code === "invalid" ? 400 : 409 },
    );
  }
  throw redirect(`/mitra/${page.participant.id}`, 303);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const asSelect = (field: FieldMetadata<any, any, string[]>) => field as FieldMetadata<string | undefined>;

function OutcomeForm({ referralId, stage, version, today }: { referralId: number; stage: OutcomeStage; version: number; today: string }) {
  const { t } = useText();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const mine = actionData?.form === "outcome" && actionData.referralId === referralId;
  const [form, fields] = useForm({
    id: `outcome-${referralId}`,
    defaultValue: { occurredOn: today },
    lastResult: navigation.state === "idle" && mine ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: outcomeSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const refusal = mine ? actionData!.refusal : null;
  const title = `${t("partners.staff.recordTitle")} — ${stageTitle(t, stage)}`;
  return (
    <Form method="post" {...getFormProps(form)} aria-label={title} className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-3 sm:p-4">
      <h3 className="font-semibold text-slate-900">{title}</h3>
      <input type="hidden" name="referralId" value={referralId} />
      <input type="hidden" name="stage" value={stage} />
      <input type="hidden" name="version" value={version} />
      {refusal ? (
        <MoveRefusal refusal={refusal} />
      ) : (
        <FormErrors id={form.errorId} errors={form.errors} />
      )}
      {stage === "capital" ? (
        <>
          <SelectField
            field={asSelect(fields.loanStatus)}
            label={t("partners.staff.loanStatus")}
            placeholder={t("partners.choose")}
            options={EVIDENCE_KINDS.capital.map((kind) => ({ value: kind, label: t(`evidenceKind.${kind}`) }))}
          />
          <InputField field={fields.product} label={t("partners.staff.product")} autoComplete="off" />
          <InputField field={fields.amount} label={t("partners.staff.amount")} hint={t("partners.staff.amountHint")} inputMode="numeric" />
        </>
      ) : stage === "licensing" ? (
        <>
          <SelectField
            field={asSelect(fields.licenceType)}
            label={t("partners.staff.licenceType")}
            placeholder={t("partners.choose")}
            options={LICENCE_TYPES.map((type) => ({ value: type, label: t(`licenceType.${type}`) }))}
          />
          <InputField field={fields.licenceNumber} label={t("partners.staff.licenceNumber")} autoComplete="off" />
        </>
      ) : (
        <>
          <InputField field={fields.topic} label={t("partners.staff.topic")} autoComplete="off" />
          <SelectField
            field={asSelect(fields.skill)}
            label={t("partners.staff.skill")}
            placeholder={t("partners.choose")}
            options={TRAINING_SKILLS.map((skill) => ({ value: skill, label: t(`partners.staff.skillOption.${skill}`) }))}
          />
        </>
      )}
      <InputField field={fields.occurredOn} label={t("partners.staff.occurredOn")} type="date" />
      <Button disabled={navigation.state === "submitting"}>{t("partners.staff.save")}</Button>
    </Form>
  );
}

export default function PartnerParticipant() {
  const { t, i18n } = useText();
  const { participant: p, referrals, loans, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A capital outcome posted the old way (without a loan step) is answered on the loan form, which
  // took its place: its errors name the same date, product and amount fields.
  const loanResult: LoanFormResult = actionData
    ? { referralId: actionData.referralId, form: actionData.form === "outcome" ? "loan" : actionData.form, result: actionData.result }
    : null;
  const facts: [string, string][] = [
    [t("partners.staff.business"), p.businessName],
    [t("partners.staff.district"), p.districtName],
    [t("partners.staff.nik"), p.nikMasked],
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/mitra" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {t("partners.staff.back")}
        </Link>
      </p>
      <header className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h1 className="min-w-0 text-2xl font-bold break-words text-slate-900">{p.fullName}</h1>
          <StatusBadge status={p.status} />
        </div>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-slate-600">{label}</dt>
              <dd className="font-medium break-words text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </header>

      {referrals.map((r) => {
        const headingId = `referral-${r.referralId}`;
        return (
          <section key={r.referralId} aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
            <h2 id={headingId} className="text-lg font-bold text-slate-900">
              {t("partners.staff.referralTitle", { stage: stageTitle(t, r.stage) })}
            </h2>
            <p className="text-sm text-slate-700" suppressHydrationWarning>
              {t("partners.staff.stageState", { state: t(`stageState.${r.stageState}`) })} ·{" "}
              {t("partners.referral.referredOn", { date: formatDate(r.referredAt, i18n.language) })}
            </p>
            <div>
              <h3 className="text-sm font-semibold text-slate-900">{t("partners.staff.outcomesTitle")}</h3>
              <EvidenceList items={r.outcomes} />
            </div>
            {r.stage === "capital" ? (
              <LoanPanel
                key={`${r.referralId}-${p.version}`}
                referralId={r.referralId}
                version={p.version}
                loan={loans.find((loan) => loan.referralId === r.referralId) ?? null}
                today={today}
                last={loanResult}
              />
            ) : isOutcomeStage(r.stage) ? (
              <OutcomeForm key={`${r.referralId}-${p.version}`} referralId={r.referralId} stage={r.stage} version={p.version} today={today} />
            ) : (
              <p className="text-sm text-slate-600">{t("partners.staff.noOutcomeForm")}</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
