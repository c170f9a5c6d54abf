// Business figures over time (turnover, assets, workers) as three small line charts drawn in SVG on
// the server, with a title and description for screen readers and the same figures as a table.
// Three charts rather than one: rupiah and head counts do not share an axis.
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { dateTimeFormat, formatMonth, formatRupiah, numberFormat } from "~/modules/i18n/format";
import type { FigurePoint } from "~/modules/outcomes/figures.server";

type Measure = "turnover" | "assets" | "workers";
const MEASURES: Measure[] = ["turnover", "assets", "workers"];

const W = 320;
const H = 150;
const PAD = { left: 12, right: 12, top: 30, bottom: 28 };

function compact(measure: Measure, value: number, locale: string, t: TFunction): string {
  if (measure === "workers") return t("self.figures.people", { count: value });
  return numberFormat(locale, { style: "currency", currency: "IDR", currencyDisplay: "narrowSymbol", notation: "compact", maximumFractionDigits: 1 }).format(value);
}

function full(measure: Measure, value: number | null, locale: string, t: TFunction): string {
  if (value === null) return "—";
  return measure === "workers" ? t("self.figures.people", { count: value }) : formatRupiah(value, locale);
}

function periodLabel(point: FigurePoint, locale: string, t: TFunction): string {
  const month = formatMonth(point.period, locale);
  if (point.entry) return t("self.figures.entry", { month });
  if (point.followUp) {
    const label = t("self.figures.followUp", { count: point.followUp.monthsAfter, month });
    return point.followUp.operating ? label : `${label}: ${t("self.figures.closed")}`;
  }
  return month;
}

/** The entry is hollow, a follow-up after the programme green, a report filled. */
function pointClass(point: FigurePoint): string {
  if (point.entry) return "fill-white stroke-brand-700";
  return point.followUp ? "fill-emerald-600 stroke-emerald-800" : "fill-brand-700";
}

function Chart({ measure, points, id }: { measure: Measure; points: FigurePoint[]; id: string }) {
  const { t, i18n } = useText();
  const locale = i18n.language;
  const known = points.map((p, i) => ({ i, value: p[measure] })).filter((p): p is { i: number; value: number } => p.value !== null);
  const name = t(`self.figures.${measure}`);
  if (known.length === 0) return null;
  const max = Math.max(...known.map((p) => p.value), 1);
  const x = (i: number) => (points.length === 1 ? W / 2 : PAD.left + (i * (W - PAD.left - PAD.right)) / (points.length - 1));
  const y = (value: number) => H - PAD.bottom - (value / max) * (H - PAD.top - PAD.bottom);
  const first = known[0]!;
  const last = known[known.length - 1]!;
  // The last value's label sits on the side of its point away from the line coming into it.
  const previous = known[known.length - 2];
  const below = previous !== undefined && previous.value > last.value && y(last.value) + 18 < H - PAD.bottom;
  const labelY = below ? y(last.value) + 18 : y(last.value) - 9;
  const desc = t("self.figures.desc", {
    measure: name,
    from: periodLabel(points[first.i]!, locale, t),
    to: periodLabel(points[last.i]!, locale, t),
    first: full(measure, first.value, locale, t),
    last: full(measure, last.value, locale, t),
    count: known.length,
  });
  const shortMonth = (p: FigurePoint) =>
    dateTimeFormat(locale, { month: "short", year: "2-digit", timeZone: "UTC" }).format(new Date(`${p.period}-01T00:00:00Z`));

  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="text-sm font-semibold text-slate-900">{name}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="mt-1 h-auto w-full">
        <title id={`${id}-title`}>{name}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="stroke-slate-300" strokeWidth={1} />
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top} y2={PAD.top} className="stroke-slate-200" strokeWidth={1} strokeDasharray="3 3" />
        <text x={PAD.left} y={PAD.top - 12} className="fill-slate-600" fontSize={11}>
          {compact(measure, max, locale, t)}
        </text>
        {known.length > 1 ? (
          <polyline
            points={known.map((p) => `${x(p.i)},${y(p.value)}`).join(" ")}
            fill="none"
            className="stroke-brand-700"
            strokeWidth={2.5}
            strokeLinejoin="round"
          />
        ) : null}
        {known.map((p) => (
          <circle key={p.i} cx={x(p.i)} cy={y(p.value)} r={4} className={pointClass(points[p.i]!)} strokeWidth={2} />
        ))}
        <text x={x(last.i)} y={labelY} textAnchor={known.length > 1 ? "end" : "middle"} className="fill-slate-900" fontSize={12} fontWeight={600}>
          {compact(measure, last.value, locale, t)}
        </text>
        <text x={x(0)} y={H - 8} textAnchor={points.length > 1 ? "start" : "middle"} className="fill-slate-600" fontSize={11}>
          {shortMonth(points[0]!)}
        </text>
        {points.length > 1 ? (
          <text x={x(points.length - 1)} y={H - 8} textAnchor="end" className="fill-slate-600" fontSize={11}>
            {shortMonth(points[points.length - 1]!)}
          </text>
        ) : null}
      </svg>
    </figure>
  );
}

export function FiguresChart({ points }: { points: FigurePoint[] }) {
  const { t, i18n } = useText();
  if (points.length === 0) return <p className="text-sm text-slate-600">{t("self.figures.empty")}</p>;
  return (
    // Two columns at most: a chart narrower than about 300 px makes its labels too small to read.
    <div className="grid items-start gap-3 sm:grid-cols-2">
      {MEASURES.map((measure) => (
        <Chart key={measure} measure={measure} points={points} id={`figures-${measure}`} />
      ))}
      <details className="min-w-0 rounded-lg border border-slate-200 bg-white">
        <summary className="min-h-11 px-4 py-3 text-sm font-semibold text-slate-800">{t("self.figures.showTable")}</summary>
        <div className="overflow-x-auto border-t border-slate-200">
          <table className="w-full text-left text-xs sm:text-sm">
            <caption className="sr-only">{t("self.figures.tableCaption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-2 py-2 sm:px-3 font-semibold">
                  {t("self.figures.period")}
                </th>
                {MEASURES.map((m) => (
                  <th key={m} scope="col" className="px-2 py-2 sm:px-3 text-right font-semibold">
                    {t(`self.figures.${m}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {points.map((p, i) => (
                <tr key={i} data-follow-up={p.followUp ? p.followUp.monthsAfter : undefined}>
                  <th scope="row" className="px-2 py-2 sm:px-3 font-medium text-slate-900">
                    {periodLabel(p, i18n.language, t)}
                  </th>
                  {MEASURES.map((m) => (
                    <td key={m} className="px-2 py-2 sm:px-3 text-right whitespace-nowrap text-slate-800" suppressHydrationWarning>
                      {full(m, p[m], i18n.language, t)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {points.some((p) => p.followUp) ? <p className="text-xs text-slate-600 sm:col-span-2">{t("self.figures.followUpNote")}</p> : null}
    </div>
  );
}
