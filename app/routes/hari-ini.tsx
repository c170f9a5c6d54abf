// A mentor's day: what needs them, most urgent first, each line with its one action and a way to
// reach the person. Only reads (a GET never writes): items leave because of what the mentor records.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { ContactLinks } from "~/components/participants/contact-links";
import { waitsOnLabel } from "~/components/participants/stall-note";
import { buttonClass } from "~/components/ui/button";
import { SurveyCards } from "~/components/collaboration/survey-cards";
import { requireRole } from "~/modules/access/guards.server";
import { openRoundsFor } from "~/modules/collaboration/responses.server";
import { getDb } from "~/modules/db.server";
import { formatDate, formatMonth } from "~/modules/i18n/format";
import { shownText } from "~/modules/i18n/phrases";
import { itemAction, nextStepText, TODAY_KINDS, whatsAppLink, type TodayItem, type TodayKind } from "~/modules/today/today";
import { listToday } from "~/modules/today/today.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["today", "workspace"], title: (t) => t("today.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  // Coordinators, entrepreneurs and partners have no day of items here: 404, like any page outside a role.
  const user = await requireRole(request, ["mentor"]);
  const db = getDb();
  return { ...listToday(db, user), mentorName: user.name, surveys: openRoundsFor(db, user) };
}

const KIND_TONE: Record<TodayKind, string> = {
  "follow-up": "bg-red-50 text-red-900 ring-red-200",
  "new-stall": "bg-amber-50 text-amber-900 ring-amber-200",
  verify: "bg-sky-50 text-sky-900 ring-sky-200",
  "self-report": "bg-violet-50 text-violet-900 ring-violet-200",
  correction: "bg-orange-50 text-orange-900 ring-orange-200",
  "after-programme": "bg-teal-50 text-teal-900 ring-teal-200",
  handover: "bg-slate-100 text-slate-800 ring-slate-300",
  outcome: "bg-emerald-50 text-emerald-900 ring-emerald-200",
};

function KindBadge({ kind }: { kind: TodayKind }) {
  const { t } = useText();
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ring-1 ${KIND_TONE[kind]}`}>{t(`today.kind.${kind}`)}</span>;
}

function detailText(t: TFunction<"common">, item: TodayItem, language: string): string {
  const date = (at: number | string) => formatDate(at, language);
  switch (item.kind) {
    case "follow-up":
      return item.overdueDays > 0
        ? t("today.detail.followUpOverdue", { count: item.overdueDays, date: date(item.followUpOn), waitsOn: waitsOnLabel(t, item.waitsOn).toLowerCase() })
        : t("today.detail.followUpToday", { waitsOn: waitsOnLabel(t, item.waitsOn).toLowerCase() });
    case "new-stall":
      return t("today.detail.newStall", { date: date(item.since) });
    case "verify":
      return t("today.detail.verify", { date: date(item.registeredAt) });
    case "self-report":
      return item.period && /^\d{4}-\d{2}$/.test(item.period)
        ? t("today.detail.selfReport", { period: formatMonth(item.period, language), date: date(item.sentAt) })
        : t("today.detail.selfReportNoPeriod", { date: date(item.sentAt) });
    case "correction":
      return t("today.detail.correction", { date: date(item.requestedAt), message: item.message });
    case "after-programme":
      return t("today.detail.afterProgramme", { count: item.monthsAfter, date: date(item.dueOn) });
    case "handover":
      return item.fromMentor
        ? t("today.detail.handover", { mentor: item.fromMentor, date: date(item.at), reason: shownText(t, item.reason) })
        : t("today.detail.handoverNoMentor", { date: date(item.at), reason: shownText(t, item.reason) });
    case "outcome":
      return t("today.detail.outcome", {
        organisation: item.organisation,
        evidence: item.evidence ? t(`evidenceKind.${item.evidence}` as "evidenceKind.licence").toLowerCase() : "",
        stage: stageTitle(t, item.stage),
        date: date(item.at),
      });
  }
}

function ActionLink({ item }: { item: TodayItem }) {
  const { t } = useText();
  const action = itemAction(item);
  const label = action.key === "record" && action.evidence ? t(`today.action.record.${action.evidence}`) : t(`today.action.${action.key as "open"}`);
  return (
    // The visible words start the accessible name; the person's name tells one line's action from the next.
    <Link to={action.href} aria-label={`${label}: ${item.fullName}`} className={buttonClass("primary", "min-h-11")}>
      {label}
    </Link>
  );
}

function ItemRow({ item, mentorName }: { item: TodayItem; mentorName: string }) {
  const { t, i18n } = useText();
  const wa = whatsAppLink(t, item.reach, mentorName, { handover: item.kind === "handover" });
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <KindBadge kind={item.kind} />
        <Link to={`/peserta/${item.participantId}`} className="font-semibold break-words text-brand-700 underline-offset-2 hover:underline">
          {item.fullName}
        </Link>
        <span className="min-w-0 text-sm break-words text-slate-600">{item.businessName}</span>
      </div>
      <p className="mt-1 text-sm text-slate-800" suppressHydrationWarning>
        {detailText(t, item, i18n.language)}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        <span className="font-medium">{t("today.nextLabel")}</span> {nextStepText(t, item.reach.next)}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <ActionLink item={item} />
        <ContactLinks contact={item.reach.contact} name={item.fullName} whatsAppHref={wa} />
      </div>
    </li>
  );
}

export default function Today() {
  const { t } = useText();
  const { items, counts, total, mentorName, surveys } = useLoaderData<typeof loader>();
  const shown = Object.fromEntries(TODAY_KINDS.map((kind) => [kind, items.filter((item) => item.kind === kind).length])) as Record<TodayKind, number>;
  const cut = TODAY_KINDS.filter((kind) => counts[kind] > shown[kind]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t("today.title")}</h1>
          <p className="text-sm text-slate-600">{t("today.intro")}</p>
        </div>
        <Link to="/peserta" className={buttonClass("secondary")}>
          {t("today.allParticipants")}
        </Link>
      </div>
      <SurveyCards cards={surveys} />

      {total === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">{t("today.empty")}</p>
      ) : (
        <>
          <div>
            <p className="font-semibold text-slate-900">{t("today.summary", { count: total })}</p>
            <ul aria-label={t("today.countsLabel")} className="mt-2 flex flex-wrap gap-2">
              {TODAY_KINDS.filter((kind) => counts[kind] > 0).map((kind) => (
                <li key={kind} className={`rounded px-2 py-1 text-xs font-semibold ring-1 ${KIND_TONE[kind]}`}>
                  {t(`today.kind.${kind}`)}: {counts[kind]}
                </li>
              ))}
            </ul>
          </div>
          <ol aria-label={t("today.listLabel")} className="space-y-2">
            {items.map((item) => (
              <ItemRow key={`${item.kind}-${item.participantId}-${"at" in item ? item.at : ""}`} item={item} mentorName={mentorName} />
            ))}
          </ol>
          {cut.map((kind) => (
            <p key={kind} className="text-sm text-slate-600">
              {t(`today.kind.${kind}`)}: {t("today.more", { shown: shown[kind], count: counts[kind] })}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
