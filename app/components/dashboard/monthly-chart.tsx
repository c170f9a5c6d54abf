// Entries and completions per stage over the last twelve months: one small SVG per stage (pairs of
// bars), described in words for screen readers, and the full table behind a disclosure.
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { formatMonth } from "~/modules/i18n/format";
import type { StageId } from "../../../machines/stages";
import { cellClass, scrollClass, tableClass, theadClass, useNumber } from "./figures";

type Monthly = { months: string[]; stages: { stage: StageId; entered: number[]; completed: number[] }[] };

const WIDTH = 240;
const HEIGHT = 48;

function Pairs({ entered, completed, max, label }: { entered: number[]; completed: number[]; max: number; label: string }) {
  const slot = WIDTH / entered.length;
  const bar = (value: number) => (value / max) * (HEIGHT - 2);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="h-12 w-full max-w-60">
      {entered.map((value, i) => (
        <g key={i}>
          <rect x={i * slot + 2} y={HEIGHT - bar(value)} width={slot / 2 - 2} height={bar(value)} className="fill-slate-400" />
          <rect x={i * slot + slot / 2} y={HEIGHT - bar(completed[i]!)} width={slot / 2 - 2} height={bar(completed[i]!)} className="fill-brand-600" />
        </g>
      ))}
      <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="stroke-slate-300" />
    </svg>
  );
}

export function MonthlyChart({ monthly }: { monthly: Monthly }) {
  const { t, i18n } = useText();
  const { n } = useNumber();
  const max = Math.max(1, ...monthly.stages.flatMap((s) => [...s.entered, ...s.completed]));
  const first = formatMonth(monthly.months[0]!, i18n.language);
  const last = formatMonth(monthly.months[monthly.months.length - 1]!, i18n.language);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap gap-4 text-xs text-slate-700">
        <span><span aria-hidden="true" className="mr-1 inline-block h-2 w-3 bg-slate-400" />{t("dashboard.entered")}</span>
        <span><span aria-hidden="true" className="mr-1 inline-block h-2 w-3 bg-brand-600" />{t("dashboard.completed")}</span>
        <span>{t("dashboard.monthRange", { first, last })}</span>
      </p>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {monthly.stages.map((s) => (
          <li key={s.stage} className="rounded-lg border border-slate-200 bg-white p-3">
            <p className="text-xs font-semibold text-slate-700">{stageTitle(t, s.stage)}</p>
            <Pairs
              entered={s.entered}
              completed={s.completed}
              max={max}
              label={t("dashboard.monthlyLabel", { stage: stageTitle(t, s.stage), entered: n(sum(s.entered)), completed: n(sum(s.completed)), first, last })}
            />
            <p className="text-xs text-slate-700">{t("dashboard.monthlyTotals", { entered: n(sum(s.entered)), completed: n(sum(s.completed)) })}</p>
          </li>
        ))}
      </ul>
      <details>
        <summary className="cursor-pointer text-sm font-semibold text-brand-700">{t("dashboard.monthlyTable")}</summary>
        <div className={`${scrollClass} mt-2`}>
          <table className={tableClass}>
            <thead className={theadClass}>
              <tr>
                <th scope="col" className={cellClass}>{t("dashboard.month")}</th>
                {monthly.stages.map((s) => (
                  <th key={s.stage} scope="col" className={`${cellClass} text-right whitespace-nowrap`}>{stageTitle(t, s.stage)}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {monthly.months.map((month, i) => (
                <tr key={month}>
                  <th scope="row" className={`${cellClass} whitespace-nowrap font-medium`}>{formatMonth(month, i18n.language)}</th>
                  {monthly.stages.map((s) => (
                    <td key={s.stage} className={`${cellClass} text-right whitespace-nowrap`}>
                      {t("dashboard.enteredCompleted", { entered: n(s.entered[i]!), completed: n(s.completed[i]!) })}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
