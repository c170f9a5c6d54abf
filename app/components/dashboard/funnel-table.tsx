// The P1–P7 funnel as a table: per stage, who reached it (done or waived) and their status now.
// Every count opens the participant list narrowed to exactly those people.
import { useText } from "~/components/text";
import { stageTitle } from "~/components/journey/labels";
import type { ListFilters } from "~/modules/participants/list-filters";
import { STAGES, STATUSES, type ParticipantStatus } from "../../../machines/stages";
import { Bar, cellClass, CountLink, scrollClass, tableClass, theadClass, useNumber } from "./figures";

export function FunnelTable({ funnel, registrants, filters = {} }: { funnel: Record<ParticipantStatus, number>[]; registrants: number; filters?: ListFilters }) {
  const { t } = useText();
  const { pct } = useNumber();
  return (
    <div className={scrollClass}>
      <table className={tableClass}>
        <thead className={theadClass}>
          <tr>
            <th scope="col" className={cellClass}>{t("dashboard.stage")}</th>
            <th scope="col" className={cellClass}>{t("dashboard.reached")}</th>
            {STATUSES.map((s) => (
              <th key={s} scope="col" className={`${cellClass} text-right`}>{t(`status.${s}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {STAGES.map((stage, i) => {
            const byStatus = funnel[i]!;
            const reached = STATUSES.reduce((sum, s) => sum + byStatus[s], 0);
            const share = registrants ? reached / registrants : 0;
            return (
              <tr key={stage}>
                <th scope="row" className={`${cellClass} font-medium whitespace-nowrap`}>{stageTitle(t, stage)}</th>
                <td className={`${cellClass} min-w-32`}>
                  <CountLink value={reached} filters={{ ...filters, reached: i + 1 }} label={t("dashboard.reachedLabel", { stage: stageTitle(t, stage), count: reached })} />{" "}
                  <span className="text-slate-700">({pct(share)})</span>
                  <Bar share={share} />
                </td>
                {STATUSES.map((s) => (
                  <td key={s} className={`${cellClass} text-right`}>
                    <CountLink
                      value={byStatus[s]}
                      filters={{ ...filters, reached: i + 1, status: s }}
                      label={t("dashboard.funnelCellLabel", { stage: stageTitle(t, stage), status: t(`status.${s}`), count: byStatus[s] })}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
