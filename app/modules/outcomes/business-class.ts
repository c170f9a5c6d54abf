// A business's class (usaha mikro / kecil / menengah, PP 7/2021 art. 35) from its figures, as pure
// functions of the thresholds in force (kept as data: settings "business_class_thresholds", changed on
// /aturan). Safe for both sides.
//
// The regulation classes a business by "kriteria modal usaha atau hasil penjualan tahunan": capital
// (modal usaha, without land and buildings) or annual sales. When the two disagree we take the higher
// class of the two: a business with Rp800 million of capital and Rp3 billion of sales a year is kecil,
// since its sales alone put it there. A figure not known is left out; with neither, there is no class.
// Annual sales are the monthly turnover (omset) × 12 unless a yearly figure is given.
import { z } from "zod";
import { BUSINESS_CLASSES, type BusinessClass } from "../../../machines/vocabulary";

/** Upper bounds in whole rupiah, inclusive: a business at the bound is still in the class. */
export type ClassBounds = { mikro: number; kecil: number; menengah: number };
export type ClassThresholds = { capital: ClassBounds; annualSales: ClassBounds };

/** PP 7/2021 art. 35 (3) and (5). */
export const PP_7_2021_THRESHOLDS: ClassThresholds = {
  capital: { mikro: 1_000_000_000, kecil: 5_000_000_000, menengah: 10_000_000_000 },
  annualSales: { mikro: 2_000_000_000, kecil: 15_000_000_000, menengah: 50_000_000_000 },
};

export const THRESHOLDS_SETTING_KEY = "business_class_thresholds";

/** The largest bound a coordinator may set: Rp 1 quadrillion, well inside a safe integer. */
export const MAX_BOUND = 1_000_000_000_000_000;

const bounds = z
  .object({
    mikro: z.number().int().min(1).max(MAX_BOUND),
    kecil: z.number().int().min(1).max(MAX_BOUND),
    menengah: z.number().int().min(1).max(MAX_BOUND),
  })
  .refine((b) => b.mikro < b.kecil && b.kecil < b.menengah, { message: "outcomes.thresholds.notIncreasing" });

export const classThresholdsSchema = z.object({ capital: bounds, annualSales: bounds });

/** The stored thresholds, or the regulation's when none are stored or the stored value is unreadable. */
export function readThresholds(stored: string | null | undefined): ClassThresholds {
  if (!stored) return PP_7_2021_THRESHOLDS;
  try {
    const parsed = classThresholdsSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : PP_7_2021_THRESHOLDS;
  } catch {
    return PP_7_2021_THRESHOLDS;
  }
}

export function classRank(value: BusinessClass): number {
  return BUSINESS_CLASSES.indexOf(value);
}

/** The class one figure puts a business in; "besar" above the medium bound. */
export function classByFigure(value: number, b: ClassBounds): BusinessClass {
  if (value <= b.mikro) return "mikro";
  if (value <= b.kecil) return "kecil";
  if (value <= b.menengah) return "menengah";
  return "besar";
}

export type ClassFigures = {
  /** Modal usaha (business capital without land and buildings). */
  capital: number | null;
  /** Omset per month. */
  monthlyTurnover: number | null;
  /** Sales over a year, when given; otherwise monthly turnover × 12. */
  annualSales?: number | null;
};

export function annualSalesOf(figures: ClassFigures): number | null {
  if (figures.annualSales != null) return figures.annualSales;
  return figures.monthlyTurnover == null ? null : figures.monthlyTurnover * 12;
}

/** The business's class: the higher of its class by capital and by annual sales; null with neither figure. */
export function businessClass(figures: ClassFigures, thresholds: ClassThresholds): BusinessClass | null {
  const sales = annualSalesOf(figures);
  const classes: BusinessClass[] = [];
  if (figures.capital != null) classes.push(classByFigure(figures.capital, thresholds.capital));
  if (sales != null) classes.push(classByFigure(sales, thresholds.annualSales));
  if (classes.length === 0) return null;
  return classes.reduce((high, next) => (classRank(next) > classRank(high) ? next : high));
}

/** A point of a business's figures: the baseline or one accepted financial report. */
export type ClassPoint = { on: string; evidenceId: number | null; class: BusinessClass | null };

export type ClassClimb = { from: BusinessClass; to: BusinessClass; on: string; evidenceId: number | null };

/**
 * The climbs in a business's history: each report whose class is above every class before it (the
 * baseline's included). A class reached, lost and reached again is one climb, not two; without a
 * baseline class there is nothing to climb from, so no climb is counted.
 */
export function classClimbs(baseline: BusinessClass | null, reports: readonly ClassPoint[]): ClassClimb[] {
  if (baseline === null) return [];
  const climbs: ClassClimb[] = [];
  let highest = baseline;
  for (const report of reports) {
    if (report.class !== null && classRank(report.class) > classRank(highest)) {
      climbs.push({ from: highest, to: report.class, on: report.on, evidenceId: report.evidenceId });
      highest = report.class;
    }
  }
  return climbs;
}
