import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { Bar, cellClass, CountLink, FiguresHeading, scrollClass, tableClass, theadClass, useNumber } from "~/components/dashboard/figures";
import { DirectionText } from "~/components/dashboard/trend";
import { stageTitle } from "~/modules/journey/labels";
import { requireRole } from "~/modules/access/guards.server";
import { getStallMap } from "~/modules/dashboard/overview.server";
import { getDb } from "~/modules/db.server";
import type { RouteHandle } from "~/root";
import { STAGES, stageCode } from "../../machines/stages";

/** The map shows every stall, or only those of the last 30 days (`?tampilan=baru`). */
type MapView = "all" | "new";

export const handle: RouteHandle = { title: (t) => t("dashboard.heatMap") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const view: MapView = new URL(request.url).searchParams.get("tampilan") === "baru" ? "new" : "all";
  const map = getStallMap(getDb(), user);
  // Only the counts of the view shown travel to the page.
  const districts = map.districts.map(({ stalledOpen, stalledNewOpen, ...d }) => ({ ...d, open: view === "new" ? stalledNewOpen : stalledOpen }));
  return {
    view,
    asOf: map.asOf,
    totals: map.totals,
    direction: map.direction,
    districts,
    districtsEmpty: map.districtsEmpty,
    byStage: view === "new" ? map.stalledNewByStage : map.stalledByStage,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const heatClass = (heat: number) => (heat > 0.6 ? "bg-red-700" : heat > 0.3 ? "bg-red-300" : heat > 0 ? "bg-red-100" : "");

/** The stage titles of the columns, once per page rather than once per cell. */
function stageTitles(t: TFunction): string[] {
  return STAGES.map((stage) => stageTitle(t, stage));
}

function Row({ d, view, max, titles }: { d: Data["districts"][number]; view: MapView; max: number; titles: string[] }) {
  const { t } = useText();
  const { n, pct } = useNumber();
  return (
    <tr>
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
      {d.open.map((count, i) => {
        const heat = count / max;
        const stage = STAGES[i]!;
        return (
          <td key={stage} className={`${cellClass} text-center ${heatClass(heat)}`}>
            {count === 0 ? (
              <span className="text-slate-500">0</span>
            ) : view === "new" ? (
              // No list filter gives "stalled within 30 days": the new view's counts are plain figures.
              <span
                className={`font-semibold ${heat > 0.6 ? "text-white" : "text-slate-950"}`}
                aria-label={t("dashboard.heatCellNewLabel", { district: d.name, stage: titles[i], count })}
              >
                {n(count)}
              </span>
            ) : (
              <CountLink
                value={count}
                filters={{ district: d.id, stage, stalled: "yes" }}
                label={t("dashboard.heatCellLabel", { district: d.name, stage: titles[i], count })}
                className={heat > 0.6 ? "text-white" : "text-slate-950"}
              />
            )}
          </td>
        );
      })}
    </tr>
  );
}

export default function StallMapPage() {
  const { t } = useText();
  const { n } = useNumber();
  const data = useLoaderData<typeof loader>();
  const { view } = data;
  const max = Math.max(1, ...data.districts.flatMap((d) => d.open));
  const titles = stageTitles(t);
  return (
    <div className="space-y-4">
      <FiguresHeading title={t("dashboard.heatMap")} intro={t(view === "new" ? "dashboard.heatMapIntroNew" : "dashboard.heatMapIntro")} asOf={data.asOf} />
      <nav aria-label={t("dashboard.mapView")} className="flex flex-wrap gap-2">
        {(["all", "new"] as const).map((option) => (
          <Link
            key={option}
            to={option === "new" ? "/koordinator/peta?tampilan=baru" : "/koordinator/peta"}
            preventScrollReset
            aria-current={option === view ? "true" : undefined}
            className={`rounded-full border px-3 py-1 text-sm font-semibold ${option === view ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
          >
            {t(`dashboard.mapViews.${option}`)}
          </Link>
        ))}
      </nav>
      {data.districtsEmpty > 0 ? <p className="text-xs text-slate-700">{t("dashboard.districtsEmpty", { count: data.districtsEmpty })}</p> : null}
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
            {data.districts.map((d) => (
              <Row key={d.id} d={d} view={view} max={max} titles={titles} />
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-300 font-semibold">
            <tr>
              <th scope="row" className={`${cellClass} sticky left-0 bg-white`}>{t("dashboard.total")}</th>
              <td className={cellClass}>
                <CountLink value={data.totals.stalled} filters={{ stalled: "yes" }} className="text-red-800" />
              </td>
              <td className={`${cellClass} text-right text-red-900`}>{n(data.totals.stalledNew)}</td>
              <td className={`${cellClass} text-xs`}>
                <DirectionText direction={data.direction} />
              </td>
              {data.byStage.map((count, i) => (
                <td key={i} className={`${cellClass} text-center`}>
                  {view === "new" ? (
                    n(count)
                  ) : (
                    <CountLink value={count} filters={{ stage: STAGES[i]!, stalled: "yes" }} label={t("dashboard.stageStalledLabel", { stage: titles[i], count })} />
                  )}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
