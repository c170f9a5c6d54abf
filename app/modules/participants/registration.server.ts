// Registration (P1) from its two channels: self-service on the web and a mentor's walk-in entry at
// the district office. Both create the participant through the journey service's registerParticipant;
// self-registration also creates the person's own account, in the same transaction, so a refused
// registration leaves no account behind.
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, cities, districts, mentorDistricts, participants, users } from "../../../db/schema";
import { normaliseEmail } from "../auth/login.server";
import { hashPassword } from "../auth/password.server";
import { JourneyError } from "../journey/errors";
import { registerParticipant, type RegistrationInput } from "../journey/journey.server";
import { nikHmac } from "../identity/identity.server";
import { isParticipantInScope, type Viewer } from "../access/scope.server";
import {
  documentsStatementOf,
  domicileBasisOf,
  type SelfRegistrationValue,
  type WalkInValue,
} from "./registration";
import { baselineColumns } from "./baseline";

export type RegistrationField = "email" | "nik" | "districtId";

/** A refusal tied to one field of the form; its message is a message key. */
export class RegistrationRefused extends Error {
  constructor(
    readonly field: RegistrationField,
    readonly messageKey: string,
    /** For a taken NIK: the participant already registered with it. */
    readonly existingId?: number,
  ) {
    super(messageKey);
    this.name = "RegistrationRefused";
  }
}

export type DistrictGroup = { city: string; districts: { id: number; name: string }[] };

function groupByCity(rows: { id: number; name: string; city: string }[]): DistrictGroup[] {
  const groups: DistrictGroup[] = [];
  for (const row of rows) {
    let group = groups.at(-1);
    if (group?.city !== row.city) {
      group = { city: row.city, districts: [] };
      groups.push(group);
    }
    group.districts.push({ id: row.id, name: row.name });
  }
  return groups;
}

/** Every district, grouped by city (for the self-registration form). */
export function listDistrictsByCity(db: Db): DistrictGroup[] {
  return groupByCity(
    db
      .select({ id: districts.id, name: districts.name, city: cities.name })
      .from(districts)
      .innerJoin(cities, eq(cities.id, districts.cityId))
      .orderBy(asc(cities.name), asc(districts.name))
      .all(),
  );
}

/** The districts a mentor is assigned to, grouped by city (for the walk-in form). */
export function listMentorDistricts(db: Db, mentorId: number): DistrictGroup[] {
  return groupByCity(
    db
      .select({ id: districts.id, name: districts.name, city: cities.name })
      .from(mentorDistricts)
      .innerJoin(districts, eq(districts.id, mentorDistricts.districtId))
      .innerJoin(cities, eq(cities.id, districts.cityId))
      .where(eq(mentorDistricts.mentorId, mentorId))
      .orderBy(asc(cities.name), asc(districts.name))
      .all(),
  );
}

/**
 * Who serves a web registration from this district: the first agency with a mentor assigned there
 * (lowest agency id, then that agency's first mentor). A district nobody serves yet goes to the
 * first agency, without a mentor, until a coordinator assigns one. Null for an unknown district.
 */
export function servingAgencyOf(db: Db, districtId: number): { agencyId: number; mentorId: number | null } | null {
  const district = db.select({ id: districts.id }).from(districts).where(eq(districts.id, districtId)).get();
  if (!district) return null;
  const mentor = db
    .select({ mentorId: users.id, agencyId: users.agencyId })
    .from(mentorDistricts)
    .innerJoin(users, eq(users.id, mentorDistricts.mentorId))
    .where(and(eq(mentorDistricts.districtId, districtId), eq(users.role, "mentor"), eq(users.active, true), isNotNull(users.agencyId)))
    .orderBy(asc(users.agencyId), asc(users.id))
    .get();
  if (mentor?.agencyId != null) return { agencyId: mentor.agencyId, mentorId: mentor.mentorId };
  const agency = db.select({ id: agencies.id }).from(agencies).orderBy(asc(agencies.id)).get();
  return agency ? { agencyId: agency.id, mentorId: null } : null;
}

function assertNikFree(db: Db, nik: string, agencyId: number, messageKey = "registration.nikTaken"): void {
  const existing = db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.agencyId, agencyId), eq(participants.nikHmac, nikHmac(nik))))
    .get();
  if (existing) throw new RegistrationRefused("nik", messageKey, existing.id);
}

export type ExistingRegistration =
  | { open: true; id: number; fullName: string }
  | { open: false; district: string; city: string };

/**
 * What a mentor is told about the participant a taken NIK belongs to: a link when they may open the
 * record, otherwise only the district office that holds it (no name, no NIK: it is not theirs to see).
 */
export function existingRegistration(db: Db, viewer: Viewer, participantId: number): ExistingRegistration | null {
  const row = db
    .select({ id: participants.id, fullName: participants.fullName, district: districts.name, city: cities.name })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .innerJoin(cities, eq(cities.id, districts.cityId))
    .where(eq(participants.id, participantId))
    .get();
  if (!row) return null;
  return isParticipantInScope(db, viewer, participantId)
    ? { open: true, id: row.id, fullName: row.fullName }
    : { open: false, district: row.district, city: row.city };
}

/** registerParticipant, with its duplicate-NIK refusal turned into a field error. */
function registerOrRefuse(db: Db, input: RegistrationInput, actorUserId: number | null, at: number) {
  try {
    return registerParticipant(db, input, actorUserId, at);
  } catch (error) {
    if (error instanceof JourneyError && error.code === "invalid") throw new RegistrationRefused("nik", "registration.nikTaken");
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

function participantInput(value: WalkInValue) {
  return {
    fullName: value.fullName,
    nik: value.nik,
    phone: value.phone,
    track: value.track,
    domicileBasis: domicileBasisOf(value),
    businessName: value.businessName,
    sector: value.sector,
    documentsStatement: documentsStatementOf(value),
    districtId: value.districtId,
    ...baselineColumns(value),
  };
}

/**
 * Self-registration: creates the account (role entrepreneur, argon2id) and the participant in P1
 * (submitted) in one transaction. Throws RegistrationRefused (nothing stored) for a taken email, an
 * NIK already registered with the serving agency, or an unknown district.
 */
export async function registerSelf(
  db: Db,
  value: SelfRegistrationValue | (Omit<SelfRegistrationValue, "password"> & { passwordHash: string }),
  at = Date.now(),
): Promise<{ userId: number; participantId: number }> {
  const email = normaliseEmail(value.email);
  // Hash before the transaction: a write transaction must stay synchronous. A sign-up waiting for its
  // code was hashed when the form came in (the password itself is never kept).
  const passwordHash = "passwordHash" in value ? value.passwordHash : await hashPassword(value.password);
  try {
    return db.transaction(
      (tx) => {
        const txDb = tx as unknown as Db;
        const serving = servingAgencyOf(txDb, value.districtId);
        if (!serving) throw new RegistrationRefused("districtId", "registration.districtUnknown");
        if (txDb.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
          throw new RegistrationRefused("email", "registration.emailTaken");
        }
        assertNikFree(txDb, value.nik, serving.agencyId);
        const user = txDb
          .insert(users)
          .values({ email, name: value.fullName, role: "entrepreneur", passwordHash, phone: value.phone, createdAt: at })
          .returning({ id: users.id })
          .get();
        const { participantId } = registerOrRefuse(
          txDb,
          { ...participantInput(value), channel: "web", agencyId: serving.agencyId, mentorId: serving.mentorId, userId: user.id },
          user.id,
          at,
        );
        return { userId: user.id, participantId };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    // Two people racing for the same email: the unique index decides, the loser gets the field error.
    if (isUniqueViolation(error) && String((error as Error).message).includes("users.email")) {
      throw new RegistrationRefused("email", "registration.emailTaken");
    }
    throw error;
  }
}

/**
 * A mentor's walk-in entry: only into the mentor's own districts, for the mentor's agency, with the
 * mentor as the participant's mentor. No account is created.
 */
export function registerWalkIn(
  db: Db,
  mentor: { id: number; agencyId: number | null },
  value: WalkInValue,
  at = Date.now(),
): { participantId: number } {
  const assigned = db
    .select({ districtId: mentorDistricts.districtId })
    .from(mentorDistricts)
    .where(and(eq(mentorDistricts.mentorId, mentor.id), eq(mentorDistricts.districtId, value.districtId)))
    .get();
  if (!assigned || mentor.agencyId == null) throw new RegistrationRefused("districtId", "registration.districtNotYours");
  assertNikFree(db, value.nik, mentor.agencyId, "registration.walkIn.nikTaken");
  const { participantId } = registerOrRefuse(
    db,
    { ...participantInput(value), channel: "office", agencyId: mentor.agencyId, mentorId: mentor.id },
    mentor.id,
    at,
  );
  return { participantId };
}
