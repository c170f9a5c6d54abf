// A survey round's results for a coordinator (their city or the province) or a mentor (their
// districts): the district × indicator heat map with each district's response rate and share stalled,
// the process score against the share stalled as a scatter with Pearson's r, and the partner
// organisations. Aggregates only: no page shows a person's answers.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BandLegend, cellClass, ScoreCell, scrollClass, tableClass, theadClass, useNumber, useScoreText } from "~/components/collaboration/score";
import { ScatterChart } from "~/components/collaboration/scatter-chart";
import { RateText, RoundHeading } from "~/components/collaboration/round-parts";
import { useText } from "~/components/text";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { roundOrganisations, roundOverview } from "~/modules/collaboration/round-view.server";
import { correlationStrength } from "~/modules/collaboration/scoring";
import { getDb } from "~/modules/db.server";
import { formatDecimal } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  text: ["results"],
  title: (t, data) => t("results.roundTitle", { name: (data as { round?: { name: string } }).round?.name ?? "" }),
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator", "mentor"]);
  const roundId = parseId(params.roundId);
  const db = getDb();
  const view = roundId === null ? null : roundOverview(db, user, roundId);
  if (!view) throw notFound();
  return { ...view, organisations: roundOrganisations(db, user, view.round.id), canExport: user.role === "coordinator" };
}

export default function RoundResults() {
  const { t, i18n } = useText();
  const { n, pct } = useNumber();
  const s = useScoreText();
  const data = useLoaderData<typeof loader>();
  const { round, labels, districts, scatter } = data;
  const base = `/kolaborasi/putaran/${round.id}`;
  const hidden = districts.filter((d) => !d.scores.shown);
  const merged = districts.filter((d) => d.scores.shown && d.hiddenGroups.length > 0).length;
  const processLabel = labels.indicators[0] ? s.label(labels.indicators[0]) : "";
  const strength = scatter.r === null ? null : correlationStrength(scatter.r);
  return (
    <div className="space-y-6">
      <RoundHeading round={round} asOf={data.asOf} />
      <BandLegend bands={labels.bands} />

      <section aria-labelledby="heat" className="space-y-2">
        <h2 id="heat" className="text-lg font-bold text-slate-900">
          {t("results.heatMap")}
        </h2>
        <p className="text-sm text-slate-700">{t("results.heatMapIntro", { min: n(data.minGroup) })}</p>
        {hidden.length > 0 ? <p className="text-sm text-slate-700">{t("results.districtsHidden", { count: hidden.length, min: n(data.minGroup) })}</p> : null}
        {merged > 0 ? <p className="text-sm text-slate-700">{t("results.groupsMerged", { count: merged, min: n(data.minGroup) })}</p> : null}
        <div className={scrollClass}>
          <table className={tableClass}>
            <caption className="sr-only">{t("results.heatMapCaption")}</caption>
            <thead className={theadClass}>
              <tr>
                <th scope="col" className={`${cellClass} sticky left-0 bg-slate-50`}>
                  {t("results.district")}
                </th>
                <th scope="col" className={`${cellClass} text-right`}>
                  {t("results.responses")}
                </th>
                {labels.indicators.map((indicator) => (
                  <th key={indicator.id} scope="col" className={`${cellClass} text-center`}>
                    {s.label(indicator)}
                  </th>
                ))}
                <th scope="col" className={`${cellClass} text-right`}>
                  {t("results.stalledShare")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {districts.map((d) => (
                <tr key={d.id}>
                  <th scope="row" className={`${cellClass} sticky left-0 bg-white font-medium whitespace-nowrap`}>
                    <Link to={`${base}/kecamatan/${d.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {d.name}
                    </Link>
                  </th>
                  <td className={`${cellClass} text-right whitespace-nowrap`}>
                    <RateText submitted={d.rate.submitted} asked={d.rate.asked} />
                  </td>
                  {d.scores.indicators.map((indicator) => (
                    <ScoreCell key={indicator.id} score={indicator.score} weak={indicator.weak} bands={labels.bands} />
                  ))}
                  <td className={`${cellClass} text-right`}>{d.pipeline.active > 0 ? pct(d.pipeline.share) : "–"}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-slate-300 font-semibold">
              <tr>
                <th scope="row" className={`${cellClass} sticky left-0 bg-white`}>
                  {t("results.total")}
                </th>
                <td className={`${cellClass} text-right`}>{n(data.total.respondents)}</td>
                {data.total.indicators.map((indicator) => (
                  <ScoreCell key={indicator.id} score={indicator.score} weak={indicator.weak} bands={labels.bands} />
                ))}
                <td className={cellClass} />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="scatter" className="space-y-2">
        <h2 id="scatter" className="text-lg font-bold text-slate-900">
          {t("results.scatterTitle", { indicator: processLabel })}
        </h2>
        <p className="text-sm text-slate-700">{t("results.scatterIntro", { indicator: processLabel })}</p>
        {scatter.points.length > 0 ? (
          <ScatterChart
            points={scatter.points}
            title={t("results.scatterTitle", { indicator: processLabel })}
            xLabel={t("results.scatterX", { indicator: processLabel })}
            yLabel={t("results.scatterY")}
          />
        ) : (
          <p className="text-sm text-slate-700">{t("results.scatterEmpty")}</p>
        )}
        <p className="text-sm text-slate-900" data-testid="correlation">
          {scatter.r === null
            ? t("results.correlationNone", { count: scatter.points.length })
            : t("results.correlation", { r: formatDecimal(scatter.r, i18n.language, 2), count: scatter.points.length, strength: t(`results.strength.${strength!}`) })}
        </p>
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">{t("results.caution")}</p>
      </section>

      {data.organisations.length > 0 ? (
        <section aria-labelledby="partners" className="space-y-2">
          <h2 id="partners" className="text-lg font-bold text-slate-900">
            {t("results.partners")}
          </h2>
          <ul className="space-y-1 text-sm">
            {data.organisations.map((o) => (
              <li key={o.id}>
                <Link to={`${base}/mitra/${o.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {o.name}
                </Link>{" "}
                <span className="text-slate-700">{t("results.respondentsCount", { count: o.respondents })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.canExport ? (
        <section aria-labelledby="downloads" className="space-y-2">
          <h2 id="downloads" className="text-lg font-bold text-slate-900">
            {t("results.downloads")}
          </h2>
          <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
            {(["hasil", "jawaban"] as const).map((what) =>
              (["csv", "xlsx"] as const).map((format) => (
                <li key={`${what}-${format}`}>
                  <a href={`${base}/ekspor?isi=${what}&format=${format}`} className="font-medium text-brand-700 underline-offset-2 hover:underline" download>
                    {t(`results.download.${what}`, { format: format.toUpperCase() })}
                  </a>
                </li>
              )),
            )}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
