// Who sees a participant's phone number: the mentor who serves them (participants.mentor_id), within
// their scope. Everyone else (another mentor of the same district or agency, a coordinator) keeps
// the mask. The raw number leaves this module only for those participants.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { participants } from "../../../db/schema";
import { phoneContact, type PhoneContact } from "../identity/phone";
import { participantScope, type Viewer } from "../access/scope.server";

/** The ids among `ids` whose phone the viewer may see, with the number; no entry for the others. */
export function servedContacts(db: Db, viewer: Viewer, ids: readonly number[]): Record<number, PhoneContact> {
  const contacts: Record<number, PhoneContact> = {};
  if (viewer.role !== "mentor" || ids.length === 0) return contacts;
  const rows = db
    .select({ id: participants.id, phone: participants.phone })
    .from(participants)
    .where(and(inArray(participants.id, [...ids]), eq(participants.mentorId, viewer.id), participantScope(db, viewer)))
    .all();
  for (const row of rows) {
    const contact = phoneContact(row.phone);
    if (contact) contacts[row.id] = contact;
  }
  return contacts;
}

/** Whether the viewer serves the participant (and so may see the phone in full, in their export too). */
export function servesParticipant(viewer: Pick<Viewer, "id" | "role">, mentorId: number | null): boolean {
  return viewer.role === "mentor" && mentorId !== null && mentorId === viewer.id;
}
