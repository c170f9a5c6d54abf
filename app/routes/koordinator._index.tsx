import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { Bar, cellClass, CountLink, scrollClass, Section, tableClass, theadClass, useNumber } from "~/components/dashboard/figures";
import { FunnelTable } from "~/components/dashboard/funnel-table";
import { MonthlyChart } from "~/components/dashboard/monthly-chart";
import { DirectionText, TrendChart } from "~/components/dashboard/trend";
import { stageTitle } from "~/components/journey/labels";
import { requireRole } from "~/modules/auth/access.server";
import { CONVERSION_BY, CONVERSION_ROW_LIMIT, type ConversionBy } from "~/modules/dashboard/options";
import { getOverview } from "~/modules/dashboard/overview.server";
import { getDb } from "~/modules/db.server";
import { formatDateTime } from "~/modules/i18n/format";
import type { ListFilters } from "~/modules/participants/list-filters";
import type { RouteHandle } from "~/root";
import { STAGES, stageCode } from "../../machines/stages";

/** The stall map shows every stall, or only those of the last 30 days (`?peta=baru`). */
type MapView = "all" | "new";

export const handle: RouteHandle = { text: ["workspace"], title: (t) => t("dashboard.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const params = new URL(request.url).searchParams;
  const raw = params.get("by");
  const by = (CONVERSION_BY as readonly string[]).includes(raw ?? "") ? (raw as ConversionBy) : "district";
  const mapView: MapView = params.get("peta") === "baru" ? "new" : "all";
  return { overview: getOverview(getDb(), user, { by }), cityScope: user.cityId != null, by, mapView };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>["overview"];

function Headline({ o }: { o: Data }) {
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

function StalledCohorts({ o }: { o: Data }) {
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

function HeatMap({ o, view, by }: { o: Data; view: MapView; by: ConversionBy }) {
  const { t } = useText();
  const { n, pct } = useNumber();
  const cells = (d: Data["districts"][number]) => (view === "new" ? d.stalledNewOpen : d.stalledOpen);
  const max = Math.max(1, ...o.districts.flatMap(cells));
  const keep = by === "district" ? "" : `by=${by}&`;
  return (
    <Section id="heat-map" title={t("dashboard.heatMap")} intro={t(view === "new" ? "dashboard.heatMapIntroNew" : "dashboard.heatMapIntro")}>
      <nav aria-label={t("dashboard.mapView")} className="flex flex-wrap gap-2">
        {(["all", "new"] as const).map((option) => (
          <Link
            key={option}
            to={`?${keep}${option === "new" ? "peta=baru" : ""}#heat-map`}
            preventScrollReset
            aria-current={option === view ? "true" : undefined}
            className={`rounded-full border px-3 py-1 text-sm font-semibold ${option === view ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
          >
            {t(`dashboard.mapViews.${option}`)}
          </Link>
        ))}
      </nav>
      {o.districtsEmpty > 0 ? <p className="text-xs text-slate-700">{t("dashboard.districtsEmpty", { count: o.districtsEmpty })}</p> : null}
      <div className={scrollClass}>
        <table className={tableClass}>
          <caption className="sr-only">{t(view === "new" ? "dashboard.heatMapCaptionNew" : "dashboard.heatMapCaption")}</caption>
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={`${cellClass} sticky left-0 bg-slate-50`}>{t("dashboard.district")}</th>
              <th scope="col" className={cellClass}>{t("dashboard.stalledShare")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.newIn30")}</th>
              <th scope="col" className={cellClass}>{t("dashboard.directionHeading")}</th>
              {STAGES.map((stage) => (
                <th key={stage} scope="col" className={`${cellClass} text-center`} title={t(`stage.${stage}`)}>
                  {stageCode(stage)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {o.districts.map((d) => (
              <tr key={d.id}>
                <th scope="row" className={`${cellClass} sticky left-0 bg-white font-medium whitespace-nowrap`}>
                  {d.name}
                </th>
                <td className={`${cellClass} min-w-24 whitespace-nowrap`}>
                  <CountLink value={d.stalled} filters={{ district: d.id, stalled: "yes" }} label={t("dashboard.stalledInLabel", { name: d.name, count: d.stalled })} className="text-red-800" />
                  <span className="text-slate-700"> / {d.active}</span>
                  <span className="block text-xs text-slate-700">{pct(d.share)}</span>
                  <Bar share={d.share} tone="red" />
                </td>
                <td className={`${cellClass} text-right font-semibold text-red-900`}>{n(d.stalledNew)}</td>
                <td className={`${cellClass} text-xs`}>
                  <DirectionText direction={d.direction} />
                </td>
                {cells(d).map((count, i) => {
                  const heat = count / max;
                  const stage = STAGES[i]!;
                  return (
                    <td
                      key={stage}
                      className={`${cellClass} text-center ${heat > 0.6 ? "bg-red-700" : heat > 0.3 ? "bg-red-300" : heat > 0 ? "bg-red-100" : ""}`}
                    >
                      {count === 0 ? (
                        <span className="text-slate-500">0</span>
                      ) : view === "new" ? (
                        // No list filter gives "stalled within 30 days": the new view's counts are plain figures.
                        <span
                          className={`font-semibold ${heat > 0.6 ? "text-white" : "text-slate-950"}`}
                          aria-label={t("dashboard.heatCellNewLabel", { district: d.name, stage: stageTitle(t, stage), count })}
                        >
                          {n(count)}
                        </span>
                      ) : (
                        <CountLink
                          value={count}
                          filters={{ district: d.id, stage, stalled: "yes" }}
                          label={t("dashboard.heatCellLabel", { district: d.name, stage: stageTitle(t, stage), count })}
                          className={heat > 0.6 ? "text-white" : "text-slate-950"}
                        />
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-300 font-semibold">
            <tr>
              <th scope="row" className={`${cellClass} sticky left-0 bg-white`}>{t("dashboard.total")}</th>
              <td className={cellClass}>
                <CountLink value={o.totals.stalled} filters={{ stalled: "yes" }} className="text-red-800" />
              </td>
              <td className={`${cellClass} text-right text-red-900`}>{n(o.totals.stalledNew)}</td>
              <td className={`${cellClass} text-xs`}>
                <DirectionText direction={o.trend.slice(-4).reduce((d, w) => ({ opened: d.opened + w.opened, resolved: d.resolved + w.resolved }), { opened: 0, resolved: 0 })} />
              </td>
              {(view === "new" ? o.stalledNewByStage : o.stalledByStage).map((count, i) => (
                <td key={i} className={`${cellClass} text-center`}>
                  {view === "new" ? (
                    n(count)
                  ) : (
                    <CountLink value={count} filters={{ stage: STAGES[i]!, stalled: "yes" }} label={t("dashboard.stageStalledLabel", { stage: stageTitle(t, STAGES[i]!), count })} />
                  )}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </Section>
  );
}

function WaitsOn({ o }: { o: Data }) {
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

function StallAges({ o }: { o: Data }) {
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

function Trend({ o }: { o: Data }) {
  const { t } = useText();
  return (
    <Section id="stall-trend" title={t("dashboard.trend")} intro={t("dashboard.trendIntro")}>
      <TrendChart weeks={o.trend} />
    </Section>
  );
}

function Funnel({ o }: { o: Data }) {
  const { t } = useText();
  return (
    <Section id="funnel" title={t("dashboard.funnel")} intro={t("dashboard.funnelIntro")}>
      <FunnelTable funnel={o.funnel} registrants={o.totals.registrants} />
    </Section>
  );
}

function Conversion({ o, view }: { o: Data; view: MapView }) {
  const { t } = useText();
  const { n, pct } = useNumber();
  const by = o.conversion.by;
  const key: Record<ConversionBy, keyof ListFilters> = { district: "district", agency: "agency", mentor: "mentor", cohort: "cohort" };
  return (
    <Section id="conversion" title={t("dashboard.conversion")} intro={t("dashboard.conversionIntro")}>
      <nav aria-label={t("dashboard.conversionBy")} className="flex flex-wrap gap-2">
        {CONVERSION_BY.map((option) => (
          <Link
            key={option}
            to={`?by=${option}${view === "new" ? "&peta=baru" : ""}#conversion`}
            preventScrollReset
            aria-current={option === by ? "true" : undefined}
            className={`rounded-full border px-3 py-1 text-sm font-semibold ${option === by ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
          >
            {t(`dashboard.by.${option}`)}
          </Link>
        ))}
      </nav>
      {o.conversion.total > o.conversion.rows.length ? (
        <p className="text-xs text-slate-700">{t("dashboard.largestShown", { count: CONVERSION_ROW_LIMIT, total: n(o.conversion.total) })}</p>
      ) : null}
      <div className={scrollClass}>
        <table className={tableClass}>
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={`${cellClass} sticky left-0 bg-slate-50`}>{t(`dashboard.by.${by}`)}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.registrants")}</th>
              {STAGES.map((stage) => (
                <th key={stage} scope="col" className={`${cellClass} text-right`} title={t(`stage.${stage}`)}>{stageCode(stage)}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {o.conversion.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row" className={`${cellClass} sticky left-0 bg-white font-medium whitespace-nowrap`}>{row.name}</th>
                <td className={`${cellClass} text-right`}>
                  <CountLink value={row.registrants} filters={{ [key[by]]: row.id }} label={t("dashboard.registrantsOfLabel", { name: row.name, count: row.registrants })} />
                </td>
                {row.reached.map((reached, i) => (
                  <td key={i} className={`${cellClass} text-right whitespace-nowrap`}>
                    <Link
                      to={`/peserta?${key[by]}=${row.id}&reached=${i + 1}`}
                      className="text-brand-700 underline-offset-2 hover:underline"
                      aria-label={t("dashboard.conversionCellLabel", { name: row.name, stage: stageCode(STAGES[i]!), count: reached })}
                      title={t("dashboard.conversionCellTitle", { count: reached })}
                    >
                      {pct(row.registrants ? reached / row.registrants : 0)}
                    </Link>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function MentorLoad({ o }: { o: Data }) {
  const { t } = useText();
  const { n } = useNumber();
  return (
    <Section id="mentors" title={t("dashboard.mentorLoad")} intro={t("dashboard.mentorLoadIntro", { count: o.mentors.length, total: n(o.mentorsTotal) })}>
      <div className={scrollClass}>
        <table className={tableClass}>
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={cellClass}>{t("dashboard.mentor")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.participants")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.active")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.stalled")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {o.mentors.map((m) => (
              <tr key={m.id}>
                <th scope="row" className={`${cellClass} font-medium`}>{m.name}</th>
                <td className={`${cellClass} text-right`}><CountLink value={m.participants} filters={{ mentor: m.id }} label={t("dashboard.registrantsOfLabel", { name: m.name, count: m.participants })} /></td>
                <td className={`${cellClass} text-right`}><CountLink value={m.active} filters={{ mentor: m.id, status: "active" }} label={t("dashboard.activeOfLabel", { name: m.name, count: m.active })} /></td>
                <td className={`${cellClass} text-right`}><CountLink value={m.stalled} filters={{ mentor: m.id, stalled: "yes" }} label={t("dashboard.stalledOfLabel", { name: m.name, count: m.stalled })} className="text-red-800" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Medians({ o }: { o: Data }) {
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

export default function CoordinatorOverview() {
  const { t, i18n } = useText();
  const { overview: o, cityScope, by, mapView } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("dashboard.heading")}</h1>
        <p className="text-sm text-slate-700">
          {cityScope ? t("dashboard.scopeCity") : t("dashboard.scopeProvince")} ·{" "}
          <span suppressHydrationWarning>{t("dashboard.asOf", { time: formatDateTime(o.asOf, i18n.language) })}</span>
        </p>
      </div>
      <Headline o={o} />
      <StalledCohorts o={o} />
      <Trend o={o} />
      <StallAges o={o} />
      <HeatMap o={o} view={mapView} by={by} />
      <WaitsOn o={o} />
      <Funnel o={o} />
      <Conversion o={o} view={mapView} />
      <MentorLoad o={o} />
      <Medians o={o} />
      <Section id="monthly" title={t("dashboard.monthly")} intro={t("dashboard.monthlyIntro")}>
        <MonthlyChart monthly={o.monthly} />
      </Section>
    </div>
  );
}
