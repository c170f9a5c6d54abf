import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { cellClass, CountLink, scrollClass, Section, tableClass, theadClass, useNumber } from "~/components/dashboard/figures";
import { requireRole } from "~/modules/access/guards.server";
import { getIndicators, type IndicatorRow, type IndicatorSums } from "~/modules/dashboard/indicators.server";
import { INDICATOR_COHORT_LIMIT } from "~/modules/dashboard/options";
import { getDb } from "~/modules/db.server";
import { formatDecimal, formatRupiah } from "~/modules/i18n/format";
import type { ListFilters } from "~/modules/participants/list-filters";
import { OutcomeTable } from "~/components/outcomes/outcome-table";
import { outcomeRows } from "~/modules/follow-ups/outcomes.server";
import { outcomeGroups } from "~/modules/outcomes/figures.server";
import { participantScope } from "~/modules/access/scope.server";
import { parseGrouping } from "~/modules/outcomes/groupings";
import type { RouteHandle } from "~/root";
import { followUpRatesByDistrict } from "~/modules/follow-ups/follow-ups.server";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { DistrictFollowUpRates } from "~/components/follow-ups/district-rates";

export const handle: RouteHandle = { title: (t) => t("indicators.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const by = parseGrouping(new URL(request.url).searchParams.get("by"));
  // Everyone with a baseline (medians), the follow-ups' response per district, then the graduates' before and after as before.
  const db = getDb();
  const scope = participantScope(db, user);
  return {
    ...getIndicators(db, user),
    outcomes: { by, ...outcomeGroups(outcomeRows(db, scope), by) },
    afterProgramme: followUpRatesByDistrict(db, scope, jakartaDate()),
  };
}

/** Average before → after and the change, for one measure. */
function Change({ before, after, counted, money }: { before: number; after: number; counted: number; money?: boolean }) {
  const { t, i18n } = useText();
  const { pct } = useNumber();
  if (counted === 0) return <span className="text-slate-500">–</span>;
  const format = (sum: number) => (money ? formatRupiah(Math.round(sum / counted), i18n.language) : formatDecimal(sum / counted, i18n.language));
  const change = before === 0 ? null : (after - before) / before;
  return (
    <span className="whitespace-nowrap">
      {format(before)} → <strong>{format(after)}</strong>
      {change === null ? null : (
        <span className={change >= 0 ? "ml-1 text-emerald-800" : "ml-1 text-red-800"}>
          ({change >= 0 ? "+" : ""}
          {pct(change)})
        </span>
      )}
      <span className="sr-only">{t("indicators.averageOf", { count: counted })}</span>
    </span>
  );
}

function Rows({ rows, filterKey, caption }: { rows: (IndicatorRow | (IndicatorSums & { id: 0; name: string }))[]; filterKey: keyof ListFilters | null; caption: string }) {
  const { t } = useText();
  const { n } = useNumber();
  return (
    <div className={scrollClass}>
      <table className={tableClass}>
        <caption className="sr-only">{caption}</caption>
        <thead className={theadClass}>
          <tr>
            <th scope="col" className={`${cellClass} sticky left-0 bg-slate-50`}>{t("indicators.group")}</th>
            <th scope="col" className={`${cellClass} text-right`}>{t("indicators.graduated")}</th>
            <th scope="col" className={`${cellClass} text-right`}>{t("indicators.counted")}</th>
            <th scope="col" className={cellClass}>{t("indicators.turnover")}</th>
            <th scope="col" className={cellClass}>{t("indicators.assets")}</th>
            <th scope="col" className={cellClass}>{t("indicators.workers")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className={`${cellClass} sticky left-0 bg-white font-medium whitespace-nowrap`}>{row.name}</th>
              <td className={`${cellClass} text-right`}>
                <CountLink value={row.graduated} filters={{ status: "graduated", ...(filterKey ? { [filterKey]: row.id } : {}) }} label={t("indicators.graduatedLabel", { name: row.name, count: row.graduated })} />
              </td>
              <td className={`${cellClass} text-right`}>{n(row.counted)}</td>
              <td className={cellClass}><Change before={row.turnoverBefore} after={row.turnoverAfter} counted={row.counted} money /></td>
              <td className={cellClass}><Change before={row.assetsBefore} after={row.assetsAfter} counted={row.counted} money /></td>
              <td className={cellClass}><Change before={row.workersBefore} after={row.workersAfter} counted={row.counted} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Indicators() {
  const { t } = useText();
  const { n } = useNumber();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("indicators.heading")}</h1>
        <p className="text-sm text-slate-700">{t("indicators.intro")}</p>
      </div>
      <OutcomeTable by={data.outcomes.by} total={data.outcomes.total} groups={data.outcomes.groups} />
      <DistrictFollowUpRates rows={data.afterProgramme} />
      <Rows rows={[{ id: 0, name: t("indicators.all"), ...data.total }]} filterKey={null} caption={t("indicators.all")} />
      <Section id="by-district" title={t("indicators.byDistrict")}>
        <Rows rows={data.districts} filterKey="district" caption={t("indicators.byDistrict")} />
      </Section>
      <Section
        id="by-cohort"
        title={t("indicators.byCohort")}
        intro={data.cohortsTotal > data.cohorts.length ? t("dashboard.largestShown", { count: INDICATOR_COHORT_LIMIT, total: n(data.cohortsTotal) }) : undefined}
      >
        <Rows rows={data.cohorts} filterKey="cohort" caption={t("indicators.byCohort")} />
      </Section>
    </div>
  );
}
