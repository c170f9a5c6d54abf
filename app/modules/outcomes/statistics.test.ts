import { describe, expect, it } from "vitest";
import { quantile, spread } from "./statistics";

describe("quartiles (type 7, linear interpolation)", () => {
  it("match hand computations", () => {
    // n = 4: positions 0.75, 1.5, 2.25.
    expect(spread([40, 10, 30, 20])).toEqual({ count: 4, q1: 17.5, median: 25, q3: 32.5 });
    // n = 5: positions 1, 2, 3 fall on values.
    expect(spread([5, 1, 4, 2, 3])).toEqual({ count: 5, q1: 2, median: 3, q3: 4 });
    expect(spread([7])).toEqual({ count: 1, q1: 7, median: 7, q3: 7 });
    expect(spread([])).toBeNull();
    expect(quantile([0, 100], 0.9)).toBe(90);
  });
});
