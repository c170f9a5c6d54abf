import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { Bar, CountLink, Section, useNumber } from "~/components/dashboard/figures";
import { FunnelTable } from "~/components/dashboard/funnel-table";
import { stageTitle } from "~/modules/journey/labels";
import { StageStrip } from "~/components/journey/stage-strip";
import { StallBadge } from "~/components/journey/stall-badge";
import { buttonClass } from "~/components/ui/button";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { isCohortClosed, shareOf, type CohortResult } from "~/modules/cohorts/lifecycle";
import { cohortResults } from "~/modules/cohorts/lifecycle.server";
import { getCohortPage, type CohortHistoryEntry } from "~/modules/dashboard/cohorts.server";
import { TrendChart } from "~/components/dashboard/trend";
import { readTrend } from "~/modules/dashboard/trend.server";
import { getDb } from "~/modules/db.server";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { shownText } from "~/modules/i18n/phrases";
import { MOVE_EVENTS } from "~/modules/journey/moves";
import { AfterProgrammeSection } from "~/components/follow-ups/after-programme";
import { afterProgrammeOf, followUpRatesByCohort, responsePercent } from "~/modules/follow-ups/follow-ups.server";
import { jakartaDate } from "~/modules/i18n/jakarta";
import type { RouteHandle } from "~/root";
import { isStageId } from "../../machines/stages";

export const handle: RouteHandle = {
  text: ["cohorts", "coordinator", "dormancy", "workspace"],
  title: (t, data) => (data as { cohort?: { name: string } } | null)?.cohort?.name ?? t("cohortView.listTitle"),
};

const pageParam = (params: URLSearchParams, key: string) => Math.max(1, Math.min(100_000, Number.parseInt(params.get(key) ?? "1", 10) || 1));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator", "mentor"]);
  const cohortId = parseId(params.id);
  if (cohortId === null) throw notFound();
  const search = new URL(request.url).searchParams;
  const db = getDb();
  const now = Date.now();
  const page = getCohortPage(db, user, cohortId, { historyPage: pageParam(search, "riwayat"), stalledPage: pageParam(search, "macet"), now });
  if (!page) throw notFound();
  // After its planned end the cohort is closed and shows how it ended (cohorts/lifecycle.ts).
  const closed = isCohortClosed(page.cohort.plannedEndOn, now);
  const result = closed ? cohortResults(db, user, [cohortId], now).get(cohortId)! : null;
  const today = jakartaDate(now);
  const rate = followUpRatesByCohort(db, [cohortId], today).get(cohortId) ?? null;
  const afterProgramme = { rate, percent: responsePercent(rate ?? undefined), rows: afterProgrammeOf(db, cohortId, today) };
  return { ...page, closed, result, afterProgramme, trend: readTrend(db, user, { now, cohortId }), canManage: user.role === "coordinator" };
}

/** How a closed cohort ended: completed, still active, on hold, not completed; each a count and a share. */
function ResultCard({ result, endedOn }: { result: CohortResult; endedOn: string }) {
  const { t } = useText();
  const { n, pct } = useNumber();
  const parts: { key: string; label: string; value: number; detail?: string; tone: string }[] = [
    { key: "graduated", label: t("cohortLifecycle.result.graduated"), value: result.graduated, tone: "border-emerald-300 bg-emerald-50" },
    { key: "active", label: t("cohortLifecycle.result.active"), value: result.active, tone: "border-slate-200 bg-white" },
    { key: "on-hold", label: t("cohortLifecycle.result.onHold"), value: result.onHold, tone: "border-slate-200 bg-white" },
    {
      key: "not-completed",
      label: t("cohortLifecycle.result.notCompleted"),
      value: result.notCompleted,
      detail: t("cohortLifecycle.result.notCompletedDetail", { dormant: n(result.dormant), withdrawn: n(result.withdrawn) }),
      tone: "border-amber-300 bg-amber-50",
    },
  ];
  return (
    <Section id="cohort-result" title={t("cohortLifecycle.result.title")} intro={t("cohortLifecycle.result.intro", { date: endedOn })}>
      <ul className="grid grid-cols-2 gap-2 lg:grid-cols-4">
        {parts.map((part) => (
          <li key={part.key} data-part={part.key} className={`rounded-lg border p-3 ${part.tone}`}>
            <p className="text-xs font-semibold text-slate-700">{part.label}</p>
            <p className="text-2xl font-semibold text-slate-900">{n(part.value)}</p>
            <p className="text-xs text-slate-700">{t("cohortLifecycle.result.share", { share: pct(shareOf(part.value, result)), members: n(result.members) })}</p>
            {part.detail ? <p className="text-xs text-slate-700">{part.detail}</p> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

const KNOWN_EVENTS = new Set<string>(["REGISTER", "RECORD_EVIDENCE", ...MOVE_EVENTS]);

function eventText(t: TFunction, entry: CohortHistoryEntry): string {
  if (!KNOWN_EVENTS.has(entry.eventType)) return t("history.event.unknown");
  const stage = entry.stage && isStageId(entry.stage) ? stageTitle(t, entry.stage) : "";
  const kind = entry.kind ? t(`evidenceKind.${entry.kind}` as "evidenceKind.documents").toLowerCase() : "";
  return t(`history.event.${entry.eventType}` as "history.event.START", { stage, kind });
}

export default function CohortPage() {
  const { t, i18n } = useText();
  const { n, pct } = useNumber();
  const { cohort, members, active, stalled, share, flagged, threshold, funnel, stalledMembers, history, canManage, closed, result, afterProgramme, trend } = useLoaderData<typeof loader>();
  const plannedEnd = formatDate(cohort.plannedEndOn, i18n.language);
  const list = stalledMembers;
  return (
    <div className="space-y-8">
      {/* Header: what the cohort is, and room for the actions of whoever may manage it. */}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm">
            <Link to="/kohort" className="text-brand-700 underline">← {t("cohortView.back")}</Link>
          </p>
          <h1 className="text-2xl font-bold break-words text-slate-900">{cohort.name}</h1>
          <p className="text-sm text-slate-700" suppressHydrationWarning>
            {t("cohortView.meta", { district: cohort.districtName, agency: cohort.agencyName, date: formatDate(cohort.intakeDate, i18n.language) })} ·{" "}
            {closed ? t("cohortLifecycle.endedOn", { date: plannedEnd }) : t("cohortLifecycle.endsOn", { date: plannedEnd })}
            {closed ? <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-900">{t("cohortLifecycle.closed")}</span> : null}
          </p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <Link to={`/kohort/${cohort.id}/ubah`} className={buttonClass("secondary")}>{t("cohortView.edit")}</Link>
            <Link to={`/kohort/${cohort.id}/ubah#perpanjang`} className={buttonClass("secondary")}>{t("cohortLifecycle.extend.link")}</Link>
            <Link to={`/kohort/${cohort.id}/anggota`} className={buttonClass("secondary")}>{t("cohortView.assign")}</Link>
          </div>
        ) : null}
      </div>

      {result ? <ResultCard result={result} endedOn={plannedEnd} /> : null}
      {afterProgramme.rows.length > 0 || closed ? <AfterProgrammeSection {...afterProgramme} /> : null}

      <ul className="grid grid-cols-2 gap-2 lg:grid-cols-4">
        <li className="rounded-lg border border-slate-200 bg-white p-3">
          <p className="text-xs font-semibold text-slate-700">{t("cohortView.members")}</p>
          <p className="text-2xl"><CountLink value={members} filters={{ cohort: cohort.id }} label={t("dashboard.registrantsOfLabel", { name: cohort.name, count: members })} /></p>
        </li>
        <li className="rounded-lg border border-slate-200 bg-white p-3">
          <p className="text-xs font-semibold text-slate-700">{t("dashboard.active")}</p>
          <p className="text-2xl"><CountLink value={active} filters={{ cohort: cohort.id, status: "active" }} label={t("dashboard.activeOfLabel", { name: cohort.name, count: active })} /></p>
        </li>
        <li className="col-span-2 rounded-lg border border-slate-200 bg-white p-3">
          <p className="text-xs font-semibold text-slate-700">{t("dashboard.stalled")}</p>
          <p className="text-2xl">
            <CountLink value={stalled} filters={{ cohort: cohort.id, stalled: "yes" }} label={t("dashboard.stalledOfLabel", { name: cohort.name, count: stalled })} className="text-red-800" />{" "}
            <span className="text-base text-slate-800">{t("dashboard.ofActiveCount", { active: n(active), share: pct(share) })}</span>
          </p>
          <Bar share={share} tone="red" />
          <p className={`mt-1 text-xs ${flagged ? "font-semibold text-red-900" : "text-slate-700"}`}>
            {closed
              ? t("cohortLifecycle.closedNote")
              : flagged
                ? t("cohortView.flaggedNote", { threshold: pct(threshold) })
                : t("cohortView.notFlaggedNote", { threshold: pct(threshold) })}
          </p>
        </li>
      </ul>

      <Section id="stalled-members" title={t("cohortView.stalledMembers")} intro={t("cohortView.stalledMembersIntro")}>
        {list.rows.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">{t("cohortView.noneStalled")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {list.rows.map((row) => (
              <li key={row.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
                <div className="min-w-0 grow">
                  <Link to={`/peserta/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">{row.fullName}</Link>
                  <div className="text-sm text-slate-700">{row.businessName}</div>
                </div>
                <StallBadge reasons={row.stall} />
                <StageStrip states={row.stages} />
              </li>
            ))}
          </ul>
        )}
        {list.pageCount > 1 ? (
          <nav aria-label={t("cohortView.stalledPages")} className="flex flex-wrap items-center justify-between gap-2">
            {list.page > 1 ? <Link to={`?macet=${list.page - 1}#stalled-members`} className={buttonClass("secondary")}>← {t("participants.previous")}</Link> : <span />}
            <span className="text-sm text-slate-700">{t("participants.page", { page: list.page, pages: list.pageCount })}</span>
            {list.page < list.pageCount ? <Link to={`?macet=${list.page + 1}#stalled-members`} className={buttonClass("secondary")}>{t("participants.next")} →</Link> : <span />}
          </nav>
        ) : null}
      </Section>

      <Section id="cohort-trend" title={t("cohortView.trend")} intro={t("cohortView.trendIntro")}>
        <TrendChart weeks={trend} id="cohort" />
      </Section>

      <Section id="cohort-funnel" title={t("dashboard.funnel")} intro={t("dashboard.funnelIntro")}>
        <FunnelTable funnel={funnel} registrants={members} filters={{ cohort: cohort.id }} />
      </Section>

      <Section id="cohort-history" title={t("cohortView.history")} intro={t("cohortView.historyIntro")}>
        {history.entries.length === 0 ? (
          <p className="text-sm text-slate-700">{t("history.empty")}</p>
        ) : (
          <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {history.entries.map((entry) => (
              <li key={entry.id} className="px-3 py-2">
                <p className="text-sm">
                  <Link to={`/peserta/${entry.participantId}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">{entry.participantName}</Link>
                  {": "}
                  {eventText(t, entry)}
                </p>
                <p className="text-xs text-slate-700">
                  <time dateTime={new Date(entry.at).toISOString()} suppressHydrationWarning>{formatDateTime(entry.at, i18n.language)}</time>
                  {" · "}
                  {t("history.by", { name: entry.actorName ?? t("history.system") })}
                  {entry.reason ? ` · ${t("history.reason", { reason: shownText(t, entry.reason) })}` : ""}
                </p>
              </li>
            ))}
          </ol>
        )}
        <nav aria-label={t("cohortView.historyPages")} className="flex flex-wrap items-center justify-between gap-2">
          {history.page > 1 ? <Link to={`?riwayat=${history.page - 1}#cohort-history`} className={buttonClass("secondary")}>← {t("cohortView.newer")}</Link> : <span />}
          {history.hasMore ? <Link to={`?riwayat=${history.page + 1}#cohort-history`} className={buttonClass("secondary")}>{t("cohortView.older")} →</Link> : <span />}
        </nav>
      </Section>
    </div>
  );
}
