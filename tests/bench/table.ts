// One benchmark figure, and the README's table of them.
import { round, type Timing } from "./measure";

export type Row = {
  name: string;
  unit: string;
  median: number;
  p95?: number;
  /** The same work done by better-sqlite3 alone (see record-sql.ts and moves.ts). */
  raw?: { median: number; p95: number };
  /** Ours divided by raw, on the median. */
  ratio?: number;
  /** The goal from the issue, and whether this run met it. */
  goal?: string;
  met?: boolean;
  note?: string;
};

export function timingRow(name: string, ours: Timing, raw: Timing | undefined, goal?: { p95Ms: number; maxRatio: number }): Row {
  const ratio = raw ? round(ours.median / raw.median, 2) : undefined;
  return {
    name,
    unit: "ms",
    median: ours.median,
    p95: ours.p95,
    raw: raw ? { median: raw.median, p95: raw.p95 } : undefined,
    ratio,
    goal: goal ? `p95 < ${goal.p95Ms} ms, ≤ ${goal.maxRatio}× raw` : undefined,
    met: goal ? ours.p95 < goal.p95Ms && (ratio === undefined || ratio <= goal.maxRatio) : undefined,
  };
}

const fmt = (value: number | undefined) => (value === undefined ? "" : String(value));

export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    "| what | unit | median | p95 | raw SQL median | raw SQL p95 | ratio | goal | met |",
    "|---|---|---:|---:|---:|---:|---:|---|---|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name}${r.note ? ` (${r.note})` : ""} | ${r.unit} | ${fmt(r.median)} | ${fmt(r.p95)} | ${fmt(r.raw?.median)} | ${fmt(r.raw?.p95)} | ${r.ratio === undefined ? "" : `${r.ratio}×`} | ${r.goal ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`,
    );
  }
  return lines.join("\n");
}
