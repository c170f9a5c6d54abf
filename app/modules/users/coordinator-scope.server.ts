// What a coordinator administers: the districts of their city, or every district when they
// coordinate the whole province (no city). Cohorts and mentors are in scope through their districts.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { cities, districts } from "../../../db/schema";
import type { SessionUser } from "../auth/session.server";

export type Coordinator = Pick<SessionUser, "id" | "role" | "cityId">;

export type DistrictOption = { id: number; name: string; cityId: number; city: string };

export function isProvinceCoordinator(user: Coordinator): boolean {
  return user.role === "coordinator" && user.cityId == null;
}

/** The districts a coordinator administers, ordered by city then name. */
export function districtsAdministered(db: Db, user: Coordinator): DistrictOption[] {
  const query = db
    .select({ id: districts.id, name: districts.name, cityId: cities.id, city: cities.name })
    .from(districts)
    .innerJoin(cities, eq(cities.id, districts.cityId))
    .orderBy(asc(cities.name), asc(districts.name));
  return user.cityId == null ? query.all() : query.where(eq(districts.cityId, user.cityId)).all();
}

export function administersDistrict(db: Db, user: Coordinator, districtId: number): boolean {
  return districtsAdministered(db, user).some((d) => d.id === districtId);
}
