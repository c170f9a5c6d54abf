// Answering a survey round, for anyone the round asks (their group, in its districts); everyone
// else gets 404. The statements grouped by indicator, each on the 1–5 scale with its words; "Simpan
// draf" keeps the answers given so far, "Kirim" needs all of them. Answers can change until the
// round closes, never after. Works on a phone without JavaScript: plain radios and two buttons.
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FieldErrors, FormErrors } from "~/components/ui/field";
import { notFound, parseId, requireUser } from "~/modules/access/guards.server";
import { answerField, answerSchema, SCALE } from "~/modules/collaboration/forms";
import { statementIds } from "~/modules/collaboration/instruments.server";
import { SurveyRefused } from "~/modules/collaboration/refusals";
import { loadSurveyPage, saveResponse } from "~/modules/collaboration/responses.server";
import { getDb } from "~/modules/db.server";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  text: ["survey"],
  title: (t, data) => (data as { round?: { name: string } } | undefined)?.round?.name ?? t("survey.answerTitle"),
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const roundId = parseId(params.roundId);
  const page = roundId === null ? null : loadSurveyPage(getDb(), user, roundId);
  if (!page) throw notFound();
  const { round, instrument, response } = page;
  return {
    round: { id: round.id, name: round.name, periodStart: round.periodStart, periodEnd: round.periodEnd, closed: round.closedAt !== null },
    indicators: instrument.indicators,
    // The person's own answers only: nobody else's ever reach this page.
    response: response ? { status: response.status, updatedAt: response.updatedAt, answers: Object.fromEntries(response.answers) } : null,
    saved: new URL(request.url).searchParams.get("tersimpan"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const roundId = parseId(params.roundId);
  const db = getDb();
  const page = roundId === null ? null : loadSurveyPage(db, user, roundId);
  if (!page) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: answerSchema(statementIds(page.instrument)) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  let status: string;
  try {
    status = saveResponse(db, user, page.round.id, submission.value);
  } catch (error) {
    if (!(error instanceof SurveyRefused)) throw error;
    return data({ result: submission.reply({ formErrors: [error.messageKey] }) }, { status: 400 });
  }
  throw redirect(`/kolaborasi/jawab/${page.round.id}?tersimpan=${status === "submitted" ? "terkirim" : "draf"}`, { status: 303 });
}

type Field = FieldMetadata<string | undefined>;

export default function AnswerRound() {
  const { t, i18n } = useText();
  const { round, indicators, response, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const en = i18n.language === "en";
  const ids = indicators.flatMap((i) => i.subIndicators.flatMap((s) => s.statements.map((st) => st.id)));
  const [form, fields] = useForm({
    id: `answer-${round.id}`,
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: answerSchema(ids) }),
    shouldValidate: "onSubmit",
  });
  const field = (name: string) => (fields as unknown as Record<string, Field>)[name]!;
  const submitted = response?.status === "submitted";
  const locked = round.closed;
  let number = 0;

  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold text-slate-900">{round.name}</h1>
      <p className="mt-1 text-sm text-slate-700">
        {t("survey.periodLine", { from: formatDate(round.periodStart, i18n.language), to: formatDate(round.periodEnd, i18n.language) })}
      </p>
      <p className="mt-2 text-sm text-slate-700">{t("survey.answerIntro")}</p>
      <div className="mt-3 space-y-2">
        {locked ? <Alert tone="warning">{t("survey.roundClosedNote")}</Alert> : null}
        {saved === "terkirim" && !locked ? <Alert tone="success">{t("survey.sentNote")}</Alert> : null}
        {saved === "draf" && !locked ? <Alert tone="success">{t("survey.draftNote")}</Alert> : null}
        {response && !saved ? (
          <Alert tone="info">
            {t(submitted ? "survey.statusSent" : "survey.statusDraft", { at: formatDateTime(response.updatedAt, i18n.language) })}
          </Alert>
        ) : null}
      </div>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset disabled={locked} className="space-y-6">
          {indicators.map((indicator) => (
            <section key={indicator.id} aria-labelledby={`indicator-${indicator.id}`} className="space-y-4">
              <h2 id={`indicator-${indicator.id}`} className="text-lg font-semibold text-slate-900">
                {indicator.position}. {en ? indicator.labelEn : indicator.labelId}
              </h2>
              {indicator.subIndicators.map((sub) => (
                <div key={sub.id} className="space-y-3">
                  <h3 className="text-sm font-semibold text-slate-700">{en ? sub.labelEn : sub.labelId}</h3>
                  {sub.statements.map((statement) => {
                    number++;
                    const f = field(answerField(statement.id));
                    const chosen = f.initialValue ?? (response?.answers[statement.id] !== undefined ? String(response.answers[statement.id]) : undefined);
                    return (
                      <fieldset
                        key={statement.id}
                        aria-describedby={f.errors ? f.errorId : undefined}
                        aria-invalid={f.errors ? true : undefined}
                        className="rounded-lg border border-slate-200 bg-white p-3 aria-[invalid=true]:border-red-600"
                      >
                        <legend className="sr-only">
                          {number}. {en ? statement.textEn : statement.textId}
                        </legend>
                        <p aria-hidden="true" className="text-sm text-slate-900">
                          <span className="font-semibold">{number}.</span> {en ? statement.textEn : statement.textId}
                        </p>
                        <div className="mt-2 grid grid-cols-5 gap-1">
                          {SCALE.map((value) => (
                            <label
                              key={value}
                              className="flex min-h-11 cursor-pointer flex-col items-center gap-1 rounded-md border border-slate-200 px-0.5 py-1 text-center has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
                            >
                              <input type="radio" name={f.name} value={value} defaultChecked={chosen === String(value)} className="h-5 w-5" />
                              <span className="text-sm font-semibold text-slate-900">{value}</span>
                              <span className="text-[11px] leading-tight text-slate-700">{t(`survey.scale.${value}`)}</span>
                            </label>
                          ))}
                        </div>
                        <FieldErrors id={f.errorId} errors={f.errors} />
                      </fieldset>
                    );
                  })}
                </div>
              ))}
            </section>
          ))}
        </fieldset>
        {locked ? null : (
          <div className="sticky bottom-0 flex gap-2 border-t border-slate-200 bg-white/95 py-2">
            {submitted ? null : (
              <Button variant="secondary" className="flex-1 sm:flex-none" name="intent" value="draft" disabled={navigation.state === "submitting"}>
                {t("survey.saveDraft")}
              </Button>
            )}
            <Button className="flex-1 sm:flex-none" name="intent" value="submit" disabled={navigation.state === "submitting"}>
              {submitted ? t("survey.sendChanges") : t("survey.send")}
            </Button>
          </div>
        )}
      </Form>
    </div>
  );
}
