// A cohort's members and mentors: add participants of the cohort's district and agency (searched
// by name or business), remove them, and add or remove mentors of its agency. Plain POST forms.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { StatusBadge } from "~/components/journey/status-badge";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClass } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { cohortMemberSchema } from "~/modules/cohorts/cohort-forms";
import {
  changeMember,
  cohortInScope,
  cohortMembers,
  cohortMentorList,
  mentorsToAdd,
  searchCandidates,
} from "~/modules/cohorts/manage.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  text: ["admin", "dormancy"],
  title: (t, data) => t("cohortAdmin.membersTitle", { name: (data as { cohort: { name: string } }).cohort.name }),
};

async function requireCohort(request: Request, rawId: string | undefined) {
  const user = await requireRole(request, ["coordinator"]);
  const id = parseId(rawId);
  const cohort = id === null ? null : cohortInScope(getDb(), user, id);
  if (!cohort) throw notFound();
  return { user, cohort };
}

const searchOf = (value: unknown) => (typeof value === "string" ? value.trim().slice(0, 100) : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cohort } = await requireCohort(request, params.id);
  const db = getDb();
  const q = searchOf(new URL(request.url).searchParams.get("q"));
  return {
    cohort,
    q,
    members: cohortMembers(db, cohort),
    candidates: searchCandidates(db, cohort, q),
    mentors: cohortMentorList(db, cohort),
    mentorOptions: mentorsToAdd(db, user, cohort),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohort(request, params.id);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: cohortMemberSchema });
  if (submission.status !== "success") return data({ error: "validation.invalidRequest" }, { status: 400 });
  // Someone outside what this cohort may take (another district or agency, unknown) does not exist here.
  if (!changeMember(getDb(), user, cohort, submission.value.intent, submission.value.memberId)) throw notFound();
  const q = searchOf(formData.get("q"));
  throw redirect(`/kohort/${cohort.id}/anggota${q ? `?${new URLSearchParams({ q })}` : ""}`, { status: 303 });
}

function MemberButton({ intent, memberId, q, label, variant }: { intent: string; memberId: number; q?: string; label: string; variant: "secondary" | "danger" }) {
  return (
    <Form method="post" className="shrink-0">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="memberId" value={memberId} />
      {q ? <input type="hidden" name="q" value={q} /> : null}
      <Button variant={variant} className="min-h-9 px-3 py-1">
        {label}
      </Button>
    </Form>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

export default function CohortMembers() {
  const { t, i18n } = useText();
  const { cohort, q, members, candidates, mentors, mentorOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/kohort/${cohort.id}`} className="font-medium text-brand-700 underline">
          {cohort.name}
        </Link>
      </p>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t("cohortAdmin.membersTitle", { name: cohort.name })}</h1>
          <p className="text-sm text-slate-700">
            {t("cohortAdmin.where", { district: cohort.districtName, agency: cohort.agencyName })} ·{" "}
            {t("cohortAdmin.intakeOn", { date: formatDate(cohort.intakeDate, i18n.language) })}
          </p>
        </div>
        <Link to={`/kohort/${cohort.id}/ubah`} className={buttonClass("secondary")}>
          {t("cohortAdmin.editLink")}
        </Link>
      </div>
      {actionData?.error ? <Alert tone="error">{t(actionData.error as never)}</Alert> : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Section id="members-heading" title={t("cohortAdmin.participants", { count: members.length })}>
          {members.length === 0 ? (
            <p className="text-sm text-slate-700">{t("cohortAdmin.noMembers")}</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {members.map((m) => (
                <li key={m.id} className="flex items-center justify-between gap-2 py-2">
                  <div className="min-w-0">
                    <Link to={`/peserta/${m.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {m.fullName}
                    </Link>
                    <div className="truncate text-sm text-slate-600">{m.businessName}</div>
                  </div>
                  <MemberButton intent="remove-participant" memberId={m.id} q={q} label={t("cohortAdmin.remove")} variant="danger" />
                </li>
              ))}
            </ul>
          )}
        </Section>

        <div className="min-w-0 space-y-4">
          <Section id="add-heading" title={t("cohortAdmin.addParticipants")}>
            <p className="text-sm text-slate-700">{t("cohortAdmin.addHint", { district: cohort.districtName, agency: cohort.agencyName })}</p>
            <Form method="get" role="search" className="mt-2 flex flex-wrap items-end gap-2">
              <div className="min-w-0 grow">
                <label htmlFor="q" className="mb-1 block text-sm font-medium text-slate-800">
                  {t("cohortAdmin.search")}
                </label>
                <input id="q" name="q" type="search" defaultValue={q} maxLength={100} className={inputClass} />
              </div>
              <button type="submit" className={buttonClass("secondary")}>
                {t("cohortAdmin.searchButton")}
              </button>
            </Form>
            {q ? (
              candidates.length === 0 ? (
                <p className="mt-3 text-sm text-slate-700">{t("cohortAdmin.noCandidates")}</p>
              ) : (
                <ul className="mt-3 divide-y divide-slate-200" aria-label={t("cohortAdmin.results")}>
                  {candidates.map((c) => (
                    <li key={c.id} className="flex items-center justify-between gap-2 py-2">
                      <div className="min-w-0">
                        <div className="font-medium text-slate-900">{c.fullName}</div>
                        <div className="truncate text-sm text-slate-600">
                          {c.businessName} · {c.cohortName ? t("cohortAdmin.inCohort", { name: c.cohortName }) : t("cohortAdmin.noCohort")}
                        </div>
                        <StatusBadge status={c.status} />
                      </div>
                      <MemberButton intent="add-participant" memberId={c.id} q={q} label={t("cohortAdmin.add")} variant="secondary" />
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </Section>

          <Section id="mentors-heading" title={t("cohortAdmin.mentors")}>
            {mentors.length === 0 ? (
              <p className="text-sm text-slate-700">{t("cohortAdmin.noMentors")}</p>
            ) : (
              <ul className="divide-y divide-slate-200">
                {mentors.map((m) => (
                  <li key={m.id} className="flex items-center justify-between gap-2 py-2">
                    <span className="font-medium text-slate-900">{m.name}</span>
                    <MemberButton intent="remove-mentor" memberId={m.id} q={q} label={t("cohortAdmin.remove")} variant="danger" />
                  </li>
                ))}
              </ul>
            )}
            {mentorOptions.length > 0 ? (
              <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="add-mentor" />
                {q ? <input type="hidden" name="q" value={q} /> : null}
                <div className="min-w-0 grow">
                  <label htmlFor="mentor" className="mb-1 block text-sm font-medium text-slate-800">
                    {t("cohortAdmin.addMentor")}
                  </label>
                  <select id="mentor" name="memberId" required className={inputClass}>
                    {mentorOptions.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name} ({m.districts})
                      </option>
                    ))}
                  </select>
                </div>
                <Button variant="secondary">{t("cohortAdmin.add")}</Button>
              </Form>
            ) : null}
          </Section>
        </div>
      </div>
    </div>
  );
}
