// How the collaboration survey is scored, as the studies it comes from score it. Pure: the queries
// bring sums and counts of answers, this module turns them into scores, bands and a correlation.
//
// Scores are kept as exact fractions of integers (BigInt) until they are shown: a mean such as
// 2.675 is not a binary float, and `toFixed` on the float would print 2.67 where the rule says
// 2.68 (two decimals, rounded half up, never truncated). The band is chosen on the exact score.

/** Answers run from 1 (sangat tidak setuju) to 5 (sangat setuju). */
export const ANSWER_MIN = 1;
export const ANSWER_MAX = 5;
/** A reverse-scored statement counts as 6 − answer, so that 5 always means "good collaboration". */
export const REVERSE_PIVOT = ANSWER_MIN + ANSWER_MAX;

/** Results show only groups of at least this many respondents; a score on fewer is weak. */
export const MIN_GROUP_SIZE = 5;

/** A band of the instrument: the lowest score it takes, in hundredths (400 = 4.00). */
export type Band = { code: string; minHundredths: number };

/** The bands the studies report (5.00–5.99 SB … 0.00–1.99 STB); an instrument carries its own. */
export const DEFAULT_BANDS: readonly Band[] = [
  { code: "SB", minHundredths: 500 },
  { code: "B", minHundredths: 400 },
  { code: "KB", minHundredths: 300 },
  { code: "TB", minHundredths: 200 },
  { code: "STB", minHundredths: 0 },
];

/** An exact score: num / den, den > 0. */
export type Score = { num: bigint; den: bigint };

/** One statement's answers in a group: their sum and how many there are. */
export type StatementTally = { reverse: boolean; sum: number; count: number };

/**
 * A sub-indicator's score: the mean of its statements' answers over the respondents, a
 * reverse-scored statement's answers counted as 6 − answer. Null when nobody answered.
 */
export function subIndicatorScore(statements: readonly StatementTally[]): Score | null {
  let sum = 0n;
  let count = 0n;
  for (const s of statements) {
    if (s.count === 0) continue;
    // Σ(6 − a) over n answers is 6n − Σa.
    sum += s.reverse ? BigInt(REVERSE_PIVOT * s.count - s.sum) : BigInt(s.sum);
    count += BigInt(s.count);
  }
  return count === 0n ? null : { num: sum, den: count };
}

/**
 * An indicator's score: the mean of its sub-indicators' scores (each sub-indicator weighs the same,
 * however many statements it has), over the sub-indicators that have a score. Null when none has.
 */
export function indicatorScore(subScores: readonly (Score | null)[]): Score | null {
  const present = subScores.filter((s): s is Score => s !== null);
  if (present.length === 0) return null;
  // Σ nᵢ/dᵢ over a common denominator, then divided by how many there are.
  let num = 0n;
  let den = 1n;
  for (const s of present) {
    num = num * s.den + s.num * den;
    den = den * s.den;
  }
  return reduce({ num, den: den * BigInt(present.length) });
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduce(score: Score): Score {
  const g = gcd(score.num, score.den);
  return g > 1n ? { num: score.num / g, den: score.den / g } : score;
}

/** The score in hundredths, rounded half up (2.675 → 268, 1.994 → 199, 1.995 → 200). */
export function toHundredths(score: Score): number {
  // floor((100·num/den) + ½) = floor((200·num + den) / (2·den)); scores are never negative.
  return Number((200n * score.num + score.den) / (2n * score.den));
}

/** The score as a float, for drawing and for the correlation (never for what is printed). */
export function toNumber(score: Score): number {
  return Number(score.num) / Number(score.den);
}

/**
 * The band of an exact score: the highest band whose lowest score it reaches. Chosen on the score
 * before rounding, as the studies do: 3.996 is shown as 4.00 and is still Kurang Baik.
 */
export function bandOf(score: Score, bands: readonly Band[] = DEFAULT_BANDS): Band | null {
  let best: Band | null = null;
  for (const band of bands) {
    // score ≥ min/100  ⇔  100·num ≥ min·den
    if (100n * score.num >= BigInt(band.minHundredths) * score.den && (!best || band.minHundredths > best.minHundredths)) best = band;
  }
  return best;
}

/** Whether a figure rests on too few respondents to be read as a group's view. */
export function isWeak(respondents: number): boolean {
  return respondents < MIN_GROUP_SIZE;
}

/** Whether a group is large enough to be shown on its own. */
export function isShown(respondents: number): boolean {
  return respondents >= MIN_GROUP_SIZE;
}

/** A score as it travels to a page: two decimals in hundredths, the band, and the float for charts. */
export type ShownScore = { hundredths: number; band: string | null; value: number };

export function showScore(score: Score | null, bands: readonly Band[] = DEFAULT_BANDS): ShownScore | null {
  if (!score) return null;
  return { hundredths: toHundredths(score), band: bandOf(score, bands)?.code ?? null, value: toNumber(score) };
}

/**
 * Pearson's correlation coefficient of paired values, or null when it is undefined (fewer than
 * three pairs, or either side without any spread).
 */
export function pearson(points: readonly { x: number; y: number }[]): number | null {
  const n = points.length;
  // No spread on either side (checked on the values, not on float sums that are never quite 0).
  if (n < 3 || points.every((p) => p.x === points[0]!.x) || points.every((p) => p.y === points[0]!.y)) return null;
  const meanX = points.reduce((a, p) => a + p.x, 0) / n;
  const meanY = points.reduce((a, p) => a + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    const dx = p.x - meanX;
    const dy = p.y - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** How strong a correlation is, in the words the page uses (|r| < 0.1 none … ≥ 0.5 strong). */
export function correlationStrength(r: number): "none" | "weak" | "moderate" | "strong" {
  const a = Math.abs(r);
  return a < 0.1 ? "none" : a < 0.3 ? "weak" : a < 0.5 ? "moderate" : "strong";
}
