import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import type { z } from "zod";
import { stageTitle } from "~/modules/journey/labels";
import { OrganisationFields } from "~/components/partners/organisation-fields";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FieldErrors, FormErrors, InputField, SelectField, TextareaField } from "~/components/ui/field";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { agreementSchema, attachmentSchema, organisationSchema, PARTNER_STAGES } from "~/modules/partners/forms";
import { AGREEMENT_KINDS } from "../../machines/vocabulary";
import {
  addAgreement,
  attachToStage,
  districtOptions,
  getOrganisationPage,
  PartnerChangeRefused,
  updateOrganisation,
} from "~/modules/partners/organisations.server";
import { PipelineSection, ReadyList } from "~/components/lending/pipeline";
import { participantScope } from "~/modules/access/scope.server";
import { currentRules } from "~/modules/journey/rules.server";
import { isLender, lendingOverview, readyNotReferred } from "~/modules/lending/pipeline.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  text: ["partners", "lending"],
  title: (t, data) => (data as { organisation?: { name: string } } | null)?.organisation?.name ?? t("partners.title"),
};

const SCHEMAS = { organisation: organisationSchema, agreement: agreementSchema, attach: attachmentSchema } as const;
type Intent = keyof typeof SCHEMAS;

async function requireOrganisation(request: Request, rawId: string | undefined) {
  const user = await requireRole(request, ["coordinator"]);
  const id = parseId(rawId);
  const page = id === null ? null : getOrganisationPage(getDb(), id, jakartaDate());
  if (!page) throw notFound();
  return { ...page, user };
}

/** How many of the ready, unreferred participants the page names. */
const READY_LIMIT = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ...page } = await requireOrganisation(request, params.id);
  const db = getDb();
  const today = jakartaDate();
  // The coordinator's own scope (their city, or the province) narrows the pipeline and the ready list.
  const inScope = participantScope(db, user);
  const rules = currentRules(db).rules;
  const lends = isLender(db, page.organisation.id);
  return {
    ...page,
    districts: districtOptions(db),
    lending: lends ? lendingOverview(db, page.organisation.id, rules, today, { referrals: inScope, participants: inScope }) : null,
    ready: lends ? readyNotReferred(db, page.organisation.id, rules, today, inScope, READY_LIMIT) : [],
    readyLimit: READY_LIMIT,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation } = await requireOrganisation(request, params.id);
  const formData = await request.formData();
  const raw = formData.get("intent");
  const intent: Intent = raw === "agreement" || raw === "attach" ? raw : "organisation";
  const submission = parseWithZod(formData, { schema: SCHEMAS[intent] });
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  const db = getDb();
  try {
    const value = submission.value;
    if (value.intent === "organisation") updateOrganisation(db, organisation.id, value);
    else if (value.intent === "agreement") addAgreement(db, organisation.id, value);
    else attachToStage(db, organisation.id, value, jakartaDate());
  } catch (error) {
    if (!(error instanceof PartnerChangeRefused)) throw error;
    return data({ intent, result: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) }, { status: 400 });
  }
  throw redirect(`/organisasi/${organisation.id}`, 303);
}

function useIntentForm<S extends z.ZodTypeAny>(intent: Intent, schema: S, defaultValue?: z.input<S>) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return useForm<z.input<S>>({
    id: `form-${intent}`,
    defaultValue,
    lastResult: navigation.state === "idle" && actionData?.intent === intent ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

/** Checkboxes for an array field; what was ticked stays ticked when the form comes back with errors. */
function Checkboxes({
  field,
  legend,
  hint,
  options,
  columns = "sm:grid-cols-2",
}: {
  field: FieldMetadata<unknown>;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  columns?: string;
}) {
  const initial = field.initialValue;
  const selected = new Set((Array.isArray(initial) ? initial : initial === undefined ? [] : [initial]).map(String));
  return (
    <fieldset aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? <p className="mb-1 text-xs text-slate-600">{hint}</p> : null}
      <div className={`grid gap-1 ${columns}`}>
        {options.map((option) => (
          <label key={option.value} className="flex min-h-11 items-center gap-2 text-sm text-slate-900">
            <input
              type="checkbox"
              name={field.name}
              value={option.value}
              defaultChecked={selected.has(option.value)}
              className="size-5 shrink-0"
              key={`${field.key ?? ""}-${option.value}`}
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/** An id field as a select's field: numbers travel as strings in a form, and the schema turns them back. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const asSelect = (field: FieldMetadata<number | undefined, any, string[]>) => field as unknown as FieldMetadata<string | undefined>;

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id={id} className="text-lg font-bold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function OrganisationPage() {
  const { t, i18n } = useText();
  const { organisation: o, agreements, attachments, districts, lending, ready, readyLimit } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [orgForm, orgFields] = useIntentForm("organisation", organisationSchema, {
    intent: "organisation",
    name: o.name,
    kind: o.kind,
    contactName: o.contactName ?? "",
    contactEmail: o.contactEmail ?? "",
    contactPhone: o.contactPhone ?? "",
  });
  const [agreementForm, agreementFields] = useIntentForm("agreement", agreementSchema);
  const [attachForm, attachFields] = useIntentForm("attach", attachmentSchema);
  const validAgreements = agreements.filter((a) => !a.expired);
  const stageOptions = PARTNER_STAGES.map((stage) => ({ value: stage, label: stageTitle(t, stage) }));
  const cities = [...new Set(districts.map((d) => d.city))];

  return (
    <div className="space-y-6">
      <p>
        <Link to="/organisasi" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {t("partners.back")}
        </Link>
      </p>
      <header className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h1 className="text-2xl font-bold break-words text-slate-900">{o.name}</h1>
        <p className="text-slate-700">{t(`partners.kind.${o.kind}`)}</p>
        <p className="mt-2 text-sm break-words text-slate-700">
          <span className="font-medium">{t("partners.contact")}: </span>
          {[o.contactName, o.contactEmail, o.contactPhone].filter(Boolean).join(" · ") || t("partners.noContact")}
        </p>
      </header>

      <Section id="agreements-heading" title={t("partners.agreementsTitle")}>
        {agreements.length === 0 ? (
          <p className="text-sm text-slate-700">{t("partners.noAgreements")}</p>
        ) : (
          <ul className="divide-y divide-slate-200" aria-label={t("partners.agreementsTitle")}>
            {agreements.map((a) => (
              <li key={a.id} className="py-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold text-slate-900">
                    {t(`partners.agreementKind.${a.kind}`)} {a.number}
                  </span>
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-semibold ${a.expired ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"}`}
                  >
                    {a.expired ? t("partners.expired") : t("partners.valid")}
                  </span>
                </div>
                <p className="text-slate-700" suppressHydrationWarning>
                  {t("partners.signedOn", { date: formatDate(a.signedOn, i18n.language) })} ·{" "}
                  {t("partners.validUntil", { date: formatDate(a.validUntil, i18n.language) })}
                </p>
                <p className="text-slate-700">{t("partners.stagesCovered", { stages: a.stages.map((s) => stageTitle(t, s)).join(", ") })}</p>
                <p className="text-slate-700">
                  {t("partners.districtsCovered", { districts: a.districtNames ? a.districtNames.join(", ") : t("partners.allDistricts") })}
                </p>
              </li>
            ))}
          </ul>
        )}
        <details className="rounded-md border border-slate-200 p-3" open={agreementForm.status === "error"}>
          <summary className="cursor-pointer text-sm font-semibold text-brand-700">{t("partners.addAgreement")}</summary>
          <Form method="post" {...getFormProps(agreementForm)} className="mt-3 space-y-4">
            <input type="hidden" name="intent" value="agreement" />
            <FormErrors id={agreementForm.errorId} errors={agreementForm.errors} />
            <SelectField
              field={agreementFields.kind}
              label={t("partners.field.agreementKind")}
              placeholder={t("partners.choose")}
              options={AGREEMENT_KINDS.map((kind) => ({ value: kind, label: t(`partners.agreementKind.${kind}`) }))}
            />
            <InputField field={agreementFields.number} label={t("partners.field.number")} autoComplete="off" />
            <div className="grid gap-4 sm:grid-cols-2">
              <InputField field={agreementFields.signedOn} label={t("partners.field.signedOn")} type="date" />
              <InputField field={agreementFields.validUntil} label={t("partners.field.validUntil")} type="date" />
            </div>
            <Checkboxes field={agreementFields.stages} legend={t("partners.field.stages")} options={stageOptions} />
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-800">{t("partners.field.districts")}</legend>
              <p className="mb-2 text-xs text-slate-600">{t("partners.field.districtsHint")}</p>
              <div className="space-y-3">
                {cities.map((city) => (
                  <Checkboxes
                    key={city}
                    field={agreementFields.districts}
                    legend={city}
                    columns="grid-cols-2 lg:grid-cols-4"
                    options={districts.filter((d) => d.city === city).map((d) => ({ value: String(d.id), label: d.name }))}
                  />
                ))}
              </div>
            </fieldset>
            <Button disabled={busy}>{t("partners.addAgreement")}</Button>
          </Form>
        </details>
      </Section>

      <Section id="attachments-heading" title={t("partners.attachmentsTitle")}>
        {attachments.length === 0 ? (
          <p className="text-sm text-slate-700">{t("partners.noAttachments")}</p>
        ) : (
          <ul className="divide-y divide-slate-200" aria-label={t("partners.attachmentsTitle")}>
            {attachments.map((a) => (
              <li key={a.id} className="py-3 text-sm">
                <p className="font-semibold text-slate-900">
                  {stageTitle(t, a.stage)} · {a.districtName ?? t("partners.allDistricts")}
                </p>
                <p className="text-slate-700">{a.offer}</p>
                <p className="text-slate-600">
                  {a.agreementNumber ?? "—"}
                  {a.inactive ? <span className="ml-2 font-semibold text-red-800">{t("partners.inactiveOffer")}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        )}
        {validAgreements.length === 0 ? (
          <Alert tone="info">{t("partners.noValidAgreement")}</Alert>
        ) : (
          <details className="rounded-md border border-slate-200 p-3" open={attachForm.status === "error"}>
            <summary className="cursor-pointer text-sm font-semibold text-brand-700">{t("partners.attach")}</summary>
            <Form method="post" {...getFormProps(attachForm)} className="mt-3 space-y-4">
              <input type="hidden" name="intent" value="attach" />
              <p className="text-xs text-slate-600">{t("partners.attachHint")}</p>
              <FormErrors id={attachForm.errorId} errors={attachForm.errors} />
              <SelectField field={attachFields.stage} label={t("partners.field.stage")} placeholder={t("partners.choose")} options={stageOptions} />
              <SelectField
                field={asSelect(attachFields.agreementId)}
                label={t("partners.field.agreement")}
                placeholder={t("partners.choose")}
                options={validAgreements.map((a) => ({
                  value: String(a.id),
                  label: t("partners.agreementOption", {
                    kind: t(`partners.agreementKind.${a.kind}`),
                    number: a.number,
                    date: formatDate(a.validUntil, i18n.language),
                  }),
                }))}
              />
              <SelectField
                field={asSelect(attachFields.districtId)}
                label={t("partners.field.district")}
                placeholder={t("partners.field.allDistricts")}
                options={districts.map((d) => ({ value: String(d.id), label: `${d.name} (${d.city})` }))}
              />
              <TextareaField field={attachFields.offer} label={t("partners.field.offer")} hint={t("partners.field.offerHint")} />
              <Button disabled={busy}>{t("partners.attach")}</Button>
            </Form>
          </details>
        )}
      </Section>

      {lending ? <PipelineSection {...lending} readyList={<ReadyList rows={ready} limit={readyLimit} />} /> : null}

      <Section id="edit-heading" title={t("partners.editTitle")}>
        <Form method="post" {...getFormProps(orgForm)} className="max-w-xl space-y-4">
          <input type="hidden" name="intent" value="organisation" />
          <FormErrors id={orgForm.errorId} errors={orgForm.errors} />
          <OrganisationFields fields={orgFields} />
          <Button disabled={busy}>{t("partners.save")}</Button>
        </Form>
      </Section>
    </div>
  );
}
