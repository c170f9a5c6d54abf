import { describe, expect, it } from "vitest";
import { formatDecimal, formatNumber, formatPercent, formatRupiah } from "./format";

describe("numbers in the reader's language", () => {
  it("writes decimals with a comma in Bahasa Indonesia and a point in English", () => {
    expect(`${formatDecimal(2.6, "id")} → ${formatDecimal(5.66, "id")}`).toBe("2,6 → 5,7");
    expect(`${formatDecimal(2.6, "en")} → ${formatDecimal(5.66, "en")}`).toBe("2.6 → 5.7");
    expect(formatDecimal(3, "id")).toBe("3,0");
  });

  it("groups thousands with a point in Bahasa Indonesia and a comma in English", () => {
    expect(formatNumber(12_500, "id")).toBe("12.500");
    expect(formatNumber(12_500, "en")).toBe("12,500");
  });

  it("writes shares as whole percentages and rupiah without cents", () => {
    expect(formatPercent(0.3, "id")).toBe("30%");
    expect(formatPercent(0.125, "en")).toBe("13%");
    // Intl puts a no-break space after "Rp", so the amount never wraps away from it.
    expect(formatRupiah(25_000_000, "id")).toBe("Rp\u00a025.000.000");
  });
});
