import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { StageStrip } from "~/components/journey/stage-strip";
import { StatusBadge } from "~/components/journey/status-badge";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClass } from "~/components/ui/button";
import { FieldErrors, InputField, SelectField, TextareaField, inputClass } from "~/components/ui/field";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { BULK_LIMIT, bulkFormSchema, type BulkActivity } from "~/modules/participants/bulk";
import {
  allInScope,
  bulkCohortOptions,
  bulkSelection,
  bulkTrainingPartners,
  parseItems,
  recordBulk,
  type BulkApartRow,
} from "~/modules/participants/bulk.server";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { TRAINING_SKILLS } from "../../machines/vocabulary";
import type { RouteHandle } from "~/root";
import type { ParticipantStatus } from "../../machines/stages";

export const handle: RouteHandle = { text: ["bulk", "cohorts", "dormancy"], title: (t) => t("bulk.title") };

/** The activity is chosen by link (?kegiatan=), so the form shows only its own fields, without script. */
function activityOf(params: URLSearchParams): BulkActivity {
  return params.get("kegiatan") === "pendampingan" ? "mentoring" : "training";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor"]);
  const params = new URL(request.url).searchParams;
  const db = getDb();
  const selection = bulkSelection(db, user, params);
  if (selection.kind === "not-found") throw notFound();
  return {
    selection,
    activity: activityOf(params),
    cohorts: selection.kind === "selected" ? [] : bulkCohortOptions(db, user),
    partners: bulkTrainingPartners(db, user),
    today: jakartaDate(),
    limit: BULK_LIMIT,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor"]);
  const db = getDb();
  const formData = await request.formData();
  const items = parseItems(formData.getAll("peserta").map(String));
  if (items === null) throw notFound();
  const submission = parseWithZod(formData, { schema: bulkFormSchema });
  // The selection is checked before anything typed: too many is said plainly, out of scope is 404.
  if (items.length > BULK_LIMIT) {
    return data({ result: submission.reply({ formErrors: ["bulk.error.tooMany"] }) }, { status: 400 });
  }
  if (!allInScope(db, user, items.map((i) => i.participantId))) throw notFound();
  if (items.length === 0) return data({ result: submission.reply({ formErrors: ["bulk.error.none"] }) }, { status: 400 });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  if (value.organisationId !== undefined && !bulkTrainingPartners(db, user).some((p) => p.id === value.organisationId)) {
    return data({ result: submission.reply({ fieldErrors: { organisationId: ["bulk.error.partnerUnknown"] } }) }, { status: 400 });
  }
  const auditId = recordBulk(db, { actorUserId: user.id, items, value });
  // 303: the result is a page of its own, so a reload shows it again rather than recording twice.
  throw redirect(`/massal/hasil/${auditId}`, 303);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function CohortPicker({ cohorts }: { cohorts: LoaderData["cohorts"] }) {
  const { t } = useText();
  return (
    <section aria-labelledby="choose-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="choose-heading" className="text-lg font-bold text-slate-900">
        {t("bulk.chooseTitle")}
      </h2>
      {cohorts.length ? (
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 grow">
            <label htmlFor="bulk-cohort" className="mb-1 block text-sm font-medium text-slate-800">
              {t("bulk.cohort")}
            </label>
            <select id="bulk-cohort" name="kohort" required defaultValue="" className={inputClass}>
              <option value="" disabled>
                {t("bulk.chooseCohort")}
              </option>
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {t("cohortLifecycle.bulk.cohortOption", { name: c.name, district: c.districtName, active: c.active, members: c.members })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            {t("bulk.useCohort")}
          </button>
        </Form>
      ) : (
        <p className="text-slate-700">{t("bulk.noCohorts")}</p>
      )}
      <p className="text-sm text-slate-700">
        {t("bulk.fromList")}{" "}
        <Link to="/peserta" className="font-medium text-brand-700 underline">
          {t("bulk.toList")}
        </Link>
      </p>
    </section>
  );
}

/** Same selection, other activity: a link that keeps the query. */
function activityHref(search: string, activity: BulkActivity): string {
  const params = new URLSearchParams(search);
  if (activity === "mentoring") params.set("kegiatan", "pendampingan");
  else params.delete("kegiatan");
  return `?${params}`;
}

function BulkForm({ data: page }: { data: LoaderData & { selection: { kind: "selected" } } }) {
  const { t } = useText();
  const location = useLocation();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const { rows } = page.selection;
  const activity = page.activity;
  const [form, fields] = useForm({
    id: `bulk-${activity}`,
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: { activity, occurredOn: page.today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bulkFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const busy = navigation.state === "submitting";
  return (
    <Form method="post" action={`${location.pathname}${location.search}`} {...getFormProps(form)} className="space-y-6">
      <section aria-labelledby="activity-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="activity-heading" className="text-lg font-bold text-slate-900">
          {t(`bulk.formTitle.${activity}`)}
        </h2>
        <nav aria-label={t("bulk.activityTitle")} className="flex flex-wrap gap-2">
          {(["training", "mentoring"] as const).map((a) => (
            <Link
              key={a}
              to={activityHref(location.search, a)}
              aria-current={a === activity ? "page" : undefined}
              className={buttonClass(a === activity ? "primary" : "secondary")}
            >
              {t(`bulk.activity.${a}`)}
            </Link>
          ))}
        </nav>
        <input {...getInputProps(fields.activity, { type: "hidden" })} key={activity} value={activity} />
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField field={fields.occurredOn} label={t("bulk.occurredOn")} type="date" />
          <InputField field={fields.topic} label={t(activity === "training" ? "bulk.topicTraining" : "bulk.topicMentoring")} />
        </div>
        {activity === "training" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <fieldset
              role="radiogroup"
              aria-invalid={fields.skill.errors ? true : undefined}
              aria-describedby={fields.skill.errors ? fields.skill.errorId : undefined}
            >
              <legend className="mb-1 text-sm font-medium text-slate-800">{t("bulk.skill")}</legend>
              <div className="space-y-1">
                {TRAINING_SKILLS.map((skill) => (
                  <label key={skill} className="flex min-h-11 items-center gap-2 text-sm text-slate-900">
                    <input
                      type="radio"
                      name={fields.skill.name}
                      value={skill}
                      defaultChecked={fields.skill.initialValue === skill}
                      className="h-5 w-5"
                    />
                    {t(`bulk.skillOption.${skill}`)}
                  </label>
                ))}
              </div>
              <FieldErrors id={fields.skill.errorId} errors={fields.skill.errors} />
            </fieldset>
            <SelectField
              // The select sends the id as text; the schema reads it back as a number.
              field={fields.organisationId as unknown as FieldMetadata<string | undefined>}
              label={t("bulk.partner")}
              placeholder={t("bulk.noPartner")}
              options={page.partners.map((p) => ({ value: String(p.id), label: p.name }))}
            />
          </div>
        ) : (
          <TextareaField field={fields.notes} label={t("bulk.notes")} />
        )}
        <label className="flex min-h-11 items-start gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-900">
          <input type="checkbox" name={fields.complete.name} defaultChecked={fields.complete.initialValue === "on"} className="mt-0.5 h-5 w-5 shrink-0" />
          <span>{t(`bulk.complete.${activity}`)}</span>
        </label>
        {form.errors?.length ? (
          <div id={form.errorId} role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
            {form.errors.map((e) => t(e as never, { limit: page.limit })).join(" ")}
          </div>
        ) : null}
        <Button disabled={busy}>{t("bulk.submit", { count: rows.length })}</Button>
      </section>

      <section aria-labelledby="participants-heading" className="space-y-2">
        <h2 id="participants-heading" className="text-lg font-bold text-slate-900">
          {t("bulk.participantsTitle")} ({rows.length})
        </h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              {/* The version shown here is the one the move is made against (a change meanwhile is refused). */}
              <input type="hidden" name="peserta" value={`${row.id}:${row.version}`} />
              <div className="min-w-0">
                <div className="font-semibold text-slate-900">{row.fullName}</div>
                <div className="truncate text-sm text-slate-600">{row.businessName}</div>
              </div>
              <div className="flex items-center gap-2">
                <StageStrip states={row.stages} />
                <StatusBadge status={row.status as ParticipantStatus} />
              </div>
            </li>
          ))}
        </ul>
      </section>
    </Form>
  );
}

/** A cohort's members that its choice left out (on hold, withdrawn, graduated, dormant): shown, never recorded. */
function LeftApart({ apart }: { apart: BulkApartRow[] }) {
  const { t } = useText();
  if (apart.length === 0) return null;
  return (
    <section aria-labelledby="apart-heading" className="space-y-2">
      <h2 id="apart-heading" className="text-lg font-bold text-slate-900">
        {t("cohortLifecycle.bulk.apartTitle", { n: apart.length })}
      </h2>
      <p className="text-sm text-slate-700">{t("cohortLifecycle.bulk.apartIntro")}</p>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-slate-50">
        {apart.map((row) => (
          <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
            <div className="min-w-0">
              <Link to={`/peserta/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                {row.fullName}
              </Link>
              <div className="truncate text-sm text-slate-600">{row.businessName}</div>
            </div>
            {row.dormant ? (
              <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("cohortLifecycle.bulk.dormant")}</span>
            ) : (
              <StatusBadge status={row.status as ParticipantStatus} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function BulkPage() {
  const { t } = useText();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { selection } = page;
  // A post without a selection comes back to the chooser: its message is shown there.
  const requestErrors = selection.kind === "selected" ? undefined : actionData?.result.error?.[""];
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-slate-900">{t("bulk.title")}</h1>
        <p className="text-slate-700">{t("bulk.intro")}</p>
      </header>
      {selection.kind === "selected" ? (
        <>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-slate-800">
            <span className="font-semibold">
              {selection.cohortName
                ? t("bulk.selectedCohort", { name: selection.cohortName, count: selection.rows.length })
                : t("bulk.selectedList", { count: selection.rows.length })}
            </span>
            <Link to="/massal" className="text-sm font-medium text-brand-700 underline">
              {t("bulk.changeSelection")}
            </Link>
          </p>
          {selection.rows.length > 0 ? <BulkForm data={{ ...page, selection }} /> : <Alert tone="info">{t("cohortLifecycle.bulk.noneActive")}</Alert>}
          <LeftApart apart={selection.apart} />
        </>
      ) : (
        <>
          {requestErrors?.length ? <Alert tone="error">{requestErrors.map((e) => t(e as never, { limit: page.limit })).join(" ")}</Alert> : null}
          {selection.kind === "too-many" ? <Alert tone="warning">{t("bulk.tooMany", { count: selection.count, limit: page.limit })}</Alert> : null}
          <CohortPicker cohorts={page.cohorts} />
        </>
      )}
    </div>
  );
}
