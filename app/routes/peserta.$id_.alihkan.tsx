// Handing a participant to another mentor of the same agency and/or another district. Two steps that
// work without JavaScript: a GET form picks the district (?kecamatan=), which lists that district's
// mentors of the participant's agency; the POST form names the mentor and the reason.
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { FieldErrors, FormErrors, inputClass, TextareaField } from "~/components/ui/field";
import { notFound, parseId, requireParticipantInScope } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { handoffSchema } from "~/modules/participants/handoffs";
import { handoffMentors, handoffStart, handOff, HandoffRefused } from "~/modules/participants/handoffs.server";
import { isParticipantInScope } from "~/modules/access/scope.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["workspace"], title: (t) => t("handoff.pageTitle") };

const STAFF = ["mentor", "coordinator"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const db = getDb();
  const start = handoffStart(db, participantId);
  if (!start) throw notFound();
  // A district outside the region (or no choice yet) falls back to the participant's own district.
  const asked = parseId(new URL(request.url).searchParams.get("kecamatan") ?? undefined);
  const chosen = start.districts.flatMap((group) => group.districts).find((d) => d.id === asked) ?? { id: start.districtId, name: start.districtName };
  return { participantId, start, chosen, mentors: handoffMentors(db, participantId, chosen.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: handoffSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    handOff(db, { participantId, actorUserId: user.id, value: submission.value });
  } catch (error) {
    if (!(error instanceof HandoffRefused)) throw error;
    const errors = error.field === "form" ? { formErrors: [error.messageKey] } : { fieldErrors: { [error.field]: [error.messageKey] } };
    return data({ result: submission.reply(errors) }, { status: 400 });
  }
  // Handed outside the viewer's districts: the participant page would now be a 404 for them.
  if (!isParticipantInScope(db, user, participantId)) throw redirect("/peserta?dialihkan=1", 303);
  throw redirect(`/peserta/${participantId}`, 303);
}

export default function Handoff() {
  const { t } = useText();
  const { participantId, start, chosen, mentors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [form, fields] = useForm({
    id: "handoff",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: handoffSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const back = `/peserta/${participantId}`;

  return (
    <div className="mx-auto max-w-xl space-y-5">
      <p className="text-sm">
        <Link to={back} className="font-medium text-brand-700 underline">
          ← {start.fullName}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("handoff.pageTitle")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("handoff.intro")}</p>
        <p className="mt-2 text-sm font-medium text-slate-900">
          {t("handoff.currentlyWith", { mentor: start.mentorName ?? t("handoff.noMentor"), district: start.districtName })}
        </p>
      </div>

      <Form method="get" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h2 className="text-base font-semibold text-slate-900">{t("handoff.stepDistrict")}</h2>
        <div>
          <label htmlFor="kecamatan" className="mb-1 block text-sm font-medium text-slate-800">
            {t("handoff.district")}
          </label>
          <select
            id="kecamatan"
            name="kecamatan"
            defaultValue={String(chosen.id)}
            className={inputClass}
            // With JavaScript the mentors follow the choice at once; without it, the button below does it.
            onChange={(event) => submit(event.currentTarget.form, { replace: true, preventScrollReset: true })}
          >
            {start.districts.map((group) => (
              <optgroup key={group.city} label={group.city}>
                {group.districts.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t("handoff.showMentors")}</Button>
      </Form>

      <Form
        method="post"
        action={`/peserta/${participantId}/alihkan?kecamatan=${chosen.id}`}
        {...getFormProps(form)}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2 className="text-base font-semibold text-slate-900">
          {t("handoff.stepMentor")} — {chosen.name}
        </h2>
        <FormErrors id={form.errorId} errors={form.errors} />
        <FieldErrors id={fields.districtId.errorId} errors={fields.districtId.errors} />
        <input type="hidden" name="districtId" value={chosen.id} />
        <input type="hidden" name="version" value={start.version} />
        <input type="hidden" name="fromDistrictId" value={start.districtId} />
        {start.mentorId !== null ? <input type="hidden" name="fromMentorId" value={start.mentorId} /> : null}
        {mentors.length === 0 ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {t("handoff.noMentors", { agency: start.agencyName, district: chosen.name })}
          </p>
        ) : (
          <>
            <div>
              <label htmlFor={fields.mentorId.id} className="mb-1 block text-sm font-medium text-slate-800">
                {t("handoff.mentor")}
              </label>
              <select {...getSelectProps(fields.mentorId)} key={fields.mentorId.key} className={inputClass}>
                <option value="">{t("handoff.chooseMentor")}</option>
                {mentors.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
              <FieldErrors id={fields.mentorId.errorId} errors={fields.mentorId.errors} />
            </div>
            <TextareaField field={fields.reason} label={t("handoff.reason")} hint={t("handoff.reasonHint")} />
            <Button disabled={navigation.state === "submitting"}>{t("handoff.submit")}</Button>
          </>
        )}
      </Form>
    </div>
  );
}
