// User administration by coordinators: list, invite, change a mentor's districts or a coordinator's
// scope, deactivate and reactivate. Who manages whom:
//   province coordinator  every account; only they invite coordinators or change a coordinator's scope
//   city coordinator      mentors with a district in their city, and only those districts of theirs
// Nobody changes their own account here (role, scope, districts, active flag): a refusal, not a
// silent no-op. An account outside one's reach is "not found". Every change goes to the audit log.
import { and, asc, count, desc, eq, exists, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, auditLog, cities, districts, mentorDistricts, organisations, users, type Role } from "../../../db/schema";
import { normaliseEmail } from "../auth/login.server";
import { endSessionsOfUser } from "../auth/session.server";
import { recordAudit } from "./audit.server";
import { districtsAdministered, isProvinceCoordinator, type Coordinator } from "./coordinator-scope.server";
import { issueInvitation, PENDING_PASSWORD_HASH } from "./invitations.server";
import type { InviteValue, UserIntent } from "./user-forms";

/** A refusal with a message key, tied to a form field or to the whole form (field null). */
export class UserChangeRefused extends Error {
  constructor(
    readonly field: "role" | "email" | "agencyId" | "districtIds" | "cityId" | null,
    readonly messageKey: string,
    readonly status = 400,
  ) {
    super(messageKey);
    this.name = "UserChangeRefused";
  }
}

/** Mentors with at least one district in the coordinator's city. */
function mentorInCity(db: Db, cityId: number): SQL {
  return and(
    eq(users.role, "mentor"),
    exists(
      db
        .select({ one: sql`1` })
        .from(mentorDistricts)
        .innerJoin(districts, eq(districts.id, mentorDistricts.districtId))
        .where(and(eq(mentorDistricts.mentorId, users.id), eq(districts.cityId, cityId))),
    ),
  )!;
}

/** The accounts a coordinator manages (their own is included for a province coordinator, read-only). */
function managedCondition(db: Db, actor: Coordinator): SQL | undefined {
  return actor.cityId == null ? undefined : mentorInCity(db, actor.cityId);
}

export type UserFilters = { role?: Role; active?: "yes" | "no"; page: number };
export const USERS_PER_PAGE = 50;

export type UserRow = {
  id: number;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  pending: boolean;
  scope: string | null;
};

const districtNames = sql<string | null>`(SELECT group_concat(d.name, ', ') FROM (SELECT d.name FROM mentor_districts md JOIN districts d ON d.id = md.district_id WHERE md.mentor_id = ${users.id} ORDER BY d.name) d)`;

/** What an account covers, in words: a mentor's districts, a coordinator's city, a partner's organisation. */
const scopeText = sql<string | null>`CASE ${users.role}
  WHEN 'mentor' THEN ${districtNames}
  WHEN 'coordinator' THEN (SELECT c.name FROM cities c WHERE c.id = ${users.cityId})
  WHEN 'partner' THEN (SELECT o.name FROM organisations o WHERE o.id = ${users.organisationId})
  ELSE NULL END`;

export function listUsers(db: Db, actor: Coordinator, filters: UserFilters): { rows: UserRow[]; total: number; pageCount: number; page: number } {
  const where = and(
    managedCondition(db, actor),
    filters.role ? eq(users.role, filters.role) : undefined,
    filters.active ? eq(users.active, filters.active === "yes") : undefined,
  );
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / USERS_PER_PAGE));
  const page = Math.min(Math.max(1, filters.page), pageCount);
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      pending: sql<number>`${users.passwordHash} = ${PENDING_PASSWORD_HASH}`,
      scope: scopeText,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.role), asc(users.name), asc(users.id))
    .limit(USERS_PER_PAGE)
    .offset((page - 1) * USERS_PER_PAGE)
    .all();
  return { rows: rows.map((r) => ({ ...r, pending: Boolean(r.pending) })), total, pageCount, page };
}

export type ManagedUser = {
  id: number;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  pending: boolean;
  agencyName: string | null;
  cityId: number | null;
  cityName: string | null;
  organisationName: string | null;
  districtIds: number[];
  isSelf: boolean;
};

/** A user the coordinator may see on /pengguna/:id (themselves, or someone they manage), or null. */
export function managedUser(db: Db, actor: Coordinator, userId: number): ManagedUser | null {
  const scoped = userId === actor.id ? undefined : managedCondition(db, actor);
  const row = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      passwordHash: users.passwordHash,
      agencyName: agencies.name,
      cityId: users.cityId,
      cityName: cities.name,
      organisationName: organisations.name,
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .leftJoin(cities, eq(cities.id, users.cityId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, userId), scoped))
    .get();
  if (!row) return null;
  const { passwordHash, ...rest } = row;
  const districtIds = db
    .select({ id: mentorDistricts.districtId })
    .from(mentorDistricts)
    .where(eq(mentorDistricts.mentorId, userId))
    .all()
    .map((r) => r.id);
  return { ...rest, pending: passwordHash === PENDING_PASSWORD_HASH, districtIds, isSelf: userId === actor.id };
}

export function listCities(db: Db): { id: number; name: string }[] {
  return db.select({ id: cities.id, name: cities.name }).from(cities).orderBy(asc(cities.name)).all();
}

export function listAgencyOptions(db: Db): { id: number; name: string }[] {
  return db.select({ id: agencies.id, name: agencies.name }).from(agencies).orderBy(asc(agencies.name)).all();
}

function assertDistrictsAdministered(db: Db, actor: Coordinator, ids: number[]): void {
  const allowed = new Set(districtsAdministered(db, actor).map((d) => d.id));
  if (ids.some((id) => !allowed.has(id))) throw new UserChangeRefused("districtIds", "validation.choose");
}

/** Creates the invited account (inactive until accepted) and its link. Returns the token, shown once. */
export function inviteUser(db: Db, actor: Coordinator, value: InviteValue, now = Date.now()): { userId: number; token: string } {
  const email = normaliseEmail(value.email);
  if (value.role === "coordinator" && !isProvinceCoordinator(actor)) throw new UserChangeRefused("role", "userAdmin.onlyProvinceInvitesCoordinators");
  if (value.role === "mentor") {
    assertDistrictsAdministered(db, actor, value.districtIds ?? []);
    if (!db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, value.agencyId!)).get()) {
      throw new UserChangeRefused("agencyId", "validation.choose");
    }
  } else if (value.cityId !== undefined && !db.select({ id: cities.id }).from(cities).where(eq(cities.id, value.cityId)).get()) {
    throw new UserChangeRefused("cityId", "validation.choose");
  }
  if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) throw new UserChangeRefused("email", "userAdmin.emailTaken");

  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const mentor = value.role === "mentor";
    const user = t
      .insert(users)
      .values({
        email,
        name: value.name,
        role: value.role,
        passwordHash: PENDING_PASSWORD_HASH,
        agencyId: mentor ? value.agencyId : null,
        cityId: mentor ? null : (value.cityId ?? null),
        active: false,
      })
      .returning({ id: users.id })
      .get();
    const districtIds = mentor ? [...new Set(value.districtIds)] : [];
    for (const districtId of districtIds) t.insert(mentorDistricts).values({ mentorId: user.id, districtId }).run();
    const token = issueInvitation(t, user.id, actor.id, now);
    recordAudit(
      t,
      {
        actorUserId: actor.id,
        action: "user.invited",
        subject: `user:${user.id}`,
        detail: mentor ? { role: value.role, agencyId: value.agencyId, districtIds } : { role: value.role, cityId: value.cityId ?? null },
      },
      now,
    );
    return { userId: user.id, token };
  });
}

/**
 * One change to a managed user. Throws UserChangeRefused (status 400 for a bad value, 403 for a
 * change one may not make, 404 for something out of reach). Returns a new invitation token for
 * "reissue", otherwise null.
 */
export function changeUser(
  db: Db,
  actor: Coordinator,
  target: ManagedUser,
  change: { intent: UserIntent; districtIds?: number[]; cityId?: number },
  now = Date.now(),
): string | null {
  if (target.isSelf) throw new UserChangeRefused(null, "userAdmin.notYourself", 403);
  const audit = (t: Db, action: string, detail?: Record<string, unknown>) =>
    recordAudit(t, { actorUserId: actor.id, action, subject: `user:${target.id}`, detail }, now);

  switch (change.intent) {
    case "districts": {
      if (target.role !== "mentor") throw new UserChangeRefused(null, "validation.invalidRequest", 404);
      const chosen = [...new Set(change.districtIds ?? [])];
      assertDistrictsAdministered(db, actor, chosen);
      // A city coordinator changes only their city's districts; the mentor keeps any others.
      const administered = new Set(districtsAdministered(db, actor).map((d) => d.id));
      const next = [...target.districtIds.filter((id) => !administered.has(id)), ...chosen].sort((a, b) => a - b);
      if (next.length === 0) throw new UserChangeRefused("districtIds", "userAdmin.districtsRequired");
      const before = [...target.districtIds].sort((a, b) => a - b);
      if (JSON.stringify(before) === JSON.stringify(next)) return null;
      db.transaction((tx) => {
        const t = tx as unknown as Db;
        t.delete(mentorDistricts).where(eq(mentorDistricts.mentorId, target.id)).run();
        for (const districtId of next) t.insert(mentorDistricts).values({ mentorId: target.id, districtId }).run();
        audit(t, "user.districts_changed", { from: before, to: next });
      });
      return null;
    }
    case "scope": {
      if (target.role !== "coordinator" || !isProvinceCoordinator(actor)) throw new UserChangeRefused(null, "validation.invalidRequest", 404);
      const cityId = change.cityId ?? null;
      if (cityId !== null && !db.select({ id: cities.id }).from(cities).where(eq(cities.id, cityId)).get()) {
        throw new UserChangeRefused("cityId", "validation.choose");
      }
      if (cityId === target.cityId) return null;
      db.transaction((tx) => {
        const t = tx as unknown as Db;
        t.update(users).set({ cityId }).where(eq(users.id, target.id)).run();
        audit(t, "user.scope_changed", { from: target.cityId, to: cityId });
      });
      return null;
    }
    case "deactivate":
    case "reactivate": {
      const active = change.intent === "reactivate";
      // An invited account becomes active by accepting its link, never by a coordinator's switch.
      if (active && target.pending) throw new UserChangeRefused(null, "userAdmin.pendingCannotReactivate");
      if (target.active === active) return null;
      db.transaction((tx) => {
        const t = tx as unknown as Db;
        t.update(users).set({ active }).where(eq(users.id, target.id)).run();
        // Deactivation ends every session at once: the next request with an old cookie is signed out.
        if (!active) endSessionsOfUser(t, target.id);
        audit(t, active ? "user.reactivated" : "user.deactivated");
      });
      return null;
    }
    case "reissue": {
      if (!target.pending) throw new UserChangeRefused(null, "userAdmin.notPending");
      return db.transaction((tx) => {
        const t = tx as unknown as Db;
        const token = issueInvitation(t, target.id, actor.id, now);
        audit(t, "invitation.reissued");
        return token;
      });
    }
  }
}

/** The latest administrative changes to one account (shown on its page). */
export function recentUserChanges(db: Db, userId: number, limit = 10): { id: number; action: string; at: number; by: string | null }[] {
  return db
    .select({ id: auditLog.id, action: auditLog.action, at: auditLog.at, by: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.subject, `user:${userId}`))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
