// The coordinator's overview (/koordinator), section by section: each takes the overview summary
// the page's loader read (dashboard/overview.server.ts) and renders one question a coordinator asks.
import { Link } from "@remix-run/react";
import { useText } from "~/components/text";
import { CountLink, Section, useNumber } from "~/components/dashboard/figures";
import { FunnelTable } from "~/components/dashboard/funnel-table";
import { DirectionText, TrendChart } from "~/components/dashboard/trend";
import { stageTitle } from "~/modules/journey/labels";
import type { OverviewSummary } from "~/modules/dashboard/overview.server";
import type { ListFilters } from "~/modules/participants/list-filters";

/** The large tables, each on its own page (the layout's tabs lead there too). */
export function Details() {
  const { t } = useText();
  const pages = [
    { to: "/koordinator/peta", title: t("dashboard.heatMap") },
    { to: "/koordinator/konversi", title: t("dashboard.conversion") },
    { to: "/koordinator/pendamping", title: t("dashboard.mentorLoad") },
  ];
  return (
    <Section id="details" title={t("dashboard.details")} intro={t("dashboard.detailsIntro")}>
      <ul className="grid grid-cols-1 gap-2 sm:grid-cols-3">
        {pages.map((page) => (
          <li key={page.to}>
            <Link to={page.to} className="flex min-h-11 items-center rounded-lg border border-slate-200 bg-white p-3 font-semibold text-brand-700 underline-offset-2 hover:underline">
              {page.title} →
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function Headline({ o }: { o: OverviewSummary }) {
  const { t } = useText();
  const { n, pct } = useNumber();
  const cards: { label: string; value: number; filters: ListFilters; note?: string; tone?: string }[] = [
    { label: t("dashboard.registrants"), value: o.totals.registrants, filters: {} },
    { label: t("dashboard.active"), value: o.totals.active, filters: { status: "active" } },
    {
      label: t("dashboard.stalled"),
      value: o.totals.stalled,
      filters: { stalled: "yes" },
      note: `${t("dashboard.ofActive", { share: pct(o.totals.active ? o.totals.stalled / o.totals.active : 0) })} · ${t("dashboard.newStalls", { count: o.totals.stalledNew, formatted: n(o.totals.stalledNew) })}`,
      tone: "text-red-800",
    },
    { label: t("dashboard.dormant"), value: o.totals.dormant, filters: { status: "dormant" }, note: t("dashboard.dormantNote") },
    { label: t("dashboard.graduated"), value: o.totals.graduated, filters: { status: "graduated" } },
    {
      label: t("dashboard.reachedP7"),
      value: o.totals.reached[6] ?? 0,
      filters: { reached: 7 },
      note: t("dashboard.conversionNote", { share: pct(o.totals.registrants ? (o.totals.reached[6] ?? 0) / o.totals.registrants : 0) }),
    },
  ];
  return (
    <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-6">
      {cards.map((card) => (
        <li key={card.label} className="rounded-lg border border-slate-200 bg-white p-3">
          <p className="text-xs font-semibold text-slate-700">{card.label}</p>
          <p className="text-2xl">
            <CountLink value={card.value} filters={card.filters} label={`${card.label}: ${card.value}`} className={card.tone} />
          </p>
          {card.note ? <p className="text-xs text-slate-700">{card.note}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function StalledCohorts({ o }: { o: OverviewSummary }) {
  const { t } = useText();
  const { n, pct } = useNumber();
  return (
    <Section id="stalled-cohorts" title={t("dashboard.stalledCohorts")} intro={t("dashboard.stalledCohortsIntro", { threshold: pct(o.threshold), count: o.cohortsFlagged })}>
      {o.cohorts.length === 0 ? (
        <p className="text-sm text-slate-700">{t("dashboard.none")}</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {o.cohorts.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
              <Link to={`/kohort/${c.id}`} className="min-w-0 grow font-semibold text-brand-700 underline-offset-2 hover:underline">
                {c.name}
              </Link>
              {c.flagged ? <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">{t("dashboard.flagged")}</span> : null}
              <span className="w-full text-sm font-semibold text-red-900 sm:w-auto" data-new-stalls={c.stalledNew}>
                {t("dashboard.newStalls", { count: c.stalledNew, formatted: n(c.stalledNew) })}
              </span>
              <span className="text-sm text-slate-800">
                <CountLink value={c.stalled} filters={{ cohort: c.id, stalled: "yes" }} label={t("dashboard.stalledOfLabel", { name: c.name, count: c.stalled })} className="text-red-800" />{" "}
                {t("dashboard.ofActiveCount", { active: n(c.active), share: pct(c.share) })}
              </span>
              <DirectionText direction={c.direction} className="text-xs" />
            </li>
          ))}
        </ol>
      )}
      <p className="text-sm">
        <Link to="/kohort" className="font-semibold text-brand-700 underline">
          {t("dashboard.allCohorts")}
        </Link>
      </p>
    </Section>
  );
}

export function WaitsOn({ o }: { o: OverviewSummary }) {
  const { t } = useText();
  const total = o.waitsOn.reduce((sum, w) => sum + w.count, 0);
  return (
    <Section id="waits-on" title={t("dashboard.waitsOn")} intro={t("dashboard.waitsOnIntro", { count: total })}>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {o.waitsOn.map((w) => (
          <li key={w.waitsOn} className="rounded-lg border border-slate-200 bg-white p-3">
            <p className="text-xs font-semibold text-slate-700">{t(`dashboard.waits.${w.waitsOn}`)}</p>
            <p className="text-xl">
              <CountLink value={w.count} filters={{ waitsOn: w.waitsOn }} />
            </p>
          </li>
        ))}
      </ul>
      <p className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-slate-900">
        <CountLink value={o.overdueFollowUps} filters={{ followUp: "overdue" }} label={t("dashboard.overdueLabel", { count: o.overdueFollowUps })} className="text-lg text-amber-900" />{" "}
        {t("dashboard.overdue", { count: o.overdueFollowUps })}
      </p>
    </Section>
  );
}

export function StallAges({ o }: { o: OverviewSummary }) {
  const { t } = useText();
  return (
    <Section id="stall-ages" title={t("dashboard.stallAges")} intro={t("dashboard.stallAgesIntro")}>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {o.ageBands.map((b) => (
          <li key={b.band} className="rounded-lg border border-slate-200 bg-white p-3" data-band={b.band}>
            <p className="text-xs font-semibold text-slate-700">{t(`dashboard.ageBands.${b.band}`)}</p>
            <p className="text-xl">
              <CountLink value={b.count} filters={{ stalled: "yes", stallAge: b.band }} label={t("dashboard.ageBandLabel", { band: t(`dashboard.ageBands.${b.band}`), count: b.count })} className="text-red-800" />
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function Trend({ o }: { o: OverviewSummary }) {
  const { t } = useText();
  return (
    <Section id="stall-trend" title={t("dashboard.trend")} intro={t("dashboard.trendIntro")}>
      <TrendChart weeks={o.trend} />
    </Section>
  );
}

export function Funnel({ o }: { o: OverviewSummary }) {
  const { t } = useText();
  return (
    <Section id="funnel" title={t("dashboard.funnel")} intro={t("dashboard.funnelIntro")}>
      <FunnelTable funnel={o.funnel} registrants={o.totals.registrants} />
    </Section>
  );
}

export function Medians({ o }: { o: OverviewSummary }) {
  const { t } = useText();
  const { n } = useNumber();
  return (
    <Section id="medians" title={t("dashboard.medians")} intro={t("dashboard.mediansIntro")}>
      <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {o.medians.map((m) => (
          <li key={m.stage} className="rounded-lg border border-slate-200 bg-white p-3">
            <p className="text-xs font-semibold text-slate-700">{stageTitle(t, m.stage)}</p>
            <p className="text-lg font-semibold text-slate-900">
              {m.medianWeek === null ? t("dashboard.noCompletions") : t("dashboard.medianDays", { from: m.medianWeek * 7, to: m.medianWeek * 7 + 6 })}
            </p>
            <p className="text-xs text-slate-700">{t("dashboard.completions", { count: m.completions, formatted: n(m.completions) })}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
