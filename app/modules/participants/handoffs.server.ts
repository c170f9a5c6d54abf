// Handing a participant to another mentor of the same agency and/or another district of the same
// region. Only participants.mentor_id and district_id change: the journey (snapshot, stage columns,
// version, log), the evidence and the stall notes stay on the participant, so what was open moves
// with them.
import { aliasedTable, and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, cities, districts, handoffs, mentorDistricts, participants, users } from "../../../db/schema";
import type { HandoffValue } from "./handoffs";
import { listDistrictsByCity, type DistrictGroup } from "./registration.server";

export type HandoffField = "districtId" | "mentorId" | "form";

/** A refusal tied to a field of the form (or the whole form); its message is a message key. */
export class HandoffRefused extends Error {
  constructor(
    readonly field: HandoffField,
    readonly messageKey: string,
  ) {
    super(messageKey);
    this.name = "HandoffRefused";
  }
}

export type HandoffStart = {
  fullName: string;
  version: number;
  agencyName: string;
  districtId: number;
  districtName: string;
  mentorId: number | null;
  mentorName: string | null;
  /** The districts of the participant's region, by city. */
  districts: DistrictGroup[];
};

const mentor = aliasedTable(users, "mentor");

function participantPlace(db: Db, participantId: number) {
  return db
    .select({
      fullName: participants.fullName,
      version: participants.version,
      agencyId: participants.agencyId,
      agencyName: agencies.name,
      districtId: participants.districtId,
      districtName: districts.name,
      regionId: cities.regionId,
      mentorId: participants.mentorId,
      mentorName: mentor.name,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .innerJoin(cities, eq(cities.id, districts.cityId))
    .innerJoin(agencies, eq(agencies.id, participants.agencyId))
    .leftJoin(mentor, eq(mentor.id, participants.mentorId))
    .where(eq(participants.id, participantId))
    .get();
}

/** The ids of the districts of a region. */
function regionDistrictIds(db: Db, regionId: number): Set<number> {
  const rows = db
    .select({ id: districts.id })
    .from(districts)
    .innerJoin(cities, eq(cities.id, districts.cityId))
    .where(eq(cities.regionId, regionId))
    .all();
  return new Set(rows.map((row) => row.id));
}

/** What the handoff form starts from. The caller has checked scope; null when the participant does not exist. */
export function handoffStart(db: Db, participantId: number): HandoffStart | null {
  const place = participantPlace(db, participantId);
  if (!place) return null;
  const { regionId: _r, agencyId: _a, ...shown } = place;
  const inRegion = regionDistrictIds(db, place.regionId);
  const districts = listDistrictsByCity(db)
    .map((group) => ({ ...group, districts: group.districts.filter((d) => inRegion.has(d.id)) }))
    .filter((group) => group.districts.length > 0);
  return { ...shown, districts };
}

/** The active mentors of the participant's agency assigned to a district: whom they may be handed to there. */
export function handoffMentors(db: Db, participantId: number, districtId: number): { id: number; name: string }[] {
  const place = participantPlace(db, participantId);
  if (!place) return [];
  return db
    .select({ id: users.id, name: users.name })
    .from(mentorDistricts)
    .innerJoin(users, eq(users.id, mentorDistricts.mentorId))
    .where(
      and(
        eq(mentorDistricts.districtId, districtId),
        eq(users.role, "mentor"),
        eq(users.active, true),
        eq(users.agencyId, place.agencyId),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

/**
 * Hands the participant over, in one BEGIN IMMEDIATE transaction: checks, updates mentor and
 * district, appends the handoffs row. Throws HandoffRefused (nothing changed) otherwise.
 *
 * Concurrency: a handoff is not a journey move, so it neither bumps the version nor writes the
 * transition log (the log's versions must stay the sequence of journey events that replay rebuilds).
 * The form still carries what the person saw: the version (a journey move made since then may change
 * their mind) and the district and mentor it was handed from (another handoff meanwhile leaves the
 * version alone). Any difference is refused as stale; the UPDATE repeats the check in its WHERE.
 */
export function handOff(db: Db, input: { participantId: number; actorUserId: number; value: HandoffValue; now?: number }): void {
  const { value } = input;
  db.transaction(
    (tx) => {
      const t = tx as unknown as Db;
      const place = participantPlace(t, input.participantId);
      const seenMentor = value.fromMentorId ?? null;
      if (!place || place.version !== value.version || place.districtId !== value.fromDistrictId || place.mentorId !== seenMentor) {
        throw new HandoffRefused("form", "handoff.errors.stale");
      }
      if (!regionDistrictIds(t, place.regionId).has(value.districtId)) {
        throw new HandoffRefused("districtId", "handoff.errors.district");
      }
      if (!handoffMentors(t, input.participantId, value.districtId).some((m) => m.id === value.mentorId)) {
        throw new HandoffRefused("mentorId", "handoff.errors.mentor");
      }
      if (value.districtId === place.districtId && value.mentorId === place.mentorId) {
        throw new HandoffRefused("form", "handoff.errors.unchanged");
      }
      const updated = t
        .update(participants)
        .set({ mentorId: value.mentorId, districtId: value.districtId })
        .where(
          and(
            eq(participants.id, input.participantId),
            eq(participants.version, place.version),
            eq(participants.districtId, place.districtId),
            place.mentorId === null ? isNull(participants.mentorId) : eq(participants.mentorId, place.mentorId),
          ),
        )
        .run();
      if (updated.changes !== 1) throw new HandoffRefused("form", "handoff.errors.stale");
      t.insert(handoffs)
        .values({
          participantId: input.participantId,
          fromMentorId: place.mentorId,
          toMentorId: value.mentorId,
          fromDistrictId: place.districtId,
          toDistrictId: value.districtId,
          reason: value.reason,
          by: input.actorUserId,
          at: input.now ?? Date.now(),
        })
        .run();
    },
    { behavior: "immediate" },
  );
}

export type HandoffEntry = {
  id: number;
  at: number;
  fromMentorName: string | null;
  toMentorName: string | null;
  fromDistrictName: string;
  toDistrictName: string;
  reason: string;
  byName: string | null;
};

/** The participant's handoffs, newest first. */
export function handoffHistory(db: Db, participantId: number): HandoffEntry[] {
  const fromMentor = aliasedTable(users, "from_mentor");
  const toMentor = aliasedTable(users, "to_mentor");
  const by = aliasedTable(users, "by_user");
  const fromDistrict = aliasedTable(districts, "from_district");
  const toDistrict = aliasedTable(districts, "to_district");
  return db
    .select({
      id: handoffs.id,
      at: handoffs.at,
      fromMentorName: fromMentor.name,
      toMentorName: toMentor.name,
      fromDistrictName: fromDistrict.name,
      toDistrictName: toDistrict.name,
      reason: handoffs.reason,
      byName: by.name,
    })
    .from(handoffs)
    .innerJoin(fromDistrict, eq(fromDistrict.id, handoffs.fromDistrictId))
    .innerJoin(toDistrict, eq(toDistrict.id, handoffs.toDistrictId))
    .leftJoin(fromMentor, eq(fromMentor.id, handoffs.fromMentorId))
    .leftJoin(toMentor, eq(toMentor.id, handoffs.toMentorId))
    .leftJoin(by, eq(by.id, handoffs.by))
    .where(eq(handoffs.participantId, participantId))
    .orderBy(desc(handoffs.at), desc(handoffs.id))
    .all();
}
