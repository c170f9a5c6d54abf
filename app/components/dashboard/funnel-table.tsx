// The P1–P7 funnel as a table: per stage, who reached it (done or waived) and their status now.
// Every count opens the participant list narrowed to exactly those people. The columns are the phases
// the funnel has: the statuses, and "dormant" (counted apart from the active) when it is given.
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import type { ListFilters } from "~/modules/participants/list-filters";
import { STAGES, STATUSES } from "../../../machines/stages";
import { Bar, cellClass, CountLink, scrollClass, tableClass, theadClass, useNumber } from "./figures";

type Column = (typeof STATUSES)[number] | "dormant";

export function FunnelTable({ funnel, registrants, filters = {} }: { funnel: Partial<Record<Column, number>>[]; registrants: number; filters?: ListFilters }) {
  const { t } = useText();
  const { n, pct } = useNumber();
  const columns: Column[] = [...STATUSES, ...(funnel[0] && "dormant" in funnel[0] ? (["dormant"] as const) : [])];
  const label = (c: Column) => (c === "dormant" ? t("dashboard.dormant") : t(`status.${c}`));
  return (
    <div className={scrollClass}>
      <table className={tableClass}>
        <thead className={theadClass}>
          <tr>
            <th scope="col" className={cellClass}>{t("dashboard.stage")}</th>
            <th scope="col" className={cellClass}>{t("dashboard.reached")}</th>
            {columns.map((s) => (
              <th key={s} scope="col" className={`${cellClass} text-right`}>{label(s)}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {STAGES.map((stage, i) => {
            const byStatus = funnel[i]!;
            const reached = columns.reduce((sum, s) => sum + (byStatus[s] ?? 0), 0);
            const share = registrants ? reached / registrants : 0;
            return (
              <tr key={stage}>
                <th scope="row" className={`${cellClass} font-medium whitespace-nowrap`}>{stageTitle(t, stage)}</th>
                <td className={`${cellClass} min-w-32`}>
                  {/* With the dormant counted: no list holds them with the others (the list leaves the dormant out unless asked), so the total is a plain figure and each phase opens its own list. */}
                  {columns.includes("dormant") ? (
                    <span className="font-semibold text-slate-900">{n(reached)}</span>
                  ) : (
                    <CountLink value={reached} filters={{ ...filters, reached: i + 1 }} label={t("dashboard.reachedLabel", { stage: stageTitle(t, stage), count: reached })} />
                  )}{" "}
                  <span className="text-slate-700">({pct(share)})</span>
                  <Bar share={share} />
                </td>
                {columns.map((s) => (
                  <td key={s} className={`${cellClass} text-right`}>
                    <CountLink
                      value={byStatus[s] ?? 0}
                      filters={{ ...filters, reached: i + 1, status: s }}
                      label={t("dashboard.funnelCellLabel", { stage: stageTitle(t, stage), status: label(s), count: byStatus[s] ?? 0 })}
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
