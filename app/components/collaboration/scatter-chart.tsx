// Each district's collaboration-process score (x) against its share of active participants stalled
// (y), drawn on the server as SVG: no JavaScript, no inline styles (the CSP drops them), one viewBox
// that scales to the page, so it reads the same at 360 px and at 1280 px. Every point carries its
// district's name; where names would overlap, a name moves to the other side, above or below, and
// when no place is free it is left out of the drawing (the table beside the chart has every figure).
import { useText } from "~/components/text";
import { formatPercent } from "~/modules/i18n/format";
import type { ScatterPoint } from "~/modules/collaboration/round-view.server";
import { useScoreText } from "./score";

const WIDTH = 360;
const HEIGHT = 320;
const PAD = { left: 40, right: 10, top: 12, bottom: 40 };
const FONT = 10;
/** A rough width of a label at FONT px (the SVG has no layout to ask). */
const labelWidth = (text: string) => text.length * FONT * 0.56;

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export type PlacedLabel = { text: string; x: number; y: number; anchor: "start" | "end" | "middle" };

/** Places each label beside its point where it overlaps no other label, point or the frame; null where none fits. */
export function placeLabels(points: { cx: number; cy: number; name: string }[]): (PlacedLabel | null)[] {
  const taken: Box[] = points.map((p) => ({ x: p.cx - 3, y: p.cy - 3, w: 6, h: 6 }));
  return points.map((p) => {
    const w = labelWidth(p.name);
    const candidates: (PlacedLabel & { box: Box })[] = [
      { text: p.name, x: p.cx + 6, y: p.cy + 3, anchor: "start", box: { x: p.cx + 6, y: p.cy - 5, w, h: 10 } },
      { text: p.name, x: p.cx - 6, y: p.cy + 3, anchor: "end", box: { x: p.cx - 6 - w, y: p.cy - 5, w, h: 10 } },
      { text: p.name, x: p.cx, y: p.cy - 7, anchor: "middle", box: { x: p.cx - w / 2, y: p.cy - 15, w, h: 10 } },
      { text: p.name, x: p.cx, y: p.cy + 13, anchor: "middle", box: { x: p.cx - w / 2, y: p.cy + 5, w, h: 10 } },
      { text: p.name, x: p.cx + 4, y: p.cy - 6, anchor: "start", box: { x: p.cx + 4, y: p.cy - 14, w, h: 10 } },
      { text: p.name, x: p.cx + 4, y: p.cy + 12, anchor: "start", box: { x: p.cx + 4, y: p.cy + 4, w, h: 10 } },
      { text: p.name, x: p.cx - 4, y: p.cy - 6, anchor: "end", box: { x: p.cx - 4 - w, y: p.cy - 14, w, h: 10 } },
      { text: p.name, x: p.cx - 4, y: p.cy + 12, anchor: "end", box: { x: p.cx - 4 - w, y: p.cy + 4, w, h: 10 } },
    ];
    const inFrame = (b: Box) => b.x >= PAD.left && b.x + b.w <= WIDTH - PAD.right + 4 && b.y >= 0 && b.y + b.h <= HEIGHT - PAD.bottom;
    const free = candidates.find((c) => inFrame(c.box) && !taken.some((t) => overlaps(t, c.box)));
    if (!free) return null;
    taken.push(free.box);
    const { box: _box, ...label } = free;
    return label;
  });
}

export function ScatterChart({ points, xLabel, yLabel, title }: { points: ScatterPoint[]; xLabel: string; yLabel: string; title: string }) {
  const { t, i18n } = useText();
  const s = useScoreText();
  const language = i18n.language;
  // The score axis spans the districts' scores to the nearest half point (within 1–5), so that close
  // districts stay apart on a phone; its ticks say where it starts.
  const xs = points.map((p) => p.x);
  const xLo = Math.max(1, Math.floor((Math.min(5, ...xs) - 0.1) * 2) / 2);
  const xHi = Math.min(5, Math.max(xLo + 0.5, Math.ceil((Math.max(1, ...xs) + 0.1) * 2) / 2));
  const xTicks = Array.from({ length: Math.round((xHi - xLo) * 2) + 1 }, (_, i) => xLo + i / 2);
  const xOf = (v: number) => PAD.left + ((v - xLo) / (xHi - xLo)) * (WIDTH - PAD.left - PAD.right);
  const yMax = Math.max(0.1, Math.ceil(Math.max(0, ...points.map((p) => p.y)) * 10) / 10);
  const yOf = (v: number) => HEIGHT - PAD.bottom - (v / yMax) * (HEIGHT - PAD.top - PAD.bottom);
  const yTicks = Array.from({ length: 5 }, (_, i) => (yMax * i) / 4);
  const placed = points.map((p) => ({ cx: xOf(p.x), cy: yOf(p.y), name: p.name }));
  // Labels of the points furthest from the middle first: they stand out, and have the most room.
  const order = placed.map((_, i) => i).sort((a, b) => Math.abs(placed[b]!.cy - HEIGHT / 2) - Math.abs(placed[a]!.cy - HEIGHT / 2));
  const labelsInOrder = placeLabels(order.map((i) => placed[i]!));
  const labels = new Map(order.map((i, k) => [i, labelsInOrder[k]]));
  return (
    <figure className="space-y-1">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="scatter-title" className="block h-auto w-full max-w-2xl rounded-lg border border-slate-200 bg-white">
        <title id="scatter-title">{title}</title>
        {xTicks.map((v) => (
          <g key={`x${v}`}>
            <line x1={xOf(v)} x2={xOf(v)} y1={PAD.top} y2={HEIGHT - PAD.bottom} className="stroke-slate-200" strokeWidth="1" />
            <text x={xOf(v)} y={HEIGHT - PAD.bottom + 12} textAnchor="middle" fontSize={FONT} className="fill-slate-700">
              {s.score(Math.round(v * 100))}
            </text>
          </g>
        ))}
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={yOf(v)} y2={yOf(v)} className="stroke-slate-200" strokeWidth="1" />
            <text x={PAD.left - 4} y={yOf(v) + 3} textAnchor="end" fontSize={FONT} className="fill-slate-700">
              {formatPercent(v, language)}
            </text>
          </g>
        ))}
        <text x={(PAD.left + WIDTH - PAD.right) / 2} y={HEIGHT - 8} textAnchor="middle" fontSize={FONT + 1} className="fill-slate-900 font-semibold">
          {xLabel}
        </text>
        <text x={10} y={(PAD.top + HEIGHT - PAD.bottom) / 2} textAnchor="middle" fontSize={FONT + 1} transform={`rotate(-90 10 ${(PAD.top + HEIGHT - PAD.bottom) / 2})`} className="fill-slate-900 font-semibold">
          {yLabel}
        </text>
        {placed.map((p, i) => {
          const label = labels.get(i);
          const point = points[i]!;
          return (
            <g key={point.districtId}>
              <circle cx={p.cx} cy={p.cy} r="3.5" className="fill-brand-700 stroke-white" strokeWidth="1">
                <title>{t("results.scatterPoint", { name: point.name, score: s.score(point.hundredths), share: formatPercent(point.y, language) })}</title>
              </circle>
              {label ? (
                <text x={label.x} y={label.y} textAnchor={label.anchor} fontSize={FONT} className="fill-slate-900">
                  {label.text}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
