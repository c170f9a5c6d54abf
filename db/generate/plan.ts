// The journey planner: which events happen to a generated participant, and when. It only plans;
// the moves are made and written by write.ts through the journey's own pure function and writer.
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import type { JourneyEvent } from "../../machines/journey";
import { BASELINE_FIELDS, completionEvidence } from "../../machines/journey.requirements";
import type { JourneyRules } from "../../machines/journey.rules";
import { EVIDENCE_KINDS, MIDDLE_STAGES, type EvidenceKind, type MiddleStageId } from "../../machines/stages";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "../../machines/time";
import { LICENCE_TYPES, MARKETING_CHANNELS } from "../../machines/vocabulary";
import { type Random } from "../random";
import { CUT_SHORT_LIFT, EVIDENCE_GAP_DAYS, EVIDENCE_RECORDS, KEEPS_GOING_DAYS, REPORTED_FUNNEL, SHARES, WAIVE_ODDS } from "./shape";
import { padded, type Draft, type PartnerRef, type Partners } from "./population";

// ─── Journey plans ───────────────────────────────────────────────────────────

export type EvidencePlan = { details: Record<string, unknown>; occurredOn: string; organisationId: number | null };
export type Move = { at: number; event: JourneyEvent; evidence?: EvidencePlan; byPartnerStaff?: number };

/**
 * A business's yearly growth rate, the same in each of its reports: a function of its NIK (no draw, so
 * the random stream stays as it was). One in six declines (−5% to −40% a year), the rest grow 10% to
 * 70% a year, a few of them more.
 */
export function businessCourse(nik: string): number {
  let h = 2166136261;
  for (let i = 0; i < nik.length; i++) h = Math.imul(h ^ nik.charCodeAt(i), 16777619) >>> 0;
  const u = (h % 10_000) / 10_000;
  return u < 1 / 6 ? -0.05 - u * 2.1 : 0.1 + (u - 1 / 6) * 0.72 + (u > 0.95 ? 0.3 : 0);
}

/** One event object for every VERIFY: the remembered steps answer it once per state. */
const VERIFY_WITH_BASELINE: JourneyEvent = { type: "VERIFY", baseline: [...BASELINE_FIELDS] };

export const REJECT_REASONS = ["Dokumen rencana usaha belum lengkap", "Foto KTP tidak terbaca", "Surat keterangan lurah belum ada"];
export const HOLD_REASONS = ["Sakit", "Pindah lokasi usaha sementara", "Mengurus keluarga", "Usaha tutup sementara (renovasi)"];
export const WITHDRAW_REASONS = [
  "Usaha ditutup",
  "Bekerja penuh waktu",
  "Tidak dapat dihubungi",
  "Pindah ke luar Jakarta",
  "Tidak melanjutkan program",
];
export const SEND_BACK_REASONS = ["Bukti belum sesuai", "Dokumen izin perlu diperbarui", "Laporan belum lengkap"];
export const WAIVE_REASONS: Record<MiddleStageId, { reason: string; evidence: string }[]> = {
  training: [{ reason: "Sudah mengikuti pelatihan sejenis", evidence: "Sertifikat pelatihan" }],
  mentoring: [{ reason: "Sudah didampingi program lain", evidence: "Surat keterangan pendamping" }],
  licensing: [
    { reason: "Sudah memiliki NIB", evidence: "NIB" },
    { reason: "Sudah memiliki P-IRT", evidence: "Sertifikat P-IRT" },
  ],
  marketing: [{ reason: "Sudah berjualan di marketplace", evidence: "Tautan toko daring" }],
  financial_reporting: [{ reason: "Sudah rutin membuat laporan keuangan", evidence: "Laporan keuangan terakhir" }],
};

export const TRAINING_TOPICS = [
  { topic: "Pemasaran digital", skill: "soft" },
  { topic: "Manajemen usaha", skill: "soft" },
  { topic: "Pencatatan keuangan", skill: "soft" },
  { topic: "Foto produk", skill: "soft" },
  { topic: "Tata boga", skill: "hard" },
  { topic: "Menjahit", skill: "hard" },
  { topic: "Kriya daur ulang", skill: "hard" },
  { topic: "Barista", skill: "hard" },
];
export const MENTORING_TOPICS = [
  "Rencana usaha",
  "Harga pokok produksi",
  "Kemasan",
  "Perizinan",
  "Pemasaran daring",
  "Pembukuan sederhana",
];
export const CAPITAL_PRODUCTS = ["KUR mikro", "KUR kecil", "Kredit modal kerja", "Pembiayaan kelompok"];

/**
 * Plans one participant's moves from registration onward (the walk stops at "now"; only where a
 * journey stops short does "now" shape the plan: in a running cohort, most are still working on
 * their next stage lately). The plan is shaped so that every move is legal when its turn comes:
 * - P1 first: verified after a few days, or rejected (some resubmit and are verified);
 * - P2–P6 overlap: the next stage often starts before the last one is done, and within a stage the
 *   moves keep their order (start, evidence, complete, sometimes sent back and completed again);
 * - the stages a participant finishes are the first `depth` of P2–P6, so the funnel narrows as the
 *   report's does; a participant who stops usually has the next stage (and sometimes another) open;
 * - P7 starts only after P2–P6 are all finished with P6 done (the default readiness rule, which a
 *   fresh database holds);
 * - a pause (on hold, or withdrawn and reinstated) pushes every later move back by its length;
 *   many who stop are withdrawn or put on hold some time after their last move.
 */
export class JourneyPlanner {
  private readonly depthThresholds: number[];
  private readonly capitalDone: number;

  constructor(
    private readonly rng: Random,
    private readonly partners: Partners,
    private readonly rules: JourneyRules,
    private readonly now: number,
  ) {
    // P(reaching stage n | verified) for n = 2 … 6; then P(P7 done | all of P2–P6 finished).
    const verified = 1 - SHARES.rejectedAtP1 * (1 - SHARES.resubmitAfterRejection);
    const reach = (n: number) => Math.min(1, (REPORTED_FUNNEL[n - 1]! * CUT_SHORT_LIFT[n - 1]!) / verified);
    this.depthThresholds = [2, 3, 4, 5, 6].map(reach);
    this.capitalDone = reach(7) / reach(6);
  }

  plan(draft: Draft): Move[] {
    const rng = this.rng;
    const moves: Move[] = [];
    let at = this.later(draft.registeredAt, 1, 10);
    if (rng.chance(SHARES.verificationBacklog)) at = this.later(at, 20, 120);
    if (rng.chance(SHARES.rejectedAtP1)) {
      moves.push({ at, event: { type: "REJECT", reason: rng.pick(REJECT_REASONS) } });
      if (!rng.chance(SHARES.resubmitAfterRejection)) return this.withEnding(moves, draft);
      at = this.later(at, 3, 20);
      moves.push({ at, event: { type: "RESUBMIT" } });
      at = this.later(at, 1, 7);
    }
    // Every draft carries its whole baseline (what the service would read from the record).
    moves.push({ at, event: VERIFY_WITH_BASELINE });

    const depth = this.sampleDepth();
    const goal = depth === 5 ? this.sampleCapitalGoal() : "none";
    let start = this.later(at, 1, 21);
    let lastFinish = at;
    for (let i = 0; i < MIDDLE_STAGES.length; i++) {
      const stage = MIDDLE_STAGES[i]!;
      if (i >= depth) {
        const goingOn = this.keepsGoing(draft);
        this.stopAt(moves, draft, i, goingOn ? Math.max(start, this.lately()) : start, goingOn);
        break;
      }
      const mustBeDone = stage === "financial_reporting" && goal !== "none";
      const finish = this.finishStage(moves, draft, stage, start, mustBeDone);
      lastFinish = Math.max(lastFinish, finish);
      // The next stage starts somewhere between this one's start and a little after its end.
      start = Math.max(start + DAY, start + Math.round((finish - start) * rng.next() * 1.2)) + rng.int(0, 8 * HOUR);
    }
    if (goal !== "none") this.planCapital(moves, draft, this.later(lastFinish, 7, 45), goal === "done");

    moves.sort((a, b) => a.at - b.at); // stable: one stage's moves at the same instant keep their order
    this.insertPause(moves);
    return goal === "done" ? moves : this.withEnding(moves, draft);
  }

  private later(at: number, minDays: number, maxDays: number): number {
    return at + this.rng.int(minDays, maxDays) * DAY + this.rng.int(0, 8 * HOUR);
  }

  /** How many of P2–P6 this participant finishes, in programme order. */
  private sampleDepth(): number {
    const u = this.rng.next();
    let depth = 0;
    while (depth < this.depthThresholds.length && u < this.depthThresholds[depth]!) depth++;
    return depth;
  }

  private sampleCapitalGoal(): "none" | "applying" | "done" {
    const u = this.rng.next();
    return u < this.capitalDone ? "done" : u < this.capitalDone + SHARES.capitalApplying / this.depthThresholds[4]! ? "applying" : "none";
  }

  /** Start, evidence, complete (or a waiver); returns when the stage was finished. */
  private finishStage(moves: Move[], draft: Draft, stage: MiddleStageId, start: number, mustBeDone: boolean): number {
    const rng = this.rng;
    if (draft.track === "naik_kelas" && !mustBeDone && rng.chance(WAIVE_ODDS[stage])) {
      const { reason, evidence } = rng.pick(WAIVE_REASONS[stage]);
      moves.push({ at: start, event: { type: "WAIVE", stage, reason, evidence } });
      return start;
    }
    const [least, most] = EVIDENCE_RECORDS[stage];
    const need = completionEvidence(stage, this.rules).need;
    let at = this.openStage(moves, draft, stage, start, rng.int(Math.max(least, need), Math.max(most, need)));
    at = this.later(at, 0, 5);
    moves.push({ at, event: { type: "COMPLETE", stage } });
    if (stage !== "training" && rng.chance(SHARES.sendBack)) {
      at = this.later(at, 2, 20);
      moves.push({ at, event: { type: "SEND_BACK", stage, reason: rng.pick(SEND_BACK_REASONS) } });
      at = this.later(at, 3, 20);
      moves.push(this.evidenceMove(draft, stage, at));
      at = this.later(at, 0, 3);
      moves.push({ at, event: { type: "COMPLETE", stage } });
    }
    return at;
  }

  /** Starts a stage (by START, or by recording its first evidence) and records `records` pieces. Returns the last move's time. */
  private openStage(moves: Move[], draft: Draft, stage: MiddleStageId, start: number, records: number): number {
    const rng = this.rng;
    let at = start;
    const byEvidence = records > 0 && rng.chance(SHARES.startWithEvidence);
    if (!byEvidence) moves.push({ at, event: { type: "START", stage } });
    for (let k = 0; k < records; k++) {
      if (k > 0 || !byEvidence) at = this.later(at, ...EVIDENCE_GAP_DAYS[stage]);
      moves.push(this.evidenceMove(draft, stage, at));
    }
    return at;
  }

  /** In a running cohort, whether one who stops finishing stages is still working on the next one lately. */
  private keepsGoing(draft: Draft): boolean {
    return draft.cohort.plannedEnd > this.now && this.rng.chance(draft.cohort.keepsGoing);
  }

  /** A moment within the last weeks before "now": a stage opened then is within its time limit. */
  private lately(): number {
    return this.now - this.rng.int(1, KEEPS_GOING_DAYS) * DAY - this.rng.int(0, 8 * HOUR);
  }

  /** Where a journey stops short: the next stage open with part of its evidence, sometimes another stage too. */
  private stopAt(moves: Move[], draft: Draft, index: number, start: number, keepsGoing: boolean): void {
    const rng = this.rng;
    const open = (stage: MiddleStageId, from: number) => {
      const need = completionEvidence(stage, this.rules).need;
      // Some have all the evidence and are only waiting for the mentor to mark the stage done.
      const records = rng.chance(SHARES.forgotToComplete) ? need : rng.int(0, need - 1);
      this.openStage(moves, draft, stage, from, records);
    };
    if (keepsGoing || rng.chance(SHARES.startsNextStage)) open(MIDDLE_STAGES[index]!, start);
    const later = MIDDLE_STAGES.slice(index + 1);
    if (later.length > 0 && rng.chance(SHARES.startsAnotherStage)) open(rng.pick(later), this.later(start, 0, 30));
  }

  private planCapital(moves: Move[], draft: Draft, start: number, completes: boolean): void {
    const rng = this.rng;
    let at = start;
    const lender = rng.pick(this.partners.forStage("capital", draft.cohort.district.id));
    const product = rng.pick(CAPITAL_PRODUCTS);
    const amount = rng.int(5, 100) * 1_000_000;
    const record = (kind: EvidenceKind, details: Record<string, unknown>) =>
      moves.push(this.capitalMove(lender, kind, { lender: lender.name, product, ...details }, at));
    if (rng.chance(0.5)) {
      moves.push({ at, event: { type: "START", stage: "capital" } });
      at = this.later(at, 3, 30);
    }
    record("capital_applied", { amount });
    if (rng.chance(SHARES.capitalRejectedFirst)) {
      at = this.later(at, 14, 45);
      record("capital_rejected", { reason: rng.pick(["Agunan belum memadai", "Riwayat usaha kurang dari 6 bulan"]) });
      at = this.later(at, 14, 60);
      record("capital_applied", { amount: Math.round(amount / 2_000_000) * 1_000_000 || 1_000_000 });
    }
    if (!completes) return;
    at = this.later(at, 14, 45);
    record("capital_approved", { amount });
    if (rng.chance(0.8)) {
      at = this.later(at, 3, 21);
      record("capital_disbursed", { amount });
    }
    at = this.later(at, 0, 5);
    moves.push({ at, event: { type: "COMPLETE", stage: "capital" } });
  }

  /** Some pause midway: on hold, or withdrawn and later reinstated; everything after moves back. */
  private insertPause(moves: Move[]): void {
    const rng = this.rng;
    const u = rng.next();
    if (moves.length < 2 || u >= SHARES.pauseMidway + SHARES.withdrawAndReturn) return;
    const hold = u < SHARES.pauseMidway;
    const split = rng.int(1, moves.length - 1);
    const from = moves[split - 1]!.at + rng.int(1 * HOUR, 2 * DAY);
    const length = rng.int(14, hold ? 90 : 180) * DAY;
    for (let i = split; i < moves.length; i++) moves[i]!.at += length + 2 * DAY;
    const pause: Move[] = hold
      ? [
          { at: from, event: { type: "HOLD", reason: rng.pick(HOLD_REASONS) } },
          { at: from + length, event: { type: "RESUME" } },
        ]
      : [
          { at: from, event: { type: "WITHDRAW", reason: rng.pick(WITHDRAW_REASONS) } },
          { at: from + length, event: { type: "REINSTATE" } },
        ];
    moves.splice(split, 0, ...pause);
  }

  /**
   * Many who stop are withdrawn some months after their last move, the more and the sooner the more
   * diligent their mentor; a few are put on hold; the rest stay active, and stall.
   */
  private withEnding(moves: Move[], draft: Draft): Move[] {
    const rng = this.rng;
    const last = moves.length ? moves[moves.length - 1]!.at : draft.registeredAt;
    const diligence = draft.cohort.mentorDiligence;
    const u = rng.next();
    if (u < diligence) {
      const wait = 30 + Math.round((1 - diligence) * 300);
      moves.push({ at: this.later(last, wait, wait + 120), event: { type: "WITHDRAW", reason: rng.pick(WITHDRAW_REASONS) } });
    } else if (u < diligence + SHARES.holdAtEnd) {
      const held = this.later(last, 3, 60);
      moves.push({ at: held, event: { type: "HOLD", reason: rng.pick(HOLD_REASONS) } });
      if (rng.chance(SHARES.withdrawAfterHold)) {
        moves.push({ at: this.later(held, 60, 240), event: { type: "WITHDRAW", reason: rng.pick(WITHDRAW_REASONS) } });
      }
    }
    return moves;
  }

  private evidenceMove(draft: Draft, stage: MiddleStageId, at: number): Move {
    const rng = this.rng;
    // Mentoring sessions are mostly the mentor's own; every other stage names the partner involved.
    const partner =
      stage === "mentoring" && !rng.chance(0.2) ? undefined : rng.pick(this.partners.forStage(stage, draft.cohort.district.id));
    const kind = EVIDENCE_KINDS[stage][0];
    const move: Move = {
      at,
      event: { type: "RECORD_EVIDENCE", stage, kind },
      evidence: {
        details: this.evidenceDetails(draft, stage, at, partner?.name),
        occurredOn: jakartaDate(at - rng.int(0, 3) * DAY),
        organisationId: partner?.id ?? null,
      },
    };
    // Partners record a share of their own outcomes; mentors record the rest.
    if (partner && rng.chance(0.25)) move.byPartnerStaff = partner.staffUserId;
    return move;
  }

  private capitalMove(lender: PartnerRef, kind: EvidenceKind, details: Record<string, unknown>, at: number): Move {
    return {
      at,
      event: { type: "RECORD_EVIDENCE", stage: "capital", kind },
      evidence: { details, occurredOn: jakartaDate(at), organisationId: lender.id },
      byPartnerStaff: this.rng.chance(0.5) ? lender.staffUserId : undefined,
    };
  }

  private evidenceDetails(draft: Draft, stage: MiddleStageId, at: number, partner: string | undefined): Record<string, unknown> {
    const rng = this.rng;
    switch (stage) {
      case "training": {
        const { topic, skill } = rng.pick(TRAINING_TOPICS);
        return { topic, skill, hours: rng.int(4, 24), partnerName: partner };
      }
      case "mentoring":
        return { topic: rng.pick(MENTORING_TOPICS), mode: rng.chance(0.7) ? "tatap_muka" : "daring" };
      case "licensing": {
        const type = rng.pick(LICENCE_TYPES);
        const number = {
          nib: () => `91200${rng.int(10_000_000, 99_999_999)}`,
          p_irt: () => `P-IRT ${rng.int(1_000_000, 9_999_999)}${padded(rng.int(1, 99), 2)}`,
          halal: () => `ID31110000${rng.int(100_000, 999_999)}`,
          trademark: () => `IDM000${rng.int(100_000, 999_999)}`,
          hki: () => `EC00${rng.int(100_000_000, 999_999_999)}`,
        }[type]();
        return { type, number, issuer: partner };
      }
      case "marketing":
        return { channel: rng.pick(MARKETING_CHANNELS), name: partner };
      case "financial_reporting": {
        // The "after" of the indicators: the business's figures move from its entry figures along its
        // own course (most grow, some decline), each report with a little noise of its own.
        const years = (at - draft.registeredAt) / (365 * DAY);
        const growth = Math.max(0.3, 1 + years * (businessCourse(draft.nik) + (rng.next() - 0.5) * 0.2));
        return {
          period: jakartaDate(at).slice(0, 7),
          turnover: Math.round((draft.entryTurnover * growth) / 100_000) * 100_000,
          assets: Math.round((draft.entryAssets * growth) / 100_000) * 100_000,
          workers: draft.entryWorkers + rng.int(0, Math.ceil(years * 2)),
        };
      }
    }
  }
}
