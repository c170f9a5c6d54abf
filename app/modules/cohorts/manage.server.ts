// Cohorts as coordinators administer them: create, rename or move the intake date, and choose the
// members (participants of the cohort's district and agency) and the mentors (of its agency).
// A coordinator reaches only the cohorts of the districts they administer; anything else is "not
// found". Assigning a participant only sets participants.cohort_id: it is not a journey move, so it
// goes to the audit log, not the transition log. A cohort's name tells it apart within its district:
// a name already used there (in any letter case) is refused on the name field before the unique
// index (cohorts_district_name) would throw.
import { aliasedTable, and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, cohortMentors, cohorts, districts, mentorDistricts, participants, users } from "../../../db/schema";
import type { ParticipantStatus } from "../../../machines/stages";
import { recordAudit } from "../users/audit.server";
import { administersDistrict, districtsAdministered, type Coordinator } from "../users/coordinator-scope.server";
import type { CohortCreateValue, CohortEditValue, CohortExtendValue, MemberIntent } from "./cohort-forms";
import { defaultPlannedEnd, isCohortClosed } from "./lifecycle";
import { loadCohortLengthMonths } from "./lifecycle.server";

/** A refusal tied to one field of a form (message key), or to the whole form (field null). */
export class CohortRefused extends Error {
  constructor(
    readonly field: "name" | "districtId" | "agencyId" | "intakeDate" | "plannedEndOn" | "reason" | null,
    readonly messageKey: string,
  ) {
    super(messageKey);
    this.name = "CohortRefused";
  }
}

export type CohortSummary = {
  id: number;
  name: string;
  districtId: number;
  districtName: string;
  agencyId: number;
  agencyName: string;
  intakeDate: string;
  plannedEndOn: string;
};

export function listAgencies(db: Db): { id: number; name: string }[] {
  return db.select({ id: agencies.id, name: agencies.name }).from(agencies).orderBy(asc(agencies.name)).all();
}

/** The cohort, when the coordinator administers its district; null otherwise (shown as 404). */
export function cohortInScope(db: Db, user: Coordinator, cohortId: number): CohortSummary | null {
  const row = db
    .select({
      id: cohorts.id,
      name: cohorts.name,
      districtId: cohorts.districtId,
      districtName: districts.name,
      agencyId: cohorts.agencyId,
      agencyName: agencies.name,
      intakeDate: cohorts.intakeDate,
      plannedEndOn: cohorts.plannedEndOn,
    })
    .from(cohorts)
    .innerJoin(districts, eq(districts.id, cohorts.districtId))
    .innerJoin(agencies, eq(agencies.id, cohorts.agencyId))
    .where(eq(cohorts.id, cohortId))
    .get();
  if (!row || !administersDistrict(db, user, row.districtId)) return null;
  return row;
}

/** Whether another cohort of the district already has this name (letter case aside). */
function nameTaken(db: Db, districtId: number, name: string, exceptId?: number): boolean {
  const row = db
    .select({ id: cohorts.id })
    .from(cohorts)
    .where(and(eq(cohorts.districtId, districtId), sql`lower(${cohorts.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(cohorts.id, exceptId)))
    .get();
  return row !== undefined;
}

/** Runs a write; the unique index's refusal (another process took the name meanwhile) becomes the name field's. */
function refusingDuplicateName<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") throw new CohortRefused("name", "cohortLifecycle.error.nameTaken");
    throw error;
  }
}

/**
 * Creates the cohort. Its planned end is the one chosen, else the intake plus the cohort length
 * setting (lifecycle.ts). Refusals (CohortRefused) change nothing.
 */
export function createCohort(db: Db, user: Coordinator, value: CohortCreateValue, at = Date.now()): number {
  if (!administersDistrict(db, user, value.districtId)) throw new CohortRefused("districtId", "validation.choose");
  if (!db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, value.agencyId)).get()) {
    throw new CohortRefused("agencyId", "validation.choose");
  }
  return refusingDuplicateName(() =>
    db.transaction((tx) => {
      const t = tx as unknown as Db;
      if (nameTaken(t, value.districtId, value.name)) throw new CohortRefused("name", "cohortLifecycle.error.nameTaken");
      const plannedEndOn = value.plannedEndOn ?? defaultPlannedEnd(value.intakeDate, loadCohortLengthMonths(t));
      const row = t
        .insert(cohorts)
        .values({ name: value.name, districtId: value.districtId, agencyId: value.agencyId, intakeDate: value.intakeDate, plannedEndOn })
        .returning({ id: cohorts.id })
        .get();
      recordAudit(t, { actorUserId: user.id, action: "cohort.created", subject: `cohort:${row.id}`, detail: { ...value, plannedEndOn } }, at);
      return row.id;
    }),
  );
}

/**
 * Renames the cohort and/or moves its intake date; records what changed from what. The planned end
 * stays; an intake on or after it is refused, as is a name another cohort of the district has.
 */
export function updateCohort(db: Db, user: Coordinator, cohortId: number, value: CohortEditValue, at = Date.now()): boolean {
  const before = cohortInScope(db, user, cohortId);
  if (!before) return false;
  if (before.name === value.name && before.intakeDate === value.intakeDate) return true;
  if (value.intakeDate >= before.plannedEndOn) throw new CohortRefused("intakeDate", "cohortLifecycle.error.intakeAfterEnd");
  refusingDuplicateName(() => db.transaction((tx) => {
    if (nameTaken(tx as unknown as Db, before.districtId, value.name, cohortId)) throw new CohortRefused("name", "cohortLifecycle.error.nameTaken");
    tx.update(cohorts).set({ name: value.name, intakeDate: value.intakeDate }).where(eq(cohorts.id, cohortId)).run();
    recordAudit(
      tx as unknown as Db,
      {
        actorUserId: user.id,
        action: "cohort.updated",
        subject: `cohort:${cohortId}`,
        detail: { from: { name: before.name, intakeDate: before.intakeDate }, to: value },
      },
      at,
    );
  }));
  return true;
}

/**
 * Moves the cohort's planned end later, with a reason (audit log "cohort.extended"). A closed cohort
 * whose new end is today or later is open again: closed is derived from the date. Returns false when
 * the cohort is not the coordinator's (404); an end not after the current one is refused on the field.
 */
export function extendCohort(db: Db, user: Coordinator, cohortId: number, value: CohortExtendValue, at = Date.now()): boolean {
  const before = cohortInScope(db, user, cohortId);
  if (!before) return false;
  if (value.plannedEndOn <= before.plannedEndOn) throw new CohortRefused("plannedEndOn", "cohortLifecycle.error.notLater");
  db.transaction((tx) => {
    const changed = tx
      .update(cohorts)
      .set({ plannedEndOn: value.plannedEndOn })
      .where(and(eq(cohorts.id, cohortId), eq(cohorts.plannedEndOn, before.plannedEndOn)))
      .run().changes;
    // Extended by someone else since it was read: the end the form was checked against is gone.
    if (changed === 0) throw new CohortRefused("plannedEndOn", "cohortLifecycle.error.notLater");
    recordAudit(
      tx as unknown as Db,
      {
        actorUserId: user.id,
        action: "cohort.extended",
        subject: `cohort:${cohortId}`,
        detail: {
          from: before.plannedEndOn,
          to: value.plannedEndOn,
          reason: value.reason,
          wasClosed: isCohortClosed(before.plannedEndOn, at),
          reopened: isCohortClosed(before.plannedEndOn, at) && !isCohortClosed(value.plannedEndOn, at),
        },
      },
      at,
    );
  });
  return true;
}

export type CohortMember = { id: number; fullName: string; businessName: string; status: ParticipantStatus };
/** cohortName: the candidate's cohort now, with its district when that is not this cohort's (names repeat across districts). */
export type Candidate = CohortMember & { cohortName: string | null };
export type MentorOption = { id: number; name: string; districts: string };

const CANDIDATE_LIMIT = 20;
const cohortDistrict = aliasedTable(districts, "cohort_district");

/** Participants who may join: the cohort's district and agency, not already in it; searched by name or business. */
function candidateCondition(cohort: CohortSummary) {
  return and(
    eq(participants.districtId, cohort.districtId),
    eq(participants.agencyId, cohort.agencyId),
    or(isNull(participants.cohortId), ne(participants.cohortId, cohort.id)),
  );
}

export function cohortMembers(db: Db, cohort: CohortSummary): CohortMember[] {
  return db
    .select({ id: participants.id, fullName: participants.fullName, businessName: participants.businessName, status: participants.status })
    .from(participants)
    .where(eq(participants.cohortId, cohort.id))
    .orderBy(asc(participants.fullName))
    .all();
}

export function searchCandidates(db: Db, cohort: CohortSummary, query: string): Candidate[] {
  const q = query.trim();
  if (!q) return [];
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      status: participants.status,
      cohortName: cohorts.name,
      cohortDistrictId: cohorts.districtId,
      cohortDistrictName: cohortDistrict.name,
    })
    .from(participants)
    .leftJoin(cohorts, eq(cohorts.id, participants.cohortId))
    .leftJoin(cohortDistrict, eq(cohortDistrict.id, cohorts.districtId))
    .where(
      and(
        candidateCondition(cohort),
        or(sql`${participants.fullName} LIKE ${pattern} ESCAPE '\\'`, sql`${participants.businessName} LIKE ${pattern} ESCAPE '\\'`),
      ),
    )
    .orderBy(asc(participants.fullName))
    .limit(CANDIDATE_LIMIT)
    .all()
    .map(({ cohortDistrictId, cohortDistrictName, ...row }) => ({
      ...row,
      cohortName: row.cohortName !== null && cohortDistrictId !== cohort.districtId ? `${row.cohortName} (${cohortDistrictName})` : row.cohortName,
    }));
}

/** Mentors a coordinator may put on the cohort: active mentors of its agency with a district the coordinator administers. */
function mentorCandidates(db: Db, user: Coordinator, cohort: CohortSummary): MentorOption[] {
  const districtIds = districtsAdministered(db, user).map((d) => d.id);
  const rows = db
    .select({ id: users.id, name: users.name, district: districts.name })
    .from(users)
    .innerJoin(mentorDistricts, eq(mentorDistricts.mentorId, users.id))
    .innerJoin(districts, eq(districts.id, mentorDistricts.districtId))
    .where(
      and(eq(users.role, "mentor"), eq(users.active, true), eq(users.agencyId, cohort.agencyId), inArray(mentorDistricts.districtId, districtIds)),
    )
    .orderBy(asc(users.name), asc(districts.name))
    .all();
  const byId = new Map<number, MentorOption>();
  for (const row of rows) {
    const entry = byId.get(row.id);
    if (entry) entry.districts += `, ${row.district}`;
    else byId.set(row.id, { id: row.id, name: row.name, districts: row.district });
  }
  return [...byId.values()];
}

export function cohortMentorList(db: Db, cohort: CohortSummary): { id: number; name: string }[] {
  return db
    .select({ id: users.id, name: users.name })
    .from(cohortMentors)
    .innerJoin(users, eq(users.id, cohortMentors.mentorId))
    .where(eq(cohortMentors.cohortId, cohort.id))
    .orderBy(asc(users.name))
    .all();
}

/** Mentors that may still be added (candidates not already on the cohort). */
export function mentorsToAdd(db: Db, user: Coordinator, cohort: CohortSummary): MentorOption[] {
  const assigned = new Set(cohortMentorList(db, cohort).map((m) => m.id));
  return mentorCandidates(db, user, cohort).filter((m) => !assigned.has(m.id));
}

/**
 * Adds or removes one member. Returns false when the member is not one this cohort can take (another
 * district or agency, unknown, not a member to remove): the route answers 404 and nothing changes.
 */
export function changeMember(
  db: Db,
  user: Coordinator,
  cohort: CohortSummary,
  intent: MemberIntent,
  memberId: number,
  at = Date.now(),
): boolean {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const audit = (action: string, detail: Record<string, unknown>) =>
      recordAudit(t, { actorUserId: user.id, action, subject: `cohort:${cohort.id}`, detail }, at);
    switch (intent) {
      case "add-participant": {
        const row = t
          .select({ cohortId: participants.cohortId })
          .from(participants)
          .where(and(eq(participants.id, memberId), candidateCondition(cohort)))
          .get();
        if (!row) return false;
        t.update(participants).set({ cohortId: cohort.id }).where(eq(participants.id, memberId)).run();
        audit("cohort.participant_added", { participantId: memberId, fromCohortId: row.cohortId });
        return true;
      }
      case "remove-participant": {
        const changed = t
          .update(participants)
          .set({ cohortId: null })
          .where(and(eq(participants.id, memberId), eq(participants.cohortId, cohort.id)))
          .run().changes;
        if (changed === 0) return false;
        audit("cohort.participant_removed", { participantId: memberId });
        return true;
      }
      case "add-mentor": {
        if (!mentorsToAdd(t, user, cohort).some((m) => m.id === memberId)) return false;
        t.insert(cohortMentors).values({ cohortId: cohort.id, mentorId: memberId }).run();
        audit("cohort.mentor_added", { mentorId: memberId });
        return true;
      }
      case "remove-mentor": {
        const changed = t
          .delete(cohortMentors)
          .where(and(eq(cohortMentors.cohortId, cohort.id), eq(cohortMentors.mentorId, memberId)))
          .run().changes;
        if (changed === 0) return false;
        audit("cohort.mentor_removed", { mentorId: memberId });
        return true;
      }
    }
  });
}
