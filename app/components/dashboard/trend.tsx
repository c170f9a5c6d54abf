// Stalls opened and resolved per week (the last twelve): a small SVG of paired bars drawn with
// attributes only (the production CSP drops inline styles), described in words, with the full table
// behind a disclosure. And a cohort's or district's direction in a few words: "↑ 5 baru, 2 selesai".
import { useText } from "~/components/text";
import { formatDate } from "~/modules/i18n/format";
import { cellClass, scrollClass, tableClass, theadClass, useNumber } from "./figures";

type Week = { week: number; start: number; opened: number; resolved: number };
type Direction = { opened: number; resolved: number };

const WIDTH = 360;
const HEIGHT = 80;

/** Where stalls are heading: ↑ more opened than resolved, ↓ fewer, → as many. */
export function arrowOf(d: Direction): "↑" | "↓" | "→" {
  return d.opened > d.resolved ? "↑" : d.opened < d.resolved ? "↓" : "→";
}

export function DirectionText({ direction, className = "" }: { direction: Direction; className?: string }) {
  const { t } = useText();
  const { n } = useNumber();
  const arrow = arrowOf(direction);
  const tone = arrow === "↑" ? "text-red-800" : arrow === "↓" ? "text-emerald-800" : "text-slate-700";
  const text = t("dashboard.direction", { opened: n(direction.opened), resolved: n(direction.resolved) });
  return (
    <span className={`whitespace-nowrap ${tone} ${className}`} title={t(`dashboard.directionTitle.${arrow === "↑" ? "up" : arrow === "↓" ? "down" : "flat"}`)}>
      <span aria-hidden="true">{arrow} </span>
      <span className="sr-only">{t(`dashboard.directionTitle.${arrow === "↑" ? "up" : arrow === "↓" ? "down" : "flat"}`)}: </span>
      {text}
    </span>
  );
}

export function TrendChart({ weeks, id = "trend" }: { weeks: Week[]; id?: string }) {
  const { t, i18n } = useText();
  const { n } = useNumber();
  const max = Math.max(1, ...weeks.flatMap((w) => [w.opened, w.resolved]));
  const slot = WIDTH / weeks.length;
  const bar = (value: number) => (value / max) * (HEIGHT - 2);
  const opened = weeks.reduce((sum, w) => sum + w.opened, 0);
  const resolved = weeks.reduce((sum, w) => sum + w.resolved, 0);
  const first = formatDate(weeks[0]!.start, i18n.language);
  const last = formatDate(weeks[weeks.length - 1]!.start, i18n.language);
  const summary = t("dashboard.trendSummary", { opened: n(opened), resolved: n(resolved), first, last });
  return (
    <div className="space-y-2" data-trend={id}>
      <p className="flex flex-wrap gap-4 text-xs text-slate-700">
        <span><span aria-hidden="true" className="mr-1 inline-block h-2 w-3 bg-red-600" />{t("dashboard.trendOpened")}</span>
        <span><span aria-hidden="true" className="mr-1 inline-block h-2 w-3 bg-emerald-600" />{t("dashboard.trendResolved")}</span>
      </p>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="h-20 w-full max-w-xl rounded border border-slate-200 bg-white">
        {weeks.map((w, i) => (
          <g key={w.week}>
            <rect x={i * slot + 3} y={HEIGHT - bar(w.opened)} width={slot / 2 - 3} height={bar(w.opened)} className="fill-red-600" />
            <rect x={i * slot + slot / 2} y={HEIGHT - bar(w.resolved)} width={slot / 2 - 3} height={bar(w.resolved)} className="fill-emerald-600" />
          </g>
        ))}
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="stroke-slate-300" />
      </svg>
      <p className="text-xs text-slate-700" suppressHydrationWarning>{summary}</p>
      <details>
        <summary className="cursor-pointer text-sm font-semibold text-brand-700">{t("dashboard.trendTable")}</summary>
        <div className={`${scrollClass} mt-2`}>
          <table className={tableClass}>
            <caption className="sr-only">{t("dashboard.trendCaption")}</caption>
            <thead className={theadClass}>
              <tr>
                <th scope="col" className={cellClass}>{t("dashboard.weekOf")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.trendOpened")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.trendResolved")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {weeks.map((w) => (
                <tr key={w.week} data-week={w.week}>
                  <th scope="row" className={`${cellClass} font-medium whitespace-nowrap`} suppressHydrationWarning>{formatDate(w.start, i18n.language)}</th>
                  <td className={`${cellClass} text-right`}>{n(w.opened)}</td>
                  <td className={`${cellClass} text-right`}>{n(w.resolved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
