// Business classes at the edges of PP 7/2021's thresholds, how capital and sales combine, and climbs.
import { describe, expect, it } from "vitest";
import { businessClass, classClimbs, PP_7_2021_THRESHOLDS, readThresholds, type ClassPoint } from "./business-class";

const t = PP_7_2021_THRESHOLDS;
const byCapital = (capital: number) => businessClass({ capital, monthlyTurnover: null }, t);
const bySales = (annualSales: number) => businessClass({ capital: null, monthlyTurnover: null, annualSales }, t);

describe("businessClass", () => {
  it("capital: Rp1,000,000,000 is still mikro, one rupiah more is kecil; the same at every bound", () => {
    expect(byCapital(1_000_000_000)).toBe("mikro");
    expect(byCapital(1_000_000_001)).toBe("kecil");
    expect(byCapital(5_000_000_000)).toBe("kecil");
    expect(byCapital(5_000_000_001)).toBe("menengah");
    expect(byCapital(10_000_000_000)).toBe("menengah");
    expect(byCapital(10_000_000_001)).toBe("besar");
    expect(byCapital(0)).toBe("mikro");
  });

  it("annual sales: Rp2 billion mikro, Rp15 billion kecil, Rp50 billion menengah, each bound inclusive", () => {
    expect(bySales(2_000_000_000)).toBe("mikro");
    expect(bySales(2_000_000_001)).toBe("kecil");
    expect(bySales(15_000_000_000)).toBe("kecil");
    expect(bySales(15_000_000_001)).toBe("menengah");
    expect(bySales(50_000_000_000)).toBe("menengah");
    expect(bySales(50_000_000_001)).toBe("besar");
  });

  it("annual sales are the monthly turnover × 12 unless a yearly figure is given", () => {
    // 166,666,667 × 12 = 2,000,000,004: just above the micro bound.
    expect(businessClass({ capital: null, monthlyTurnover: 166_666_666 }, t)).toBe("mikro");
    expect(businessClass({ capital: null, monthlyTurnover: 166_666_667 }, t)).toBe("kecil");
    expect(businessClass({ capital: null, monthlyTurnover: 166_666_667, annualSales: 1_900_000_000 }, t)).toBe("mikro");
  });

  it("takes the higher class when capital and sales disagree, and whichever is known when one is not", () => {
    expect(businessClass({ capital: 800_000_000, monthlyTurnover: 250_000_000 }, t)).toBe("kecil");
    expect(businessClass({ capital: 6_000_000_000, monthlyTurnover: 1_000_000 }, t)).toBe("menengah");
    expect(businessClass({ capital: 2_000_000_000, monthlyTurnover: null }, t)).toBe("kecil");
    expect(businessClass({ capital: null, monthlyTurnover: null }, t)).toBeNull();
  });

  it("reads thresholds a coordinator stored, and the regulation's when none (or nonsense) is stored", () => {
    const lower = { capital: { mikro: 500, kecil: 1000, menengah: 2000 }, annualSales: { mikro: 10, kecil: 20, menengah: 30 } };
    expect(businessClass({ capital: 501, monthlyTurnover: null }, readThresholds(JSON.stringify(lower)))).toBe("kecil");
    expect(readThresholds(null)).toEqual(t);
    expect(readThresholds("{")).toEqual(t);
    expect(readThresholds(JSON.stringify({ ...lower, capital: { mikro: 3, kecil: 2, menengah: 1 } }))).toEqual(t);
  });
});

describe("classClimbs", () => {
  const point = (on: string, value: ClassPoint["class"], evidenceId = 1): ClassPoint => ({ on, evidenceId, class: value });

  it("a climb is a class above every class before it: reaching kecil twice is one climb", () => {
    const reports = [point("2026-02", "mikro"), point("2026-03", "kecil", 2), point("2026-04", "mikro"), point("2026-05", "kecil", 4)];
    expect(classClimbs("mikro", reports)).toEqual([{ from: "mikro", to: "kecil", on: "2026-03", evidenceId: 2 }]);
  });

  it("skipping a class is one climb to the class reached; nothing without a baseline class", () => {
    expect(classClimbs("mikro", [point("2026-06", "menengah", 7)])).toEqual([{ from: "mikro", to: "menengah", on: "2026-06", evidenceId: 7 }]);
    expect(classClimbs(null, [point("2026-06", "menengah")])).toEqual([]);
    expect(classClimbs("kecil", [point("2026-06", "mikro")])).toEqual([]);
  });
});
