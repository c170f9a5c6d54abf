// One district's results in a round: indicator and sub-indicator scores in all and per respondent group
// large enough to show, the change since the previous round, the response rate, and beside them the
// district's pipeline (share stalled, stalls opened in the round's period, P1→P7 conversion, median
// time in each stage). Coordinators of its city or the province, and the district's mentors.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BandLegend, useNumber } from "~/components/collaboration/score";
import { GroupRates, HiddenGroups, RoundHeading } from "~/components/collaboration/round-parts";
import { ScoresTable } from "~/components/collaboration/scores-table";
import { useText } from "~/components/text";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { districtView } from "~/modules/collaboration/round-view.server";
import { getDb } from "~/modules/db.server";
import { stageCode } from "../../machines/stages";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  text: ["results"],
  title: (t, data) => (data as { district?: { name: string } }).district?.name ?? t("results.district"),
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator", "mentor"]);
  const roundId = parseId(params.roundId);
  const districtId = parseId(params.districtId);
  const view = roundId === null || districtId === null ? null : districtView(getDb(), user, roundId, districtId);
  if (!view) throw notFound();
  return view;
}

export default function DistrictResults() {
  const { t } = useText();
  const { n, pct } = useNumber();
  const data = useLoaderData<typeof loader>();
  const { scored, pipeline } = data;
  return (
    <div className="space-y-6">
      <RoundHeading round={data.round} asOf={data.asOf} title={data.district.name} />
      <BandLegend bands={data.labels.bands} />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="scores" className="min-w-0 space-y-2 lg:col-span-2">
          <h2 id="scores" className="text-lg font-bold text-slate-900">
            {t("results.scores")}
          </h2>
          <p className="text-sm text-slate-700">
            {t("results.respondentsCount", { count: scored.total.respondents })}
            {data.previous ? ` · ${t("results.changeSince", { name: data.previous.name })}` : ` · ${t("results.noPrevious")}`}
          </p>
          {scored.total.shown ? (
            <ScoresTable labels={data.labels} total={scored.total} groups={scored.groups} change={data.change} caption={t("results.scoresCaption", { name: data.district.name })} />
          ) : (
            <p className="rounded-md border border-slate-300 bg-white p-3 text-sm text-slate-900">{t("results.tooFew", { min: n(data.minGroup) })}</p>
          )}
          {scored.total.shown ? <HiddenGroups groups={scored.hiddenGroups} min={data.minGroup} /> : null}
          <h3 className="pt-2 text-base font-bold text-slate-900">{t("results.responseRate")}</h3>
          <GroupRates groups={data.rate.groups} caption={t("results.responseRate")} />
        </section>
        <section aria-labelledby="pipeline" className="min-w-0 space-y-2">
          <h2 id="pipeline" className="text-lg font-bold text-slate-900">
            {t("results.pipeline")}
          </h2>
          <p className="text-sm text-slate-700">{t("results.pipelineIntro")}</p>
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-slate-700">{t("results.stalledShare")}</dt>
              <dd className="text-xl font-bold text-slate-900">{pipeline.active > 0 ? pct(pipeline.share) : "–"}</dd>
              <dd className="text-xs text-slate-700">{t("results.stalledOfActive", { stalled: n(pipeline.stalled), active: n(pipeline.active) })}</dd>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-slate-700">{t("results.openedInPeriod")}</dt>
              <dd className="text-xl font-bold text-slate-900">{n(pipeline.openedInPeriod)}</dd>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-slate-700">{t("results.conversion")}</dt>
              <dd className="text-xl font-bold text-slate-900">{pipeline.conversion === null ? "–" : pct(pipeline.conversion)}</dd>
              <dd className="text-xs text-slate-700">{t("results.reachedOf", { reached: n(pipeline.reachedLast), registrants: n(pipeline.registrants) })}</dd>
            </div>
          </dl>
          <h3 className="pt-2 text-base font-bold text-slate-900">{t("results.medians")}</h3>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("results.medians")}</caption>
            <thead className="text-xs text-slate-700">
              <tr>
                <th scope="col" className="py-1">{t("results.stage")}</th>
                <th scope="col" className="py-1 text-right">{t("results.medianWeeks")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {data.medians.map((m) => (
                <tr key={m.stage}>
                  <th scope="row" className="py-1 font-medium" title={t(`stage.${m.stage}`)}>
                    {stageCode(m.stage)}
                  </th>
                  <td className="py-1 text-right">{m.medianWeek === null ? "–" : t("results.weeks", { count: m.medianWeek })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
