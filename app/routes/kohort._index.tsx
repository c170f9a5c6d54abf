import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { Bar, cellClass, CountLink, scrollClass, tableClass, theadClass, useNumber } from "~/components/dashboard/figures";
import { buttonClass } from "~/components/ui/button";
import { requireRole } from "~/modules/auth/access.server";
import { listCohorts } from "~/modules/dashboard/cohorts.server";
import { COHORT_SORTS, type CohortSort } from "~/modules/dashboard/options";
import { getDb } from "~/modules/db.server";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: (t) => t("cohortView.listTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator", "mentor"]);
  const params = new URL(request.url).searchParams;
  const rawSort = params.get("sort") ?? "stalled";
  const sort = (COHORT_SORTS as readonly string[]).includes(rawSort) ? (rawSort as CohortSort) : "stalled";
  const page = Math.max(1, Math.min(100_000, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  return { list: listCohorts(getDb(), user, { sort, page }), canManage: user.role === "coordinator" };
}

export default function CohortList() {
  const { t, i18n } = useText();
  const { n, pct } = useNumber();
  const { list, canManage } = useLoaderData<typeof loader>();
  const href = (sort: CohortSort, page = 1) => `/kohort?sort=${sort}${page > 1 ? `&page=${page}` : ""}`;
  return (
    <div className="space-y-4">
      {/* Header: the title, and room for the actions of whoever may manage cohorts. */}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t("cohortView.listHeading")}</h1>
          <p className="text-sm text-slate-700">
            {t("cohortView.listSummary", { count: list.total, formatted: n(list.total), flagged: n(list.flagged), threshold: pct(list.threshold) })}
          </p>
          <p className="text-xs text-slate-700" suppressHydrationWarning>
            {t("dashboard.asOf", { time: formatDateTime(list.asOf, i18n.language) })}
          </p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <Link to="/kohort/baru" className={buttonClass("primary")}>
              {t("cohortView.new")}
            </Link>
          </div>
        ) : null}
      </div>

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
                <th scope="col" className={`${cellClass} min-w-24`} aria-sort={list.sort === "stalled" ? "descending" : undefined}>
                  {t("cohortView.stalledShare")}
                </th>
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
                  <td className={`${cellClass} whitespace-nowrap`}>
                    <CountLink value={row.stalled} filters={{ cohort: row.id, stalled: "yes" }} label={t("dashboard.stalledOfLabel", { name: row.name, count: row.stalled })} className="text-red-800" />
                    <span className="text-slate-700"> / {n(row.active)}</span>
                    <span className="block text-xs text-slate-700">{pct(row.share)}</span>
                    <Bar share={row.share} tone="red" />
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
    </div>
  );
}
