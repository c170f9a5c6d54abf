// Recording (or replacing) a stalled participant's note: whom it waits on and when to follow up; and
// clearing the current note from the participant page. GET shows the form; POST saves and goes back.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { waitsOnLabel } from "~/components/participants/stall-note";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClass } from "~/components/ui/button";
import { FieldErrors, FormErrors, InputField, TextareaField } from "~/components/ui/field";
import { notFound, requireParticipantInScope } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { clearStallNoteSchema, stallNoteSchema } from "~/modules/stall-notes/stall-notes";
import { WAITS_ON } from "../../machines/vocabulary";
import { clearStallNote, saveStallNote, StallNoteRefused, stallNoteStart } from "~/modules/stall-notes/stall-notes.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["workspace"], title: (t) => t("stallNote.pageTitle") };

const STAFF = ["mentor", "coordinator"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const start = stallNoteStart(getDb(), participantId);
  if (!start) throw notFound();
  const today = jakartaDate();
  const current = start.current;
  return {
    participantId,
    fullName: start.fullName,
    stalled: start.stalled,
    // Replacing starts from the current note; a follow-up date already past is left for a new one.
    defaults: current
      ? { waitsOn: current.waitsOn, followUpOn: current.followUpOn >= today ? current.followUpOn : "", note: current.note ?? "" }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const formData = await request.formData();
  const db = getDb();
  if (formData.get("intent") === "clear") {
    const submission = parseWithZod(formData, { schema: clearStallNoteSchema });
    const refusal = (key: string) => data({ result: undefined, clearError: key }, { status: 400 });
    if (submission.status !== "success") return refusal("validation.invalidRequest");
    try {
      clearStallNote(db, { participantId, noteId: submission.value.noteId, actorUserId: user.id });
    } catch (error) {
      if (error instanceof StallNoteRefused) return refusal(`stallNote.errors.${error.code}`);
      throw error;
    }
    throw redirect(`/peserta/${participantId}`, 303);
  }
  const submission = parseWithZod(formData, { schema: stallNoteSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), clearError: undefined }, { status: 400 });
  try {
    saveStallNote(db, { participantId, actorUserId: user.id, value: submission.value });
  } catch (error) {
    if (!(error instanceof StallNoteRefused)) throw error;
    return data({ result: submission.reply({ formErrors: [`stallNote.errors.${error.code}`] }), clearError: undefined }, { status: 400 });
  }
  // 303: the browser fetches the participant page with GET, so a reload never saves twice.
  throw redirect(`/peserta/${participantId}`, 303);
}

export default function StallNoteForm() {
  const { t } = useText();
  const { participantId, fullName, stalled, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "stall-note",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: { intent: "save", ...defaults },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: stallNoteSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const back = `/peserta/${participantId}`;

  return (
    <div className="mx-auto max-w-xl">
      <p className="text-sm">
        <Link to={back} className="font-medium text-brand-700 underline">
          ← {fullName}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{t("stallNote.pageTitle")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("stallNote.intro")}</p>
      {defaults ? <p className="mt-1 text-sm text-slate-700">{t("stallNote.replaceIntro")}</p> : null}
      {actionData?.clearError ? (
        <Alert tone="error" className="mt-4">
          {t(actionData.clearError as never)}
        </Alert>
      ) : null}
      {stalled ? (
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="save" />
          <fieldset aria-describedby={fields.waitsOn.errors ? fields.waitsOn.errorId : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-800">{t("stallNote.waitsOn")}</legend>
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
              {WAITS_ON.map((value) => {
                const props = getInputProps(fields.waitsOn, { type: "radio", value });
                return (
                  <label key={value} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                    <input {...props} key={props.key} className="h-4 w-4 accent-brand-700" />
                    {waitsOnLabel(t, value)}
                  </label>
                );
              })}
            </div>
            <FieldErrors id={fields.waitsOn.errorId} errors={fields.waitsOn.errors} />
          </fieldset>
          <InputField field={fields.followUpOn} label={t("stallNote.followUpOn")} type="date" hint={t("stallNote.followUpHint")} />
          <TextareaField field={fields.note} label={t("stallNote.note")} hint={t("stallNote.noteHint")} />
          <div className="flex flex-wrap gap-2">
            <Button disabled={navigation.state === "submitting"}>{t("stallNote.save")}</Button>
            <Link to={back} className={buttonClass("ghost")}>
              {t("stallNote.cancel")}
            </Link>
          </div>
        </Form>
      ) : (
        <Alert tone="info" className="mt-6">
          {t("stallNote.errors.not-stalled")}
        </Alert>
      )}
    </div>
  );
}
