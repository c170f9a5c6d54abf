// One instrument version: its indicators, sub-indicators, statements (reverse-scored ones marked)
// and bands. A version no round has used is edited here in one form (labels, statements, one new
// statement per sub-indicator, reverse flags, bands); a version in use is read-only: copy it to
// change it, so a round's answers always read against the statements they were given.
import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FieldErrors, FormErrors, inputClass } from "~/components/ui/field";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { instrumentEditSchema, instrumentFields } from "~/modules/collaboration/forms";
import { editInstrument, instrumentInUse, loadInstrument } from "~/modules/collaboration/instruments.server";
import { SurveyRefused } from "~/modules/collaboration/refusals";
import { getDb } from "~/modules/db.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  text: ["survey"],
  title: (t, data) => {
    const instrument = (data as { instrument?: { nameId: string; version: number } } | undefined)?.instrument;
    return instrument ? `${instrument.nameId} (v${instrument.version})` : t("survey.instrument");
  },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["coordinator"]);
  const id = parseId(params.id);
  const db = getDb();
  const instrument = id === null ? null : loadInstrument(db, id);
  if (!instrument) throw notFound();
  return { instrument, inUse: instrumentInUse(db, instrument.id), saved: new URL(request.url).searchParams.has("tersimpan") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const id = parseId(params.id);
  const db = getDb();
  const instrument = id === null ? null : loadInstrument(db, id);
  if (!instrument) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: instrumentEditSchema(instrument) });
  // A version in use is refused whatever was sent: that, not a missing field, is what to say.
  if (instrumentInUse(db, instrument.id)) return data({ result: submission.reply({ formErrors: ["survey.error.instrumentInUse"] }) }, { status: 400 });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    editInstrument(db, user.id, instrument.id, submission.value);
  } catch (error) {
    if (!(error instanceof SurveyRefused)) throw error;
    return data({ result: submission.reply({ formErrors: [error.messageKey] }) }, { status: 400 });
  }
  throw redirect(`/kolaborasi/instrumen/${instrument.id}?tersimpan=1`, { status: 303 });
}

type Field = FieldMetadata<string | undefined>;

function TextInput({ field, label, long = false }: { field: Field; label: string; long?: boolean }) {
  const props = getInputProps(field, { type: "text" });
  return (
    <div className={long ? "sm:col-span-2" : undefined}>
      <label htmlFor={field.id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </label>
      <input {...props} key={props.key} className={inputClass} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function ReverseBox({ field, label, checked }: { field: Field; label: string; checked: boolean }) {
  const submitted = field.initialValue;
  return (
    <label className="flex min-h-11 items-center gap-2 text-sm text-slate-900">
      <input type="checkbox" name={field.name} defaultChecked={submitted === undefined ? checked : submitted === "on"} className="h-5 w-5" />
      {label}
    </label>
  );
}

export default function InstrumentPage() {
  const { t, i18n } = useText();
  const { instrument, inUse, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lang = i18n.language;
  const defaults: Record<string, string> = { nameId: instrument.nameId, nameEn: instrument.nameEn };
  for (const indicator of instrument.indicators) {
    const f = instrumentFields.indicator(indicator.id);
    defaults[f.labelId] = indicator.labelId;
    defaults[f.labelEn] = indicator.labelEn;
    for (const sub of indicator.subIndicators) {
      const u = instrumentFields.subIndicator(sub.id);
      defaults[u.labelId] = sub.labelId;
      defaults[u.labelEn] = sub.labelEn;
      for (const statement of sub.statements) {
        const s = instrumentFields.statement(statement.id);
        defaults[s.textId] = statement.textId;
        defaults[s.textEn] = statement.textEn;
      }
    }
  }
  for (const band of instrument.bands) {
    const b = instrumentFields.band(band.id);
    defaults[b.lowerBound] = band.lowerBound.toFixed(2);
    defaults[b.code] = band.code;
    defaults[b.labelId] = band.labelId;
    defaults[b.labelEn] = band.labelEn;
  }
  const [form, fields] = useForm({
    id: `instrument-${instrument.id}`,
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: instrumentEditSchema(instrument) }),
    shouldValidate: "onSubmit",
    defaultValue: defaults,
  });
  const field = (name: string) => (fields as unknown as Record<string, Field>)[name]!;
  const name = lang === "en" ? instrument.nameEn : instrument.nameId;

  return (
    <div className="mx-auto max-w-4xl">
      <p className="text-sm">
        <Link to="/kolaborasi" className="font-medium text-brand-700 underline">
          {t("survey.adminTitle")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">
        {name} (v{instrument.version})
      </h1>
      {saved ? <Alert tone="success" className="mt-3">{t("survey.instrumentSaved")}</Alert> : null}
      {inUse ? (
        <div className="mt-3 space-y-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Alert tone="info">{t("survey.instrumentInUseNote")}</Alert>
          <Form method="post" action="/kolaborasi">
            <input type="hidden" name="intent" value="copy" />
            <input type="hidden" name="instrumentId" value={instrument.id} />
            <Button variant="secondary">{t("survey.copyToEdit")}</Button>
          </Form>
          <InstrumentView instrument={instrument} />
        </div>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-6">
          <p className="text-sm text-slate-700">{t("survey.editIntro")}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
            <TextInput field={field("nameId")} label={t("survey.nameId")} />
            <TextInput field={field("nameEn")} label={t("survey.nameEn")} />
          </div>
          {instrument.indicators.map((indicator) => {
            const f = instrumentFields.indicator(indicator.id);
            return (
              <fieldset key={indicator.id} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
                <legend className="px-1 text-lg font-semibold text-slate-900">
                  {indicator.position}. {lang === "en" ? indicator.labelEn : indicator.labelId}
                </legend>
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextInput field={field(f.labelId)} label={t("survey.labelId")} />
                  <TextInput field={field(f.labelEn)} label={t("survey.labelEn")} />
                </div>
                {indicator.subIndicators.map((sub) => {
                  const u = instrumentFields.subIndicator(sub.id);
                  const n = instrumentFields.newStatement(sub.id);
                  return (
                    <fieldset key={sub.id} className="space-y-3 border-t border-slate-200 pt-3">
                      <legend className="font-medium text-slate-900">
                        {indicator.position}.{sub.position} {lang === "en" ? sub.labelEn : sub.labelId}
                      </legend>
                      <div className="grid gap-3 sm:grid-cols-2">
                        <TextInput field={field(u.labelId)} label={t("survey.subLabelId")} />
                        <TextInput field={field(u.labelEn)} label={t("survey.subLabelEn")} />
                      </div>
                      {sub.statements.map((statement, k) => {
                        const s = instrumentFields.statement(statement.id);
                        return (
                          <div key={statement.id} className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-2">
                            <TextInput field={field(s.textId)} label={t("survey.statementId", { n: k + 1 })} />
                            <TextInput field={field(s.textEn)} label={t("survey.statementEn", { n: k + 1 })} />
                            <ReverseBox field={field(s.reverse)} label={t("survey.reverse")} checked={statement.reverse} />
                          </div>
                        );
                      })}
                      <div className="grid gap-3 rounded-md border border-dashed border-slate-300 p-3 sm:grid-cols-2">
                        <TextInput field={field(n.textId)} label={t("survey.newStatementId")} />
                        <TextInput field={field(n.textEn)} label={t("survey.newStatementEn")} />
                        <ReverseBox field={field(n.reverse)} label={t("survey.reverse")} checked={false} />
                      </div>
                    </fieldset>
                  );
                })}
              </fieldset>
            );
          })}
          <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-lg font-semibold text-slate-900">{t("survey.bands")}</legend>
            <p className="text-sm text-slate-700">{t("survey.bandsIntro")}</p>
            {instrument.bands.map((band) => {
              const b = instrumentFields.band(band.id);
              return (
                <div key={band.id} className="grid gap-3 sm:grid-cols-4">
                  <TextInput field={field(b.lowerBound)} label={t("survey.bandLower")} />
                  <TextInput field={field(b.code)} label={t("survey.bandCode")} />
                  <TextInput field={field(b.labelId)} label={t("survey.labelId")} />
                  <TextInput field={field(b.labelEn)} label={t("survey.labelEn")} />
                </div>
              );
            })}
          </fieldset>
          <Button className="w-full sm:w-auto" disabled={navigation.state === "submitting"}>
            {t("survey.saveInstrument")}
          </Button>
        </Form>
      )}
    </div>
  );
}

function InstrumentView({ instrument }: { instrument: ReturnType<typeof useLoaderData<typeof loader>>["instrument"] }) {
  const { t, i18n } = useText();
  const en = i18n.language === "en";
  return (
    <div className="space-y-4">
      {instrument.indicators.map((indicator) => (
        <section key={indicator.id} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold text-slate-900">
            {indicator.position}. {en ? indicator.labelEn : indicator.labelId}
          </h2>
          {indicator.subIndicators.map((sub) => (
            <div key={sub.id} className="mt-3">
              <h3 className="font-medium text-slate-900">
                {indicator.position}.{sub.position} {en ? sub.labelEn : sub.labelId}
              </h3>
              <ol className="mt-1 list-decimal space-y-1 pl-6 text-sm text-slate-800">
                {sub.statements.map((s) => (
                  <li key={s.id}>
                    {en ? s.textEn : s.textId}
                    {s.reverse ? <span className="ml-1 text-xs font-semibold text-amber-800">({t("survey.reverseShort")})</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </section>
      ))}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold text-slate-900">{t("survey.bands")}</h2>
        <ul className="mt-1 text-sm text-slate-800">
          {instrument.bands.map((band) => (
            <li key={band.id}>
              ≥ {band.lowerBound.toFixed(2)}: {band.code} ({en ? band.labelEn : band.labelId})
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
