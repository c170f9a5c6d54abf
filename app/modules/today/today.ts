// A mentor's day ("Hari ini"): what needs them, most urgent first, each with its one action and a way
// to reach the person. Shared by the server (today.server.ts) and the page: the kinds, their order,
// the next step a participant is asked to take, and the WhatsApp message that names it.
import type { TFunction } from "i18next";
import type { EvidenceKind, StageId } from "../../../machines/stages";
import { stageCode } from "../../../machines/stages";
import type { WaitsOn } from "../../../machines/vocabulary";
import type { PhoneContact } from "../identity/phone";
import { whatsAppHref } from "../identity/phone";

/**
 * The kinds of item, most urgent first: a follow-up the mentor promised (overdue, then due today),
 * a stall that opened this week, registrations, self-reports and requests to correct one's data
 * (asked on "Data saya") that wait on the mentor, then news:
 * participants handed over to them and outcomes partners recorded.
 */
export const TODAY_KINDS = ["follow-up", "new-stall", "verify", "self-report", "correction", "after-programme", "handover", "outcome"] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

/** A handover stays on the list this long unless something is recorded for the participant first. */
export const HANDOVER_DAYS = 14;
/**
 * A partner's outcome stays on the list this long unless something is recorded for the participant
 * after it. "Since the last visit" is read as this window rather than a stored last-visit time: a
 * page read must not write, and the window needs no new column.
 */
export const OUTCOME_DAYS = 7;
/** At most this many items of one kind are listed (the count says how many there are). */
export const TODAY_KIND_LIMIT = 25;

/** What the participant is asked to do next, from the journey machine's own requirements. */
export type NextStep =
  | { kind: "verify" }
  | { kind: "resubmit" }
  | { kind: "evidence"; stage: StageId; evidence: EvidenceKind; remaining: number }
  | { kind: "complete"; stage: StageId }
  | { kind: "start"; stage: StageId }
  /** A report the entrepreneur sent is waiting for the mentor: the message says it arrived. */
  | { kind: "report-received" }
  | { kind: "none" };

/** How the message greets the person: "Bu Siti" / "Pak Budi" in Bahasa Indonesia, the name in English. */
export type Greeting = { name: string; honorific: "bu" | "pak" | null };

/** Everything the page needs to reach a participant the viewer serves. */
export type Reach = { contact: PhoneContact | null; greeting: Greeting; next: NextStep };

type Base = { participantId: number; fullName: string; businessName: string; reach: Reach };

export type TodayItem = Base &
  (
    | { kind: "follow-up"; followUpOn: string; waitsOn: WaitsOn; overdueDays: number }
    | { kind: "new-stall"; since: number }
    | { kind: "verify"; registeredAt: number }
    | { kind: "self-report"; period: string | null; sentAt: number }
    /** An open request to correct the person's data: answered on /permintaan-data. */
    | { kind: "correction"; requestId: number; requestedAt: number; message: string }
    /** A follow-up after the programme is open (follow-ups/due.ts): the person is asked how the business is doing. */
    | { kind: "after-programme"; monthsAfter: number; dueOn: string }
    | { kind: "handover"; at: number; fromMentor: string | null; reason: string }
    | { kind: "outcome"; at: number; organisation: string; stage: StageId; evidence: string }
  );

export type TodayCounts = Record<TodayKind, number>;

export type TodayList = { items: TodayItem[]; counts: TodayCounts; total: number };

/** The action an item asks for: a message key under "today.action" and where it is done. */
export function itemAction(item: TodayItem): { key: ActionKey; href: string; evidence?: EvidenceKind } {
  const page = `/peserta/${item.participantId}`;
  switch (item.kind) {
    case "follow-up":
      return { key: "followUp", href: page };
    case "verify":
      return { key: "verify", href: page };
    case "self-report":
      return { key: "review", href: `${page}#laporan-mandiri` };
    case "correction":
      return { key: "correction", href: `/permintaan-data#permintaan-${item.requestId}` };
    case "after-programme":
      return { key: "afterProgramme", href: page };
    case "handover":
      return { key: "handover", href: page };
    case "outcome":
      return { key: "outcome", href: page };
    case "new-stall": {
      const next = item.reach.next;
      // The evidence the next step asks for is recorded with the participant page's own form.
      if (next.kind === "evidence") return { key: "record", href: `${page}#actions-heading`, evidence: next.evidence };
      if (next.kind === "complete") return { key: "complete", href: `${page}#actions-heading` };
      return { key: "open", href: page };
    }
  }
}

export type ActionKey = "followUp" | "verify" | "review" | "correction" | "afterProgramme" | "handover" | "outcome" | "record" | "complete" | "open";

type T = TFunction<"common">;

function stageName(t: T, stage: StageId): string {
  return `${stageCode(stage)} ${t(`stage.${stage}`)}`;
}

/** The sentence naming the next step, in the viewer's language ("untuk P3 Pendampingan masih perlu 2 sesi lagi"). */
export function nextStepText(t: T, next: NextStep): string {
  switch (next.kind) {
    case "verify":
      return t("today.next.verify");
    case "resubmit":
      return t("today.next.resubmit");
    case "evidence":
      return t(`today.next.evidence.${next.evidence}`, { stage: stageName(t, next.stage), count: next.remaining });
    case "complete":
      return t("today.next.complete", { stage: stageName(t, next.stage) });
    case "start":
      return t("today.next.start", { stage: stageName(t, next.stage) });
    case "report-received":
      return t("today.next.reportReceived");
    case "none":
      return t("today.next.none");
  }
}

/** "Bu Siti" (id) / "Siti" (en). */
export function greetingName(t: T, greeting: Greeting): string {
  return greeting.honorific ? t(`today.honorific.${greeting.honorific}`, { name: greeting.name }) : greeting.name;
}

/**
 * The WhatsApp message: a greeting, who writes, and the next step. A participant handed over is told
 * that the writer is their new mentor.
 */
export function whatsAppText(t: T, reach: Reach, mentorName: string, options: { handover?: boolean } = {}): string {
  const hello = t("today.message.hello", { name: greetingName(t, reach.greeting) });
  const who = t(options.handover ? "today.message.newMentor" : "today.message.mentor", { mentor: mentorName });
  return `${hello} ${who} ${nextStepText(t, reach.next)}`;
}

/** The wa.me link with the message, or null when the number cannot take one. */
export function whatsAppLink(t: T, reach: Reach, mentorName: string, options: { handover?: boolean } = {}): string | null {
  if (!reach.contact?.whatsApp) return null;
  return whatsAppHref(reach.contact.whatsApp, whatsAppText(t, reach, mentorName, options));
}
