// The moves a participant page offers, as plain data both sides understand. Which moves are allowed
// is decided on the server by the journey machine (see moves.server.ts); this file only names them.
import type { Requirement } from "../../../machines/journey.requirements";
import type { JourneyEvent, JourneyEventType } from "../../../machines/journey";
import type { StageId } from "../../../machines/stages";

/** The machine's events a person triggers with a button (evidence has its own form); a test holds them to the machine's. */
export const MOVE_EVENTS = [
  "VERIFY",
  "REJECT",
  "RESUBMIT",
  "START",
  "COMPLETE",
  "WAIVE",
  "SEND_BACK",
  "HOLD",
  "RESUME",
  "WITHDRAW",
  "REINSTATE",
  "REACTIVATE",
] as const satisfies readonly JourneyEventType[];
export type MoveEvent = (typeof MOVE_EVENTS)[number];

export function isMoveEvent(event: string): event is MoveEvent {
  return (MOVE_EVENTS as readonly string[]).includes(event);
}

/** Moves that must say why (the reason goes into the history). */
export const REASON_EVENTS: readonly MoveEvent[] = ["REJECT", "WAIVE", "SEND_BACK", "HOLD", "WITHDRAW"];
/** Moves on one stage. */
export const STAGE_EVENTS: readonly MoveEvent[] = ["START", "COMPLETE", "WAIVE", "SEND_BACK"];

export function needsReason(event: MoveEvent): boolean {
  return REASON_EVENTS.includes(event);
}

export function needsStage(event: MoveEvent): boolean {
  return STAGE_EVENTS.includes(event);
}

/**
 * One move the page may show: allowed (a button), or refused with what is missing (an explanation).
 * Moves refused for structural reasons (completing a stage that is done) are never listed.
 */
export type MoveOption = {
  event: MoveEvent;
  stage: StageId | null;
  allowed: boolean;
  missing: Requirement[];
};

/** The machine event for a move. The stage and reason are checked by the form schema first. */
export function toJourneyEvent(event: MoveEvent, stage: StageId | null | undefined, reason: string | undefined): JourneyEvent {
  const why = reason ?? "";
  const on = stage ?? "registration";
  switch (event) {
    case "VERIFY":
    case "RESUBMIT":
    case "RESUME":
    case "REINSTATE":
      return { type: event };
    case "REACTIVATE":
      // The note is optional: logged when given.
      return reason?.trim() ? { type: event, reason: reason.trim() } : { type: event };
    case "REJECT":
    case "HOLD":
    case "WITHDRAW":
      return { type: event, reason: why };
    case "START":
    case "COMPLETE":
      return { type: event, stage: on };
    case "WAIVE":
    case "SEND_BACK":
      return { type: event, stage: on, reason: why };
  }
}
