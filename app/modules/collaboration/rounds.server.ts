// Survey rounds: a coordinator opens one (a period, an instrument version, the province or some
// districts, the groups asked) and closes it. A province round is the province coordinator's; a
// city coordinator opens and closes rounds within their city's districts and sees the rounds that
// touch it.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { districts, surveyInstruments, surveyResponses, surveyRoundDistricts, surveyRoundGroups, surveyRounds } from "../../../db/schema";
import { RESPONDENT_GROUPS, type RespondentGroup, type SurveyScope } from "../../../machines/vocabulary";
import { recordAudit } from "../users/audit.server";
import { districtsAdministered, isProvinceCoordinator, type Coordinator } from "../users/coordinator-scope.server";
import type { RoundOpenValue } from "./forms";
import { SurveyRefused } from "./refusals";

export type Round = {
  id: number;
  name: string;
  periodStart: string;
  periodEnd: string;
  instrumentId: number;
  scope: SurveyScope;
  openedAt: number;
  closedAt: number | null;
  /** The districts asked ('province': every district). */
  districtIds: number[];
  groups: RespondentGroup[];
};

export type RoundSummary = Round & { instrumentName: string; instrumentVersion: number; districtNames: string[] };

function allDistrictIds(db: Db): number[] {
  return db.select({ id: districts.id }).from(districts).all().map((d) => d.id);
}

/** A round with its districts and groups, or null. */
export function loadRound(db: Db, id: number): Round | null {
  const row = db.select().from(surveyRounds).where(eq(surveyRounds.id, id)).get();
  if (!row) return null;
  const groups = new Set(db.select({ g: surveyRoundGroups.respondentGroup }).from(surveyRoundGroups).where(eq(surveyRoundGroups.roundId, id)).all().map((r) => r.g));
  return {
    id: row.id,
    name: row.name,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    instrumentId: row.instrumentId,
    scope: row.scope,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    districtIds:
      row.scope === "province"
        ? allDistrictIds(db)
        : db.select({ id: surveyRoundDistricts.districtId }).from(surveyRoundDistricts).where(eq(surveyRoundDistricts.roundId, id)).all().map((r) => r.id),
    // In the vocabulary's order, whatever order they were stored in.
    groups: RESPONDENT_GROUPS.filter((g) => groups.has(g)),
  };
}

/** Every open round (few at a time), for the respondents' landing pages. */
export function openRounds(db: Db): Round[] {
  return db
    .select({ id: surveyRounds.id })
    .from(surveyRounds)
    .where(isNull(surveyRounds.closedAt))
    .orderBy(asc(surveyRounds.openedAt))
    .all()
    .map((r) => loadRound(db, r.id)!);
}

/** The rounds a coordinator sees, newest first: all for the province, those touching their city otherwise. */
export function listRounds(db: Db, user: Coordinator): RoundSummary[] {
  const own = new Set(districtsAdministered(db, user).map((d) => d.id));
  const names = new Map(db.select({ id: districts.id, name: districts.name }).from(districts).all().map((d) => [d.id, d.name]));
  return db
    .select({ id: surveyRounds.id, instrumentName: surveyInstruments.nameId, instrumentVersion: surveyInstruments.version })
    .from(surveyRounds)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyRounds.instrumentId))
    .orderBy(desc(surveyRounds.openedAt), desc(surveyRounds.id))
    .all()
    .map((r) => {
      const round = loadRound(db, r.id)!;
      return {
        ...round,
        instrumentName: r.instrumentName,
        instrumentVersion: r.instrumentVersion,
        districtNames: round.scope === "province" ? [] : round.districtIds.map((id) => names.get(id) ?? String(id)).sort(),
      };
    })
    .filter((round) => round.districtIds.some((id) => own.has(id)));
}

/** A coordinator may open or close a round over the province only when they coordinate it, and over districts they administer. */
export function mayManageRound(db: Db, user: Coordinator, round: Pick<Round, "scope" | "districtIds">): boolean {
  if (isProvinceCoordinator(user)) return true;
  if (round.scope === "province") return false;
  const own = new Set(districtsAdministered(db, user).map((d) => d.id));
  return round.districtIds.every((id) => own.has(id));
}

export function openRound(db: Db, user: Coordinator, value: RoundOpenValue, at = Date.now()): number {
  return db.transaction(
    () => {
      const instrument = db.select({ id: surveyInstruments.id }).from(surveyInstruments).where(eq(surveyInstruments.id, value.instrumentId)).get();
      if (!instrument) throw new SurveyRefused("validation.choose", "instrumentId");
      const districtIds = value.scope === "province" ? [] : [...new Set(value.districtIds ?? [])];
      if (value.scope === "province" && !isProvinceCoordinator(user)) throw new SurveyRefused("survey.error.provinceNotYours", "scope");
      const own = new Set(districtsAdministered(db, user).map((d) => d.id));
      if (districtIds.some((id) => !own.has(id))) throw new SurveyRefused("survey.error.districtNotYours", "districtIds");
      const round = db
        .insert(surveyRounds)
        .values({
          name: value.name,
          periodStart: value.periodStart,
          periodEnd: value.periodEnd,
          instrumentId: value.instrumentId,
          scope: value.scope,
          openedBy: user.id,
          openedAt: at,
        })
        .returning({ id: surveyRounds.id })
        .get();
      for (const districtId of districtIds) db.insert(surveyRoundDistricts).values({ roundId: round.id, districtId }).run();
      for (const respondentGroup of new Set(value.groups ?? [])) db.insert(surveyRoundGroups).values({ roundId: round.id, respondentGroup }).run();
      recordAudit(
        db,
        { actorUserId: user.id, action: "survey.round.open", subject: `survey-round:${round.id}`, detail: { instrumentId: value.instrumentId, scope: value.scope, districtIds, groups: value.groups } },
        at,
      );
      return round.id;
    },
    { behavior: "immediate" },
  );
}

/** Closes an open round: from then on no answer is saved or changed. */
export function closeRound(db: Db, user: Coordinator, roundId: number, at = Date.now()): void {
  db.transaction(
    () => {
      const round = loadRound(db, roundId);
      if (!round || !mayManageRound(db, user, round)) throw new SurveyRefused("survey.error.roundNotFound");
      if (round.closedAt !== null) throw new SurveyRefused("survey.error.roundAlreadyClosed");
      db.update(surveyRounds).set({ closedAt: at, closedBy: user.id }).where(and(eq(surveyRounds.id, roundId), isNull(surveyRounds.closedAt))).run();
      recordAudit(db, { actorUserId: user.id, action: "survey.round.close", subject: `survey-round:${roundId}` }, at);
    },
    { behavior: "immediate" },
  );
}

export type GroupRate = { group: RespondentGroup; eligible: number; submitted: number; drafts: number };

/**
 * Per group asked: the people who may answer (active accounts in the round's scope), how many sent
 * their answers and how many hold a draft. Entrepreneurs count only with an account.
 */
export function responseRates(db: Db, round: Round): GroupRate[] {
  const scope = round.districtIds.length ? round.districtIds : [-1];
  const inScope = sql.join(scope.map((id) => sql`${id}`), sql`, `);
  const eligible: Record<RespondentGroup, number> = {
    entrepreneur: db.get<{ n: number }>(sql`
      SELECT count(DISTINCT u.id) AS n FROM users u JOIN participants p ON p.user_id = u.id
      WHERE u.role = 'entrepreneur' AND u.active = 1 AND p.district_id IN (${inScope})`).n,
    mentor: db.get<{ n: number }>(sql`
      SELECT count(DISTINCT u.id) AS n FROM users u JOIN mentor_districts m ON m.mentor_id = u.id
      WHERE u.role = 'mentor' AND u.active = 1 AND m.district_id IN (${inScope})`).n,
    partner_staff: db.get<{ n: number }>(sql`
      SELECT count(DISTINCT u.id) AS n FROM users u
      WHERE u.role = 'partner' AND u.active = 1 AND EXISTS (
        SELECT 1 FROM referrals r JOIN participants p ON p.id = r.participant_id
        WHERE r.organisation_id = u.organisation_id AND p.district_id IN (${inScope}))`).n,
    agency_staff: db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM users u
      WHERE u.role = 'coordinator' AND u.active = 1 AND (u.city_id IS NULL OR EXISTS (
        SELECT 1 FROM districts d WHERE d.city_id = u.city_id AND d.id IN (${inScope})))`).n,
  };
  const answered = db
    .select({ group: surveyResponses.respondentGroup, status: surveyResponses.status, n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.roundId, round.id), inArray(surveyResponses.respondentGroup, round.groups.length ? round.groups : ["mentor"])))
    .groupBy(surveyResponses.respondentGroup, surveyResponses.status)
    .all();
  const countOf = (group: RespondentGroup, status: "draft" | "submitted") => answered.find((a) => a.group === group && a.status === status)?.n ?? 0;
  return round.groups.map((group) => ({ group, eligible: eligible[group], submitted: countOf(group, "submitted"), drafts: countOf(group, "draft") }));
}
