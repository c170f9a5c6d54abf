import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { Bar, cellClass, CountLink, scrollClass, Section, tableClass, theadClass, useNumber } from "~/components/dashboard/figures";
import { buttonClass } from "~/components/ui/button";
import { requireRole } from "~/modules/access/guards.server";
import { countClosedCohorts, countOpenCohorts, listClosedCohorts } from "~/modules/cohorts/closed.server";
import { listCohorts } from "~/modules/dashboard/cohorts.server";
import { DirectionText, TrendChart } from "~/components/dashboard/trend";
import { cohortDirections, readTrend } from "~/modules/dashboard/trend.server";
import { COHORT_SORTS, type CohortSort } from "~/modules/dashboard/options";
import { getDb } from "~/modules/db.server";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["cohorts", "coordinator", "workspace"], title: (t) => t("cohortView.listTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator", "mentor"]);
  const params = new URL(request.url).searchParams;
  const rawSort = params.get("sort") ?? "stalled";
  const sort = (COHORT_SORTS as readonly string[]).includes(rawSort) ? (rawSort as CohortSort) : "stalled";
  const page = Math.max(1, Math.min(100_000, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  const db = getDb();
  const now = Date.now();
  // Open cohorts are ranked by stalled share; closed ones (planned end passed) are listed apart with their result.
  if (params.get("tampil") === "selesai") {
    const closed = listClosedCohorts(db, user, { page, now });
    return { view: "closed" as const, closed, list: null, openTotal: countOpenCohorts(db, user, now), canManage: user.role === "coordinator" };
  }
  const list = listCohorts(db, user, { sort, page, now });
  // What changed: each shown cohort's stalls opened vs resolved (4 weeks), and the scope's weekly trend.
  const directions = Object.fromEntries(cohortDirections(db, user, list.rows.map((r) => r.id), now));
  return { view: "open" as const, closed: null, list, directions, trend: readTrend(db, user, { now }), closedTotal: countClosedCohorts(db, user, now), canManage: user.role === "coordinator" };
}

function ViewTabs({ view, openTotal, closedTotal }: { view: "open" | "closed"; openTotal: number; closedTotal: number }) {
  const { t } = useText();
  const { n } = useNumber();
  const tabs = [
    { key: "open", to: "/kohort", label: t("cohortLifecycle.viewOpen", { n: n(openTotal) }) },
    { key: "closed", to: "/kohort?tampil=selesai", label: t("cohortLifecycle.viewClosed", { n: n(closedTotal) }) },
  ] as const;
  return (
    <nav aria-label={t("cohortLifecycle.views")} className="flex flex-wrap gap-2 border-b border-slate-200 pb-2">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          to={tab.to}
          aria-current={tab.key === view ? "page" : undefined}
          className={buttonClass(tab.key === view ? "primary" : "secondary")}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

function ClosedCohorts({ closed }: { closed: ReturnType<typeof listClosedCohorts> }) {
  const { t, i18n } = useText();
  const { n, pct } = useNumber();
  const href = (page: number) => `/kohort?tampil=selesai${page > 1 ? `&page=${page}` : ""}`;
  const figure = (value: number, members: number) => (
    <>
      <span className="font-semibold text-slate-900">{n(value)}</span>
      <span className="block text-xs text-slate-700">{pct(members === 0 ? 0 : value / members)}</span>
    </>
  );
  return (
    <section aria-labelledby="closed-heading" className="space-y-3">
      <h2 id="closed-heading" className="sr-only">{t("cohortLifecycle.closed")}</h2>
      <p className="text-sm text-slate-700">{t("cohortLifecycle.closedSummary", { n: n(closed.total) })}</p>
      {closed.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">{t("cohortLifecycle.closedEmpty")}</p>
      ) : (
        <div className={scrollClass}>
          <table className={tableClass}>
            <thead className={theadClass}>
              <tr>
                <th scope="col" className={cellClass}>{t("cohortView.name")}</th>
                <th scope="col" className={`${cellClass} hidden sm:table-cell`}>{t("dashboard.district")}</th>
                <th scope="col" className={`${cellClass} hidden sm:table-cell`}>{t("cohortLifecycle.col.ended")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("cohortView.members")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("cohortLifecycle.col.graduated")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("cohortLifecycle.col.active")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("cohortLifecycle.col.notCompleted")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {closed.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className={`${cellClass} font-medium`}>
                    <Link to={`/kohort/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                      {row.name}
                    </Link>
                    <span className="block text-xs font-normal text-slate-700 sm:hidden" suppressHydrationWarning>
                      {row.districtName} · {t("cohortLifecycle.endedOn", { date: formatDate(row.plannedEndOn, i18n.language) })}
                    </span>
                  </th>
                  <td className={`${cellClass} hidden sm:table-cell`}>{row.districtName}</td>
                  <td className={`${cellClass} hidden whitespace-nowrap sm:table-cell`} suppressHydrationWarning>{formatDate(row.plannedEndOn, i18n.language)}</td>
                  <td className={`${cellClass} text-right`}>{n(row.result.members)}</td>
                  <td className={`${cellClass} text-right`}>{figure(row.result.graduated, row.result.members)}</td>
                  <td className={`${cellClass} text-right`}>{figure(row.result.active, row.result.members)}</td>
                  <td className={`${cellClass} text-right`}>{figure(row.result.notCompleted, row.result.members)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {closed.pageCount > 1 ? (
        <nav aria-label={t("participants.pagination")} className="flex flex-wrap items-center justify-between gap-2">
          {closed.page > 1 ? <Link to={href(closed.page - 1)} rel="prev" className={buttonClass("secondary")}>← {t("participants.previous")}</Link> : <span />}
          <span className="text-sm text-slate-700">{t("participants.page", { page: closed.page, pages: closed.pageCount })}</span>
          {closed.page < closed.pageCount ? <Link to={href(closed.page + 1)} rel="next" className={buttonClass("secondary")}>{t("participants.next")} →</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}

export default function CohortList() {
  const data = useLoaderData<typeof loader>();
  if (data.view === "closed") {
    return (
      <div className="space-y-4">
        <CohortHeader canManage={data.canManage} />
        <ViewTabs view="closed" openTotal={data.openTotal} closedTotal={data.closed.total} />
        <ClosedCohorts closed={data.closed} />
      </div>
    );
  }
  return <OpenCohorts list={data.list} directions={data.directions} trend={data.trend} canManage={data.canManage} closedTotal={data.closedTotal} />;
}

function CohortHeader({ canManage, children }: { canManage: boolean; children?: React.ReactNode }) {
  const { t } = useText();
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("cohortView.listHeading")}</h1>
        {children}
      </div>
      {canManage ? (
        <div className="flex flex-wrap gap-2">
          <Link to="/kohort/baru" className={buttonClass("primary")}>
            {t("cohortView.new")}
          </Link>
        </div>
      ) : null}
    </div>
  );
}

function OpenCohorts({
  list,
  directions,
  trend,
  canManage,
  closedTotal,
}: {
  list: ReturnType<typeof listCohorts>;
  directions: Record<number, { opened: number; resolved: number }>;
  trend: ReturnType<typeof readTrend>;
  canManage: boolean;
  closedTotal: number;
}) {
  const { t, i18n } = useText();
  const { n, pct } = useNumber();
  const href = (sort: CohortSort, page = 1) => `/kohort?sort=${sort}${page > 1 ? `&page=${page}` : ""}`;
  return (
    <div className="space-y-4">
      {/* Header: the title, and room for the actions of whoever may manage cohorts. */}
      <CohortHeader canManage={canManage}>
        <p className="text-sm text-slate-700">
          {t("cohortView.listSummary", { count: list.total, formatted: n(list.total), flagged: n(list.flagged), threshold: pct(list.threshold) })}
        </p>
        <p className="text-xs text-slate-700" suppressHydrationWarning>
          {t("dashboard.asOf", { time: formatDateTime(list.asOf, i18n.language) })}
        </p>
      </CohortHeader>
      <ViewTabs view="open" openTotal={list.total} closedTotal={closedTotal} />

      <nav aria-label={t("cohortView.sortBy")} className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-700">{t("cohortView.sortBy")}:</span>
        {COHORT_SORTS.map((sort) => (
          <Link
            key={sort}
            to={href(sort)}
            aria-current={sort === list.sort ? "true" : undefined}
            className={`rounded-full border px-3 py-1 font-semibold ${sort === list.sort ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
          >
            {t(`cohortView.sort.${sort}`)}
          </Link>
        ))}
      </nav>

      {list.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">{t("cohortView.empty")}</p>
      ) : (
        <div className={scrollClass}>
          <table className={tableClass}>
            <thead className={theadClass}>
              <tr>
                <th scope="col" className={cellClass}>{t("cohortView.name")}</th>
                <th scope="col" className={`${cellClass} hidden sm:table-cell`}>{t("dashboard.district")}</th>
                <th scope="col" className={`${cellClass} hidden sm:table-cell`}>{t("cohortView.intake")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("cohortView.members")}</th>
                <th scope="col" className={`${cellClass} text-right`} aria-sort={list.sort === "stalled" ? "descending" : undefined}>
                  {t("cohortView.newStalls")}
                </th>
                <th scope="col" className={`${cellClass} min-w-24`}>
                  {t("cohortView.stalledShare")}
                </th>
                <th scope="col" className={cellClass}>{t("cohortView.direction")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className={`${cellClass} font-medium`}>
                    <Link to={`/kohort/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                      {row.name}
                    </Link>
                    {row.flagged ? (
                      <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-red-900">{t("dashboard.flagged")}</span>
                    ) : null}
                    {/* Phones: district and intake under the name instead of in their own columns. */}
                    <span className="block text-xs font-normal text-slate-700 sm:hidden" suppressHydrationWarning>
                      {row.districtName} · {formatDate(row.intakeDate, i18n.language)}
                    </span>
                  </th>
                  <td className={`${cellClass} hidden sm:table-cell`}>{row.districtName}</td>
                  <td className={`${cellClass} hidden whitespace-nowrap sm:table-cell`} suppressHydrationWarning>{formatDate(row.intakeDate, i18n.language)}</td>
                  <td className={`${cellClass} text-right`}>
                    <CountLink value={row.members} filters={{ cohort: row.id }} label={t("dashboard.registrantsOfLabel", { name: row.name, count: row.members })} />
                  </td>
                  <td className={`${cellClass} text-right font-semibold text-red-900`} data-new-stalls={row.stalledNew}>{n(row.stalledNew)}</td>
                  <td className={`${cellClass} whitespace-nowrap`}>
                    <CountLink value={row.stalled} filters={{ cohort: row.id, stalled: "yes" }} label={t("dashboard.stalledOfLabel", { name: row.name, count: row.stalled })} className="text-red-800" />
                    <span className="text-slate-700"> / {n(row.active)}</span>
                    <span className="block text-xs text-slate-700">{pct(row.share)}</span>
                    <Bar share={row.share} tone="red" />
                  </td>
                  <td className={`${cellClass} text-xs`}>
                    <DirectionText direction={directions[row.id] ?? { opened: 0, resolved: 0 }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {list.pageCount > 1 ? (
        <nav aria-label={t("participants.pagination")} className="flex flex-wrap items-center justify-between gap-2">
          {list.page > 1 ? <Link to={href(list.sort, list.page - 1)} rel="prev" className={buttonClass("secondary")}>← {t("participants.previous")}</Link> : <span />}
          <span className="text-sm text-slate-700">{t("participants.page", { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? <Link to={href(list.sort, list.page + 1)} rel="next" className={buttonClass("secondary")}>{t("participants.next")} →</Link> : <span />}
        </nav>
      ) : null}

      <Section id="cohorts-trend" title={t("cohortView.trend")} intro={t("cohortView.trendIntroAll")}>
        <TrendChart weeks={trend} id="scope" />
      </Section>
    </div>
  );
}
