// The forms of the participant page. Each is a plain POST form (it works without JavaScript) that
// carries the participant's version, so that a move made against stale data is refused, not applied.
import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { EVIDENCE_KINDS, type StageId } from "../../../machines/stages";
import { LICENCE_TYPES, MARKETING_CHANNELS, TRAINING_SKILLS } from "../../../machines/vocabulary";
import { Button } from "~/components/ui/button";
import { InputField, SelectField, TextareaField } from "~/components/ui/field";
import {
  defaultEvidenceKind,
  evidenceFormSchema,
  moveFormSchema,
  type EvidenceStage,
} from "~/modules/participants/forms";
import type { MoveEvent } from "~/modules/journey/moves";
import { stageTitle } from "~/modules/journey/labels";

/** What the page's action answered, for the one form it concerns. */
export type FormOutcome = { formId: string | null; result: SubmissionResult<string[]> } | undefined;

export function moveFormId(event: MoveEvent, stage: StageId | null): string {
  return stage ? `move-${event}-${stage}` : `move-${event}`;
}

/** Whether the form `id` is the one being submitted right now. */
function useSubmitting(id: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("formId") === id;
}

/** A move form (moveFormSchema) of the page: its fields, whether the action's answer is its own, whether it is being sent. */
function useMoveForm(id: string, outcome: FormOutcome) {
  const navigation = useNavigation();
  const mine = outcome?.formId === id;
  const [form, fields] = useForm({
    id,
    lastResult: mine && navigation.state === "idle" ? outcome.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: moveFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return { form, fields, mine, busy: useSubmitting(id) };
}

function useMoveLabel() {
  const { t } = useText();
  return (event: MoveEvent, stage: StageId | null) => t(`move.${event}`, { stage: stage ? stageTitle(t, stage) : "" });
}

function Hidden({ name, value }: { name: string; value: string | number }) {
  return <input type="hidden" name={name} value={value} />;
}

function FormErrorText({ id, errors }: { id: string; errors: string[] | undefined }) {
  // The page-level alert announces refusals; here the message only sits next to the form.
  const { t } = useText();
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm font-medium text-red-800">
      {errors.map((e) => t(e as never)).join(" ")}
    </p>
  );
}

/** Errors of the form and of its hidden fields (a tampered or outdated form), said once next to the button. */
function hiddenFieldErrors(formErrors: string[] | undefined, ...hidden: { errors?: string[] }[]): string[] | undefined {
  const all = [...(formErrors ?? []), ...hidden.flatMap((field) => field.errors ?? [])];
  return all.length ? all : undefined;
}

/** A move without a reason: one button. */
export function MoveButton({
  event,
  stage,
  version,
  outcome,
  variant = "primary",
  short = false,
}: {
  event: MoveEvent;
  stage: StageId | null;
  version: number;
  outcome: FormOutcome;
  variant?: "primary" | "secondary";
  /** Show only the verb ("Mulai") where the stage is named next to the button; the accessible name stays whole. */
  short?: boolean;
}) {
  const { t } = useText();
  const label = useMoveLabel()(event, stage);
  const id = moveFormId(event, stage);
  const busy = useSubmitting(id);
  const errors = outcome?.formId === id ? outcome.result.error?.[""] : undefined;
  return (
    <Form method="post" className={`flex flex-col gap-1 ${short ? "items-end text-right" : "items-start"}`}>
      <Hidden name="intent" value="move" />
      <Hidden name="formId" value={id} />
      <Hidden name="version" value={version} />
      <Hidden name="event" value={event} />
      {stage ? <Hidden name="stage" value={stage} /> : null}
      <Button
        variant={variant}
        disabled={busy}
        aria-label={short ? label : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
      >
        {short && event === "START" ? t("move.short.START") : label}
      </Button>
      <FormErrorText id={`${id}-error`} errors={errors ?? undefined} />
    </Form>
  );
}

/** A move that needs a reason: a disclosure with the reason field, open again when it has errors. */
export function ReasonMoveForm({
  event,
  stage,
  version,
  outcome,
  danger = false,
}: {
  event: MoveEvent;
  /** The stage moved, or null for a move of the whole participant (hold, withdraw, reject). */
  stage: StageId | null;
  version: number;
  outcome: FormOutcome;
  danger?: boolean;
}) {
  const { t } = useText();
  const label = useMoveLabel()(event, stage);
  const id = moveFormId(event, stage);
  const { form, fields, mine, busy } = useMoveForm(id, outcome);
  return (
    <details open={mine || undefined} className="group rounded-md border border-slate-200 bg-white">
      <summary className={`px-3 py-2.5 text-sm font-semibold ${danger ? "text-red-800" : "text-slate-800"} hover:bg-slate-50`}>
        {label}…
      </summary>
      <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-slate-200 p-3">
        <Hidden name="intent" value="move" />
        <Hidden name="formId" value={id} />
        <Hidden name="version" value={version} />
        <Hidden name="event" value={event} />
        {stage ? <Hidden name="stage" value={stage} /> : null}
        <TextareaField field={fields.reason} label={t("move.reason")} hint={t("move.reasonHint")} />
        <FormErrorText id={form.errorId} errors={hiddenFieldErrors(form.errors, fields.stage, fields.event, fields.version)} />
        <Button variant={danger ? "danger" : "primary"} disabled={busy}>
          {label}
        </Button>
      </Form>
    </details>
  );
}

function evidenceFormId(stage: EvidenceStage): string {
  return `evidence-${stage}`;
}

/**
 * Recording evidence for a stage in progress: the date it happened and the facts of the evidence
 * details contract for that stage. A disclosure, open while the stage still needs evidence (and
 * whenever the form comes back with errors), so that a page with several stages is not a wall of forms.
 */
export function EvidenceForm({
  stage,
  version,
  today,
  outcome,
  partners = [],
  open = false,
}: {
  stage: EvidenceStage;
  version: number;
  today: string;
  outcome: FormOutcome;
  /** Organisations attached to the stage (P2 names its training partner). */
  partners?: { id: number; name: string }[];
  open?: boolean;
}) {
  const { t } = useText();
  const id = evidenceFormId(stage);
  const navigation = useNavigation();
  const mine = outcome?.formId === id;
  const [form, fields] = useForm({
    id,
    lastResult: mine && navigation.state === "idle" ? outcome.result : undefined,
    defaultValue: { occurredOn: today, kind: defaultEvidenceKind(stage) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: evidenceFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const busy = useSubmitting(id);
  // P7 records one of several outcomes, so its button names the outcome rather than one kind.
  const kindLabel = (stage === "capital" ? t("evidence.capitalOutcome") : t(`evidenceKind.${defaultEvidenceKind(stage)}`)).toLowerCase();
  const submitLabel = t("evidence.record", { kind: kindLabel });
  // P7's outcome is a visible field with its own errors; elsewhere the kind is hidden.
  const hiddenErrors = hiddenFieldErrors(form.errors, fields.stage, fields.version, ...(stage !== "capital" ? [fields.kind] : []));
  const optional = (label: string) => t("evidence.optional", { label });
  const date = <InputField field={fields.occurredOn} label={t(`evidence.dateLabel.${stage}`)} type="date" />;

  return (
    <details open={open || mine || undefined} className="rounded-md border border-slate-200 bg-slate-50">
      <summary className="px-3 py-2.5 text-sm font-semibold text-slate-800 hover:bg-slate-100">{submitLabel}…</summary>
      <Form method="post" {...getFormProps(form)} aria-label={submitLabel} className="space-y-3 border-t border-slate-200 p-3">
        <Hidden name="intent" value="evidence" />
        <Hidden name="formId" value={id} />
        <Hidden name="version" value={version} />
        <Hidden name="stage" value={stage} />
        {stage !== "capital" ? <Hidden name="kind" value={defaultEvidenceKind(stage)} /> : null}
        <div className="grid gap-3 sm:grid-cols-2">
          {stage === "training" ? (
            <>
              <InputField field={fields.topic} label={t("evidence.topicTraining")} />
              <SelectField
                field={fields.skill}
                label={t("evidence.skill")}
                placeholder={t("evidence.choose")}
                options={TRAINING_SKILLS.map((value) => ({ value, label: t(`skill.${value}`) }))}
              />
              <SelectField
                // The select sends the id as text; the schema reads it back as a number.
                field={fields.organisationId as unknown as FieldMetadata<string | undefined>}
                label={optional(t("evidence.partner"))}
                placeholder={t("evidence.noPartner")}
                options={partners.map((o) => ({ value: String(o.id), label: o.name }))}
              />
              {date}
            </>
          ) : null}
          {stage === "mentoring" ? (
            <>
              {date}
              <InputField field={fields.topic} label={t("evidence.topicMentoring")} />
              <div className="sm:col-span-2">
                <TextareaField field={fields.notes} label={optional(t("evidence.notes"))} />
              </div>
              <div className="sm:col-span-2">
                <InputField field={fields.sameDayReason} label={t("evidence.sameDayReason")} hint={t("evidence.sameDayReasonHint")} />
              </div>
            </>
          ) : null}
          {stage === "licensing" ? (
            <>
              <SelectField
                field={fields.licenceType}
                label={t("evidence.licenceType")}
                placeholder={t("evidence.choose")}
                options={LICENCE_TYPES.map((value) => ({ value, label: t(`licenceType.${value}`) }))}
              />
              <InputField field={fields.licenceNumber} label={t("evidence.licenceNumber")} hint={t("evidence.licenceNumberHint")} />
              <InputField field={fields.issuer} label={t("evidence.issuer")} hint={t("evidence.issuerHint")} />
              {date}
              <InputField field={fields.expiresOn} label={t("evidence.expiresOn")} type="date" hint={t("evidence.expiresOnHint")} />
            </>
          ) : null}
          {stage === "marketing" ? (
            <>
              <SelectField
                field={fields.channel}
                label={t("evidence.channel")}
                placeholder={t("evidence.choose")}
                options={MARKETING_CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
              />
              <InputField field={fields.channelName} label={optional(t("evidence.channelName"))} />
              {date}
            </>
          ) : null}
          {stage === "financial_reporting" ? (
            <>
              <InputField field={fields.period} label={t("evidence.period")} type="month" hint={t("evidence.periodHint")} />
              {date}
              <InputField field={fields.turnover} label={t("evidence.turnover")} inputMode="numeric" hint={t("evidence.rupiahHint")} />
              <InputField field={fields.assets} label={t("evidence.assets")} inputMode="numeric" hint={t("evidence.rupiahHint")} />
              <InputField field={fields.workers} label={t("evidence.workers")} inputMode="numeric" />
            </>
          ) : null}
          {stage === "capital" ? (
            <>
              <SelectField
                field={fields.kind}
                label={t("evidence.capitalStatus")}
                options={EVIDENCE_KINDS.capital.map((value) => ({ value, label: t(`evidenceKind.${value}`) }))}
              />
              <InputField field={fields.lender} label={t("evidence.lender")} />
              <InputField field={fields.product} label={t("evidence.product")} hint={t("evidence.productHint")} />
              <InputField field={fields.amount} label={t("evidence.amountOptional")} inputMode="numeric" hint={t("evidence.amountHint")} />
              {date}
              <div className="sm:col-span-2">
                <InputField field={fields.rejectionReason} label={t("evidence.rejectionReason")} hint={t("evidence.rejectionReasonHint")} />
              </div>
            </>
          ) : null}
        </div>
        <FormErrorText id={form.errorId} errors={hiddenErrors} />
        <Button variant="secondary" disabled={busy}>
          {submitLabel}
        </Button>
      </Form>
    </details>
  );
}

/**
 * Bringing a dormant participant back (REACTIVATE): one button, with an optional note that is
 * logged with the move. Shown only while the participant is dormant.
 */
export function ReactivateForm({ version, outcome }: { version: number; outcome: FormOutcome }) {
  const { t } = useText();
  const id = moveFormId("REACTIVATE", null);
  const { form, fields, busy } = useMoveForm(id, outcome);
  return (
    <Form method="post" {...getFormProps(form)} aria-label={t("dormancy.reactivate.title")} className="space-y-3">
      <Hidden name="intent" value="move" />
      <Hidden name="formId" value={id} />
      <Hidden name="version" value={version} />
      <Hidden name="event" value="REACTIVATE" />
      <TextareaField field={fields.reason} label={t("dormancy.reactivate.note")} hint={t("dormancy.reactivate.noteHint")} />
      <FormErrorText id={form.errorId} errors={hiddenFieldErrors(form.errors, fields.event, fields.version)} />
      <Button disabled={busy}>{t("dormancy.reactivate.submit")}</Button>
    </Form>
  );
}
