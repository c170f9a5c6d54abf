import { describe, expect, it } from "vitest";
import {
  bandOf,
  correlationStrength,
  DEFAULT_BANDS,
  indicatorScore,
  isShown,
  isWeak,
  pearson,
  showScore,
  subIndicatorScore,
  toHundredths,
  type Score,
  type StatementTally,
} from "./scoring";

/** A statement's tally from its raw answers, as the queries bring it. */
const tally = (answers: number[], reverse = false): StatementTally => ({ reverse, sum: answers.reduce((a, b) => a + b, 0), count: answers.length });
/** `count` answers of `value` each. */
const times = (count: number, value: number): number[] => Array.from({ length: count }, () => value);
const score = (num: number, den: number): Score => ({ num: BigInt(num), den: BigInt(den) });
const shown = (s: Score | null) => (s ? toHundredths(s) : null);

describe("sub-indicator and indicator scores (hand-computed)", () => {
  // Three respondents. Dialogue: s1 answered 4, 5, 3; s2 is reverse-scored and answered 2, 1, 4,
  // which count as 4, 5, 2. Trust: s3 answered 5, 4, 4. Commitment: s4 answered 3, 3, 3.
  const dialogue = subIndicatorScore([tally([4, 5, 3]), tally([2, 1, 4], true)]);
  const trust = subIndicatorScore([tally([5, 4, 4])]);
  const commitment = subIndicatorScore([tally([3, 3, 3])]);

  it("scores a sub-indicator as the mean of its statements' answers, reverse statements as 6 − answer", () => {
    // (4 + 5 + 3 + 4 + 5 + 2) / 6 = 23/6 = 3.8333…
    expect(dialogue).toEqual(score(23, 6));
    expect(shown(dialogue)).toBe(383);
    expect(bandOf(dialogue!)?.code).toBe("KB");
    // 13/3 = 4.333…
    expect(shown(trust)).toBe(433);
    expect(bandOf(trust!)?.code).toBe("B");
  });

  it("scores an indicator as the mean of its sub-indicators, not of all its answers", () => {
    const process = indicatorScore([dialogue, trust, commitment]);
    // (23/6 + 26/6 + 18/6) / 3 = 67/18 = 3.7222…; the mean of all twelve answers would be 45/12 = 3.75.
    expect(process).toEqual(score(67, 18));
    expect(shown(process)).toBe(372);
    expect(bandOf(process!)?.code).toBe("KB");
  });

  it("leaves out a sub-indicator nobody answered, and has no score when none was answered", () => {
    expect(subIndicatorScore([tally([])])).toBeNull();
    expect(indicatorScore([trust, null])).toEqual(score(13, 3));
    expect(indicatorScore([null, null])).toBeNull();
  });

  it("counts an all-1 reverse statement as the best answer", () => {
    expect(shown(subIndicatorScore([tally([1, 1, 1, 1, 1], true)]))).toBe(500);
  });
});

describe("two decimals, rounded half up", () => {
  it("rounds 2.675 up to 2.68, where the float's toFixed gives 2.67", () => {
    // 40 answers: 27 threes and 13 twos, 107/40 = 2.675 exactly.
    const s = subIndicatorScore([tally([...times(27, 3), ...times(13, 2)])]);
    expect(s).toEqual(score(107, 40));
    expect((107 / 40).toFixed(2)).toBe("2.67");
    expect(toHundredths(s!)).toBe(268);
  });

  it("rounds 1.005 up to 1.01 and never truncates", () => {
    // 200 answers: 199 ones and one 2, 201/200 = 1.005.
    expect(shown(subIndicatorScore([tally([...times(199, 1), 2])]))).toBe(101);
    // 2/3 of the way: 3.6666… is 3.67, not 3.66.
    expect(toHundredths(score(11, 3))).toBe(367);
    // Just below half: 1.9949… stays 1.99.
    expect(toHundredths(score(19949, 10000))).toBe(199);
  });

  it("rounds an indicator's exact mean, not the mean of rounded sub-indicator scores", () => {
    // 2.5 and 2.8333… → 32/12 = 2.6666… → 2.67 (the rounded 2.50 and 2.83 would average 2.665).
    expect(shown(indicatorScore([score(5, 2), score(17, 6)]))).toBe(267);
  });
});

describe("bands, chosen on the unrounded score", () => {
  it("puts a score of exactly 4.00 in Baik and exactly 1.99 in Sangat Tidak Baik", () => {
    const four = subIndicatorScore([tally([4, 4, 4, 4, 4])]);
    expect(showScore(four)).toMatchObject({ hundredths: 400, band: "B" });
    // 100 answers summing 199: 99 twos and one 1.
    const edge = subIndicatorScore([tally([...times(99, 2), 1])]);
    expect(edge).toEqual(score(199, 100));
    expect(showScore(edge)).toMatchObject({ hundredths: 199, band: "STB" });
  });

  it("keeps 3.995 in Kurang Baik although it is shown as 4.00", () => {
    // 200 answers: 199 fours and one 3, 799/200 = 3.995.
    const s = subIndicatorScore([tally([...times(199, 4), 3])]);
    expect(showScore(s)).toMatchObject({ hundredths: 400, band: "KB" });
  });

  it("gives every band its lower edge: 5.00 SB, 3.00 KB, 2.00 TB, 1.00 STB", () => {
    expect([5, 3, 2, 1].map((v) => bandOf(score(v, 1))?.code)).toEqual(["SB", "KB", "TB", "STB"]);
  });

  it("reads the bands from the instrument's data, not from code", () => {
    const twoBands = [
      { code: "HIGH", minHundredths: 350 },
      { code: "LOW", minHundredths: 100 },
    ];
    expect(bandOf(score(7, 2), twoBands)?.code).toBe("HIGH");
    expect(bandOf(score(349, 100), twoBands)?.code).toBe("LOW");
    expect(bandOf(score(1, 2), twoBands)).toBeNull();
    expect(DEFAULT_BANDS.map((b) => b.code)).toEqual(["SB", "B", "KB", "TB", "STB"]);
  });
});

describe("minimum group size", () => {
  it("shows a group of five or more and calls a score on fewer than five weak", () => {
    expect([4, 5].map(isShown)).toEqual([false, true]);
    expect([0, 4, 5].map(isWeak)).toEqual([true, true, false]);
  });
});

describe("correlation over districts", () => {
  it("is 1 and −1 on a line and 0.5 on a hand-computed set", () => {
    expect(pearson([1, 2, 3, 4].map((x) => ({ x, y: 2 * x + 1 })))).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4].map((x) => ({ x, y: -x })))).toBeCloseTo(-1, 12);
    // x 1 2 3, y 1 3 2: Σdxdy = 1, Σdx² = 2, Σdy² = 2 → 1/2.
    expect(pearson([{ x: 1, y: 1 }, { x: 2, y: 3 }, { x: 3, y: 2 }])).toBeCloseTo(0.5, 12);
  });

  it("is undefined with fewer than three districts or no spread", () => {
    expect(pearson([{ x: 1, y: 1 }, { x: 2, y: 2 }])).toBeNull();
    expect(pearson([1, 2, 3].map((x) => ({ x, y: 0.2 })))).toBeNull();
  });

  it("names its strength in words", () => {
    expect([0.05, -0.2, 0.4, -0.8].map(correlationStrength)).toEqual(["none", "weak", "moderate", "strong"]);
  });
});
