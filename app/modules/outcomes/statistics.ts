// Medians and interquartile ranges for the outcome groups (no means: a few large businesses swing a
// mean by hundreds of percent). Safe for both sides.
//
// Quartile method: linear interpolation between closest ranks, type 7 of Hyndman & Fan (1996), as
// Excel's QUARTILE.INC, R's default and numpy's default compute it: for sorted values x[0..n-1] the
// p-quantile is at position h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median is p = 0.5.

/** Groups with fewer businesses than this are marked: their medians say little and may point at a person. */
export const SMALL_GROUP = 5;

export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("quantile of no values");
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

export type Spread = { count: number; q1: number; median: number; q3: number };

/** The count, quartiles and median of the values; null for none. */
export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75) };
}
