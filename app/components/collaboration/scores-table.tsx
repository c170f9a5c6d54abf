// A district's or an organisation's scores: each indicator with its sub-indicators below it, the band,
// and (when a previous round is known) the change since. Shown groups get a column each.
import { Fragment } from "react";
import { useText } from "~/components/text";
import type { Changes, GroupScores } from "~/modules/collaboration/results.server";
import type { Labels } from "~/modules/collaboration/round-view.server";
import type { RespondentGroup } from "../../../machines/vocabulary";
import { ScoreCell, useScoreText } from "./score";

export function ScoresTable({
  labels,
  total,
  groups,
  change,
  caption,
}: {
  labels: Labels;
  total: GroupScores;
  groups: (GroupScores & { group: RespondentGroup })[];
  change?: Changes;
  caption: string;
}) {
  const { t } = useText();
  const s = useScoreText();
  const changeCell = (value: number | undefined) => {
    return <td className="px-3 py-2 text-right tabular-nums">{value === undefined ? "–" : s.change(value)}</td>;
  };
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs font-semibold text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">{t("results.indicator")}</th>
            <th scope="col" className="px-3 py-2 text-center">{t("results.score")}</th>
            {change !== undefined ? <th scope="col" className="px-3 py-2 text-right">{t("results.change")}</th> : null}
            {groups.map((g) => (
              <th key={g.group} scope="col" className="px-3 py-2 text-center">
                {t(`results.groups.${g.group}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {labels.indicators.map((indicator, i) => (
            <Fragment key={indicator.id}>
              <tr className="bg-slate-50">
                <th scope="row" className="px-3 py-2 font-semibold">{s.label(indicator)}</th>
                <ScoreCell score={total.indicators[i]?.score ?? null} weak={total.indicators[i]?.weak} bands={labels.bands} className="font-semibold" />
                {change !== undefined ? changeCell(change.indicators[indicator.id]) : null}
                {groups.map((g) => (
                  <ScoreCell key={g.group} score={g.indicators[i]?.score ?? null} weak={g.indicators[i]?.weak} bands={labels.bands} />
                ))}
              </tr>
              {indicator.subs.map((sub, k) => (
                <tr key={sub.id}>
                  <th scope="row" className="px-3 py-2 pl-6 font-normal">{s.label(sub)}</th>
                  <ScoreCell score={total.indicators[i]?.subs[k]?.score ?? null} weak={total.indicators[i]?.subs[k]?.weak} bands={labels.bands} />
                  {change !== undefined ? changeCell(change.subs[sub.id]) : null}
                  {groups.map((g) => (
                    <ScoreCell key={g.group} score={g.indicators[i]?.subs[k]?.score ?? null} weak={g.indicators[i]?.subs[k]?.weak} bands={labels.bands} />
                  ))}
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
