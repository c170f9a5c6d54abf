// The demo's financial reports over time. A participant who will finish P6 and whose cohort began long
// enough ago keeps monthly books from P3 (mentoring) on: each time the walk's clock enters a new
// month, last month's figures are written in the books. P6 opens with P5's (marketing) evidence: the
// mentor records the months kept so far, then each new month's report as it comes, and P6's own at its
// end, so P6 carries reports for several months. Opened no earlier, P6 is done within its time limit
// (at most 72 of its 90 days), so no one is flagged stalled for it. Each business follows its own course from its
// baseline: most grow a little each month, some decline, a few grow fast; some naik kelas businesses
// are established ones whose figures are near the small-business bounds, so a few climb a class
// (micro → small) and the climbs are recorded.
// Its own random stream: the walks' stream, and so every other seeded journey, stays as it was.
import type { Track } from "../machines/stages";
import { DAY_MS as DAY } from "../machines/time";
import { jakartaDate } from "../app/modules/i18n/jakarta";
import { seededRandom, type Random } from "./random";

/** Days from opening the books (P3) to P6 done, at the longest a walk can take (P3 ≤ 109, P4–P6 ≤ 67 each). */
const BOOKS_SPAN_DAYS = 320;

export type Baseline = { entryTurnover: number; entryAssets: number; entryWorkers: number; entryHasNib: boolean };
export type ReportDetails = { period: string; turnover: number; assets: number; workers: number };

function previousMonth(day: string): string {
  const [year, month] = day.slice(0, 7).split("-").map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}

const roundTo = (value: number, unit: number) => Math.max(unit, Math.round(value / unit) * unit);

/** One business's books: its figures month by month from the baseline. */
export class Books {
  private lastPeriod = "";
  private turnover: number;
  private assets: number;
  private workers: number;
  constructor(
    private rng: Random,
    baseline: Baseline,
    private growth: number,
    /** Reports every month from P3 on; otherwise only P6's own report. */
    readonly monthly: boolean,
  ) {
    this.turnover = baseline.entryTurnover;
    this.assets = baseline.entryAssets;
    this.workers = baseline.entryWorkers;
  }

  /** The next month's figures: the business's own course, with a little noise. */
  private advance(): void {
    const drift = this.growth + (this.rng.next() - 0.5) * 0.04;
    this.turnover = roundTo(this.turnover * (1 + drift), 100_000);
    this.assets = roundTo(this.assets * (1 + Math.max(drift, 0) * 0.8 + (this.rng.next() - 0.5) * 0.01), 100_000);
    if (drift > 0.04 && this.rng.chance(0.25)) this.workers++;
    if (drift < -0.02 && this.workers > 1 && this.rng.chance(0.2)) this.workers--;
  }

  private kept: ReportDetails[] = [];

  /** Writes last month's figures in the books when the clock has entered a month not yet written. */
  keep(at: number): void {
    const period = previousMonth(jakartaDate(at));
    if (period > this.lastPeriod) this.kept.push(this.report(period));
  }

  /** The months kept and not yet recorded, last month's included: the reports to record now. */
  due(at: number): ReportDetails[] {
    this.keep(at);
    const due = this.kept;
    this.kept = [];
    return due;
  }

  private report(period: string): ReportDetails {
    this.advance(); // a month or more since the last figures (the baseline's, at first)
    this.lastPeriod = period;
    return { period, turnover: this.turnover, assets: this.assets, workers: this.workers };
  }
}

/** The demo's books and baselines: one stream, apart from the walks'. */
export class DemoBooks {
  private rng: Random = seededRandom(20211106);
  private established = new WeakSet<Baseline>();

  /**
   * The baseline at P1 from the walks' own draws (taken as they always were): a naik kelas business is
   * sometimes an established one, its figures at a larger scale. Workers count the owner; a naik
   * kelas business of some size already has its NIB.
   */
  baseline(track: Track, draws: { turnover: number; assets: number; workers: number }): Baseline {
    const established = track === "naik_kelas" && this.rng.chance(0.45);
    const entryTurnover = draws.turnover * (established ? 6_000_000 : 1_000_000);
    const entryAssets = draws.assets * (established ? 12_500_000 : 1_000_000);
    const baseline = { entryTurnover, entryAssets, entryWorkers: draws.workers, entryHasNib: track === "naik_kelas" && entryTurnover >= 10_000_000 };
    if (established) this.established.add(baseline);
    return baseline;
  }

  /**
   * Books for a participant about to start P3 who will finish P6: monthly when P6 will be done before
   * "now" (so an early P6 never stalls anyone), else P6's own report only.
   */
  open(baseline: Baseline, at: number, now: number): Books {
    const u = this.rng.next();
    // Most grow a little each month, one in five declines, one in ten grows fast; an established naik
    // kelas business, in the programme to grow, grows faster.
    const growth = this.established.has(baseline)
      ? u < 0.1 ? -0.01 - this.rng.next() * 0.02 : 0.03 + this.rng.next() * 0.06
      : u < 0.2 ? -0.01 - this.rng.next() * 0.03 : u < 0.9 ? this.rng.next() * 0.04 : 0.05 + this.rng.next() * 0.05;
    return new Books(this.rng, baseline, growth, at + BOOKS_SPAN_DAYS * DAY < now);
  }
}
