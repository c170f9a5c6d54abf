// Timing for the benchmarks: run a function many times after a warm-up and report the median and
// the 95th percentile in milliseconds.
import { performance } from "node:perf_hooks";

export type Timing = { median: number; p95: number; runs: number };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function time(fn: () => unknown, options: { warmup?: number; runs?: number; maxMs?: number } = {}): Timing {
  const { warmup = 20, runs = 200, maxMs = 20_000 } = options;
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  const deadline = performance.now() + maxMs;
  for (let i = 0; i < runs && performance.now() < deadline; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), runs: samples.length };
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
