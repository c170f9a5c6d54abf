// How a stage state looks everywhere: colour plus a symbol, so that it never rests on colour alone.
import type { StageState } from "../../../machines/stages";

export const STATE_STYLE: Record<StageState, { box: string; symbol: string }> = {
  submitted: { box: "border-sky-400 bg-sky-50 text-sky-900", symbol: "•" },
  verified: { box: "border-emerald-600 bg-emerald-600 text-white", symbol: "✓" },
  rejected: { box: "border-red-600 bg-red-50 text-red-800", symbol: "✕" },
  not_started: { box: "border-slate-300 bg-white text-slate-500", symbol: "" },
  in_progress: { box: "border-amber-500 bg-amber-100 text-amber-950", symbol: "…" },
  done: { box: "border-emerald-600 bg-emerald-600 text-white", symbol: "✓" },
  waived: { box: "border-slate-400 bg-slate-200 text-slate-700", symbol: "–" },
};

export function stateTextClass(state: StageState): string {
  switch (state) {
    case "done":
    case "verified":
      return "text-emerald-800";
    case "in_progress":
      return "text-amber-900";
    case "rejected":
      return "text-red-800";
    default:
      return "text-slate-600";
  }
}
