// A partner organisation's results in a round: answers of its own staff and of the entrepreneurs it
// served (referred to it), among the coordinator's districts, in all and per group large enough to show.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BandLegend, useNumber } from "~/components/collaboration/score";
import { HiddenGroups, RoundHeading } from "~/components/collaboration/round-parts";
import { ScoresTable } from "~/components/collaboration/scores-table";
import { useText } from "~/components/text";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { organisationView } from "~/modules/collaboration/round-view.server";
import { getDb } from "~/modules/db.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  text: ["results"],
  title: (t, data) => (data as { organisation?: { name: string } }).organisation?.name ?? t("results.partners"),
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const roundId = parseId(params.roundId);
  const organisationId = parseId(params.organisationId);
  const view = roundId === null || organisationId === null ? null : organisationView(getDb(), user, roundId, organisationId);
  if (!view) throw notFound();
  return view;
}

export default function OrganisationResults() {
  const { t } = useText();
  const { n } = useNumber();
  const data = useLoaderData<typeof loader>();
  const { scored } = data;
  return (
    <div className="space-y-6">
      <RoundHeading round={data.round} title={data.organisation.name} />
      <p className="text-sm text-slate-700">{t("results.partnerIntro")}</p>
      <BandLegend bands={data.labels.bands} />
      <p className="text-sm text-slate-700">
        {t("results.respondentsCount", { count: scored.total.respondents })} ·{" "}
        {t("results.referrals", { referred: n(data.referrals.referred), outcomes: n(data.referrals.withOutcome) })}
      </p>
      {scored.total.shown ? (
        <ScoresTable labels={data.labels} total={scored.total} groups={scored.groups} caption={t("results.scoresCaption", { name: data.organisation.name })} />
      ) : (
        <p className="rounded-md border border-slate-300 bg-white p-3 text-sm text-slate-900">{t("results.tooFew", { min: n(data.minGroup) })}</p>
      )}
      {scored.total.shown ? <HiddenGroups groups={scored.hiddenGroups} min={data.minGroup} /> : null}
    </div>
  );
}
