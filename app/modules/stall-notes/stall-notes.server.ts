// Stall notes: a mentor's word on a stalled participant (whom it waits on, when to follow up).
// Invariant: a participant has at most one uncleared note, the current one. Saving a note clears the
// one it replaces in the same transaction; cleared notes stay as history.
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { participants, stallNotes, users, type WaitsOn } from "../../../db/schema";
import { stallReasons, type StallColumns, type StallSettings } from "../journey/stalled";
import { stalledCondition } from "../journey/stalled.server";
import { jakartaDate } from "../i18n/jakarta";
import { followUpState, type FollowUpState, type StallNoteValue } from "./stall-notes";

export type StallNoteRefusal = "not-stalled" | "already-cleared";

export class StallNoteRefused extends Error {
  constructor(readonly code: StallNoteRefusal) {
    super(code);
    this.name = "StallNoteRefused";
  }
}

export type CurrentStallNote = {
  id: number;
  waitsOn: WaitsOn;
  followUpOn: string;
  note: string | null;
  recordedAt: number;
  recordedByName: string | null;
};

export function currentStallNote(db: Db, participantId: number): CurrentStallNote | null {
  return (
    db
      .select({
        id: stallNotes.id,
        waitsOn: stallNotes.waitsOn,
        followUpOn: stallNotes.followUpOn,
        note: stallNotes.note,
        recordedAt: stallNotes.recordedAt,
        recordedByName: users.name,
      })
      .from(stallNotes)
      .leftJoin(users, eq(users.id, stallNotes.recordedBy))
      .where(and(eq(stallNotes.participantId, participantId), isNull(stallNotes.clearedAt)))
      .orderBy(desc(stallNotes.recordedAt), desc(stallNotes.id))
      .limit(1)
      .get() ?? null
  );
}

function isStalled(db: Db, participantId: number, now: number): boolean {
  const stalled = stalledCondition(now);
  return db.select({ id: participants.id }).from(participants).where(and(eq(participants.id, participantId), stalled)).get() !== undefined;
}

/** What the stall note form shows. The caller has checked scope; null when the participant does not exist. */
export function stallNoteStart(db: Db, participantId: number, now = Date.now()) {
  const row = db.select({ fullName: participants.fullName }).from(participants).where(eq(participants.id, participantId)).get();
  if (!row) return null;
  return { fullName: row.fullName, stalled: isStalled(db, participantId, now), current: currentStallNote(db, participantId) };
}

/**
 * Records a note on a stalled participant, replacing the current one. A participant who is not
 * stalled is refused: the note explains a stall, and one without a stall would show in no list and
 * count in no coordinator's blockage figures. The caller has checked scope.
 */
export function saveStallNote(
  db: Db,
  input: { participantId: number; actorUserId: number; value: StallNoteValue; now?: number },
): number {
  const now = input.now ?? Date.now();
  return db.transaction(
    (tx) => {
      if (!isStalled(tx as unknown as Db, input.participantId, now)) throw new StallNoteRefused("not-stalled");
      tx.update(stallNotes)
        .set({ clearedBy: input.actorUserId, clearedAt: now })
        .where(and(eq(stallNotes.participantId, input.participantId), isNull(stallNotes.clearedAt)))
        .run();
      return tx
        .insert(stallNotes)
        .values({
          participantId: input.participantId,
          waitsOn: input.value.waitsOn,
          followUpOn: input.value.followUpOn,
          note: input.value.note || null,
          recordedBy: input.actorUserId,
          recordedAt: now,
        })
        .returning({ id: stallNotes.id })
        .get().id;
    },
    { behavior: "immediate" },
  );
}

/**
 * Marks the current note resolved. Allowed whether or not the participant is still stalled (a note
 * often outlives its stall). Refused when that note is no longer current (cleared or replaced).
 */
export function clearStallNote(db: Db, input: { participantId: number; noteId: number; actorUserId: number; now?: number }): void {
  const cleared = db
    .update(stallNotes)
    .set({ clearedBy: input.actorUserId, clearedAt: input.now ?? Date.now() })
    .where(and(eq(stallNotes.id, input.noteId), eq(stallNotes.participantId, input.participantId), isNull(stallNotes.clearedAt)))
    .run();
  if (cleared.changes !== 1) throw new StallNoteRefused("already-cleared");
}

// ─── For the participant list (expressions over `participants`) ──────────────

const current = (column: string) =>
  sql.raw(
    `(SELECT sn.${column} FROM stall_notes sn WHERE sn.participant_id = participants.id AND sn.cleared_at IS NULL ORDER BY sn.recorded_at DESC, sn.id DESC LIMIT 1)`,
  );

/** The current note's waits-on and follow-up date, as columns of a list query. */
export const currentNoteColumns = {
  noteWaitsOn: sql<WaitsOn | null>`${current("waits_on")}`,
  noteFollowUpOn: sql<string | null>`${current("follow_up_on")}`,
};

export type ListStallNote = { waitsOn: WaitsOn; followUpOn: string; followUp: FollowUpState };

/** A list row's current note, shown only while the row is stalled (a note outliving its stall waits to be cleared). */
export function listStallNote(
  row: StallColumns & { noteWaitsOn: WaitsOn | null; noteFollowUpOn: string | null },
  settings: StallSettings,
  now: number,
): ListStallNote | null {
  if (!row.noteWaitsOn || !row.noteFollowUpOn || stallReasons(row, settings, now).length === 0) return null;
  return { waitsOn: row.noteWaitsOn, followUpOn: row.noteFollowUpOn, followUp: followUpState(row.noteFollowUpOn, jakartaDate(new Date(now))) };
}

/** The participant's current note waits on this. */
export function waitsOnCondition(waitsOn: WaitsOn): SQL {
  return sql`${current("waits_on")} = ${waitsOn}`;
}
