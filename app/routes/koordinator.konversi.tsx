import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { cellClass, CountLink, FiguresHeading, scrollClass, tableClass, theadClass, useNumber } from "~/components/dashboard/figures";
import { requireRole } from "~/modules/access/guards.server";
import { CONVERSION_BY, CONVERSION_ROW_LIMIT, type ConversionBy } from "~/modules/dashboard/options";
import { getConversion } from "~/modules/dashboard/overview.server";
import { getDb } from "~/modules/db.server";
import type { ListFilters } from "~/modules/participants/list-filters";
import type { RouteHandle } from "~/root";
import { STAGES, stageCode } from "../../machines/stages";

export const handle: RouteHandle = { title: (t) => t("dashboard.conversion") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const raw = new URL(request.url).searchParams.get("by");
  const by = (CONVERSION_BY as readonly string[]).includes(raw ?? "") ? (raw as ConversionBy) : "district";
  return getConversion(getDb(), user, { by });
}

const FILTER: Record<ConversionBy, keyof ListFilters> = { district: "district", agency: "agency", mentor: "mentor", cohort: "cohort" };

export default function ConversionPage() {
  const { t } = useText();
  const { n, pct } = useNumber();
  const { conversion, asOf } = useLoaderData<typeof loader>();
  const by = conversion.by;
  const key = FILTER[by];
  // The stage codes of the columns, and the cell's title by count: once per page, not per cell.
  const codes = STAGES.map(stageCode);
  return (
    <div className="space-y-4">
      <FiguresHeading title={t("dashboard.conversion")} intro={t("dashboard.conversionIntro")} asOf={asOf} />
      <nav aria-label={t("dashboard.conversionBy")} className="flex flex-wrap gap-2">
        {CONVERSION_BY.map((option) => (
          <Link
            key={option}
            to={`/koordinator/konversi?by=${option}`}
            preventScrollReset
            aria-current={option === by ? "true" : undefined}
            className={`rounded-full border px-3 py-1 text-sm font-semibold ${option === by ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
          >
            {t(`dashboard.by.${option}`)}
          </Link>
        ))}
      </nav>
      {conversion.total > conversion.rows.length ? (
        <p className="text-xs text-slate-700">{t("dashboard.largestShown", { count: CONVERSION_ROW_LIMIT, total: n(conversion.total) })}</p>
      ) : null}
      <div className={scrollClass}>
        <table className={tableClass}>
          <caption className="sr-only">{`${t("dashboard.conversion")}: ${t(`dashboard.by.${by}`)}`}</caption>
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={`${cellClass} sticky left-0 bg-slate-50`}>{t(`dashboard.by.${by}`)}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.registrants")}</th>
              {STAGES.map((stage, i) => (
                <th key={stage} scope="col" className={`${cellClass} text-right`} title={t(`stage.${stage}`)}>{codes[i]}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {conversion.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row" className={`${cellClass} sticky left-0 bg-white font-medium whitespace-nowrap`}>{row.name}</th>
                <td className={`${cellClass} text-right`}>
                  <CountLink value={row.registrants} filters={{ [key]: row.id }} label={t("dashboard.registrantsOfLabel", { name: row.name, count: row.registrants })} />
                </td>
                {row.reached.map((reached, i) => (
                  <td key={i} className={`${cellClass} text-right whitespace-nowrap`}>
                    <Link
                      to={`/peserta?${key}=${row.id}&reached=${i + 1}`}
                      className="text-brand-700 underline-offset-2 hover:underline"
                      aria-label={t("dashboard.conversionCellLabel", { name: row.name, stage: codes[i], count: reached })}
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
    </div>
  );
}
