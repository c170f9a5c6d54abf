import { describe, expect, it } from "vitest";
import { FREE_ATTEMPTS, MAX_DELAY_MS, throttleDelayMs } from "./login.server";

describe("throttleDelayMs", () => {
  it("lets the first failures through, then doubles the wait up to five minutes", () => {
    expect(throttleDelayMs(FREE_ATTEMPTS - 1)).toBe(0);
    expect(throttleDelayMs(FREE_ATTEMPTS)).toBe(30_000);
    expect(throttleDelayMs(FREE_ATTEMPTS + 1)).toBe(60_000);
    expect(throttleDelayMs(FREE_ATTEMPTS + 3)).toBe(240_000);
    expect(throttleDelayMs(FREE_ATTEMPTS + 4)).toBe(MAX_DELAY_MS);
    expect(throttleDelayMs(1_000)).toBe(MAX_DELAY_MS);
  });
});
