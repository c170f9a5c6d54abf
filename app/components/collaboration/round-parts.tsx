// Pieces every results page of a round shares: its heading, a response rate, the groups left out.
import { Link } from "@remix-run/react";
import { useNumber } from "./score";
import { useText } from "~/components/text";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import type { RespondentGroup } from "../../../machines/vocabulary";

export function RoundHeading({ round, asOf, title }: { round: { id: number; name: string; periodStart: string; periodEnd: string; closedAt: number | null }; asOf?: number; title?: string }) {
  const { t, i18n } = useText();
  const period = t("results.period", { from: formatDate(round.periodStart, i18n.language), to: formatDate(round.periodEnd, i18n.language) });
  return (
    <div className="space-y-1">
      <p>
        <Link to={title ? `/kolaborasi/putaran/${round.id}` : "/kolaborasi/hasil"} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {title ? t("results.backToRound", { name: round.name }) : t("results.backToSurvey")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-slate-900">{title ?? t("results.roundTitle", { name: round.name })}</h1>
      <p className="text-sm text-slate-700">{period}</p>
      {asOf !== undefined ? (
        <p className="text-xs text-slate-700" suppressHydrationWarning>
          {t("results.asOf", { time: formatDateTime(asOf, i18n.language) })}
        </p>
      ) : null}
      <p className="text-sm font-semibold text-slate-900">{round.closedAt === null ? t("results.open") : t("results.closed")}</p>
    </div>
  );
}

/** "12 / 40 (30%)": submitted of asked. */
export function RateText({ submitted, asked }: { submitted: number; asked: number }) {
  const { n, pct } = useNumber();
  return (
    <span className="tabular-nums">
      {n(submitted)} / {n(asked)}
      {asked > 0 ? <span className="block text-xs text-slate-700">{pct(submitted / asked)}</span> : null}
    </span>
  );
}

/** Response rate per respondent group. */
export function GroupRates({ groups, caption }: { groups: { group: RespondentGroup; asked: number; submitted: number; drafts: number }[]; caption: string }) {
  const { t } = useText();
  const { n } = useNumber();
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs font-semibold text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">{t("results.group")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("results.submitted")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("results.drafts")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {groups.map((g) => (
            <tr key={g.group}>
              <th scope="row" className="px-3 py-2 font-medium">{t(`results.groups.${g.group}`)}</th>
              <td className="px-3 py-2 text-right" data-testid={`rate-${g.group}`}>
                <RateText submitted={g.submitted} asked={g.asked} />
              </td>
              <td className="px-3 py-2 text-right">{n(g.drafts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Which groups answered but are too few to show apart, and that they count in the total. */
export function HiddenGroups({ groups, min }: { groups: { group: RespondentGroup; respondents: number }[]; min: number }) {
  const { t } = useText();
  const { n } = useNumber();
  if (groups.length === 0) return null;
  return (
    <p className="text-sm text-slate-700">
      {t("results.hiddenGroups", { groups: groups.map((g) => t(`results.groups.${g.group}`)).join(", "), min: n(min) })}
    </p>
  );
}
