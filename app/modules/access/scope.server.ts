// Who may see which participants: one definition, used by every list and every single-record check.
//   mentor        participants of their own agency in the districts they are assigned to
//   coordinator   their city, or the whole region when they have no city
//   entrepreneur  their own record only
//   partner       participants referred to their organisation for a stage that one of its valid
//                 agreements covers in the participant's district (coverage.server.ts)
import { and, asc, eq, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { cohorts, districts, mentorDistricts, participants, referrals } from "../../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { coveredReferral } from "./coverage.server";
import { jakartaDate } from "../i18n/jakarta";

export type Viewer = Pick<SessionUser, "id" | "role" | "cityId" | "agencyId"> & Partial<Pick<SessionUser, "organisationId">>;

const NOTHING = sql`0 = 1`;
const EVERYTHING = sql`1 = 1`;

/**
 * The mentor's and the coordinator's scope, which depends only on where a participant is placed:
 * a WHERE condition on any table with district and agency columns (participants, the people
 * tallies of tallies/tallies.server.ts). Null for the other roles, whose scope is per person.
 */
export function placementScope(db: Db, viewer: Viewer, columns: { districtId: SQLWrapper; agencyId: SQLWrapper }): SQL | null {
  switch (viewer.role) {
    case "mentor": {
      // A mentor without an agency sees nothing: each agency's mentors serve that agency's participants.
      if (viewer.agencyId == null) return NOTHING;
      const assigned = db
        .select({ districtId: mentorDistricts.districtId })
        .from(mentorDistricts)
        .where(eq(mentorDistricts.mentorId, viewer.id));
      return and(inArray(columns.districtId, assigned), eq(columns.agencyId, viewer.agencyId))!;
    }
    case "coordinator": {
      if (viewer.cityId == null) return EVERYTHING;
      const inCity = db.select({ id: districts.id }).from(districts).where(eq(districts.cityId, viewer.cityId));
      return inArray(columns.districtId, inCity);
    }
    default:
      return null;
  }
}

/** A WHERE condition on `participants` that holds exactly for the rows the viewer may see. */
export function participantScope(db: Db, viewer: Viewer): SQL {
  switch (viewer.role) {
    case "mentor":
    case "coordinator":
      return placementScope(db, viewer, participants)!;
    case "entrepreneur":
      return eq(participants.userId, viewer.id);
    case "partner": {
      if (viewer.organisationId == null) return NOTHING;
      return sql`EXISTS (SELECT 1 FROM ${referrals} WHERE ${referrals.participantId} = ${participants.id}
        AND ${referrals.organisationId} = ${viewer.organisationId} AND ${coveredReferral(jakartaDate())})`;
    }
    default:
      return NOTHING;
  }
}

export function isParticipantInScope(db: Db, viewer: Viewer, participantId: number): boolean {
  const row = db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.id, participantId), participantScope(db, viewer)))
    .get();
  return row !== undefined;
}

export type FilterOption = { id: number; name: string };

/**
 * The districts the viewer's list can be narrowed to: the same districts participantScope admits
 * (a mentor's assigned districts, a coordinator's city or the whole region). Offering one more would
 * widen nothing (a list ANDs the scope), but would show an empty choice.
 */
export function districtOptionsInScope(db: Db, viewer: Viewer): FilterOption[] {
  const query = db.select({ id: districts.id, name: districts.name }).from(districts);
  switch (viewer.role) {
    case "mentor":
      if (viewer.agencyId == null) return [];
      return query
        .innerJoin(mentorDistricts, eq(mentorDistricts.districtId, districts.id))
        .where(eq(mentorDistricts.mentorId, viewer.id))
        .orderBy(asc(districts.name))
        .all();
    case "coordinator":
      return (viewer.cityId == null ? query : query.where(eq(districts.cityId, viewer.cityId))).orderBy(asc(districts.name)).all();
    default:
      return [];
  }
}

/**
 * The cohorts a viewer may see, as a WHERE condition on `cohorts` (null: none): those of the
 * districts in scope, and for a mentor only their agency's.
 */
export function cohortsInScope(db: Db, viewer: Viewer): SQL | null {
  const districtIds = districtOptionsInScope(db, viewer).map((d) => d.id);
  if (districtIds.length === 0) return null;
  const inDistricts = inArray(cohorts.districtId, districtIds);
  if (viewer.role === "mentor") return viewer.agencyId == null ? null : and(inDistricts, eq(cohorts.agencyId, viewer.agencyId))!;
  return inDistricts;
}
