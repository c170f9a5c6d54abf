// Answering a round: who may answer (their role's group is asked, and they stand in the round's
// districts), where they stand when they answer (captured with the response, so the results group
// by it whatever changes later), and saving: a draft, or sent; changeable until the round closes,
// never after. One response per person per round: the table's UNIQUE (round, user) holds it even
// against two saves at once, and a save updates the one row.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { surveyAnswers, surveyResponseDistricts, surveyResponses } from "../../../db/schema";
import type { RespondentGroup, Role, SurveyResponseStatus } from "../../../machines/vocabulary";
import type { SessionUser } from "../auth/session.server";
import type { AnswerValue, ScaleValue } from "./forms";
import { loadInstrument, statementIds, type Instrument } from "./instruments.server";
import { SurveyRefused } from "./refusals";
import { loadRound, openRounds, type Round } from "./rounds.server";

/** The group each role answers in. Agency staff are the coordinators: the agencies' programme staff. */
export const GROUP_OF_ROLE: Record<Role, RespondentGroup> = {
  mentor: "mentor",
  coordinator: "agency_staff",
  partner: "partner_staff",
  entrepreneur: "entrepreneur",
};

export type Respondent = Pick<SessionUser, "id" | "role" | "cityId" | "agencyId" | "organisationId">;

/** Where a respondent stands in a round: captured on every save. */
export type Place = {
  group: RespondentGroup;
  agencyId: number | null;
  organisationId: number | null;
  participantId: number | null;
  /** The round's districts the answer speaks for (never empty). */
  districtIds: number[];
};

/** The districts a person works in or belongs to, before the round's scope is applied. */
function ownDistricts(db: Db, user: Respondent): { districtIds: number[]; agencyId: number | null; participantId: number | null } {
  const ids = (query: ReturnType<typeof sql>) => db.all<{ id: number }>(query).map((r) => r.id);
  switch (user.role) {
    case "entrepreneur": {
      const own = db.get<{ id: number; district: number; agency: number } | undefined>(
        sql`SELECT id, district_id AS district, agency_id AS agency FROM participants WHERE user_id = ${user.id}`,
      );
      return own ? { districtIds: [own.district], agencyId: own.agency, participantId: own.id } : { districtIds: [], agencyId: null, participantId: null };
    }
    case "mentor":
      return { districtIds: ids(sql`SELECT district_id AS id FROM mentor_districts WHERE mentor_id = ${user.id}`), agencyId: user.agencyId, participantId: null };
    case "partner":
      return {
        districtIds: ids(sql`
          SELECT DISTINCT p.district_id AS id FROM referrals r JOIN participants p ON p.id = r.participant_id
          WHERE r.organisation_id = ${user.organisationId ?? -1}`),
        agencyId: null,
        participantId: null,
      };
    case "coordinator":
      return {
        districtIds: user.cityId == null ? ids(sql`SELECT id FROM districts`) : ids(sql`SELECT id FROM districts WHERE city_id = ${user.cityId}`),
        agencyId: null,
        participantId: null,
      };
  }
}

/** Where the person stands in the round, or null when the round does not ask them. */
export function placeInRound(db: Db, user: Respondent, round: Round): Place | null {
  const group = GROUP_OF_ROLE[user.role];
  if (!round.groups.includes(group)) return null;
  const scope = new Set(round.districtIds);
  const own = ownDistricts(db, user);
  const districtIds = own.districtIds.filter((id) => scope.has(id)).sort((a, b) => a - b);
  if (districtIds.length === 0) return null;
  return { group, agencyId: own.agencyId, organisationId: user.role === "partner" ? user.organisationId : null, participantId: own.participantId, districtIds };
}

export type OwnResponse = { id: number; status: SurveyResponseStatus; updatedAt: number; submittedAt: number | null; answers: Map<number, ScaleValue> };

/** The person's own response to a round (never anyone else's), or null. */
export function ownResponse(db: Db, userId: number, roundId: number): OwnResponse | null {
  const row = db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.roundId, roundId), eq(surveyResponses.userId, userId)))
    .get();
  if (!row) return null;
  const answers = db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, row.id)).all();
  return {
    id: row.id,
    status: row.status,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    answers: new Map(answers.map((a) => [a.statementId, a.value as ScaleValue])),
  };
}

export type RoundCard = { roundId: number; name: string; periodEnd: string; status: SurveyResponseStatus | null };

/** The open rounds that ask this person, with where their response stands: the landing pages' cards. */
export function openRoundsFor(db: Db, user: Respondent): RoundCard[] {
  return openRounds(db)
    .filter((round) => placeInRound(db, user, round) !== null)
    .map((round) => ({ roundId: round.id, name: round.name, periodEnd: round.periodEnd, status: ownResponse(db, user.id, round.id)?.status ?? null }));
}

export type SurveyPage = { round: Round; instrument: Instrument; response: OwnResponse | null; place: Place };

/**
 * What the answer page shows: the round, its instrument and the person's own answers. Null (404)
 * when the round does not exist or does not ask them; a closed round is shown, read-only.
 */
export function loadSurveyPage(db: Db, user: Respondent, roundId: number): SurveyPage | null {
  const round = loadRound(db, roundId);
  if (!round) return null;
  const place = placeInRound(db, user, round);
  if (!place) return null;
  const instrument = loadInstrument(db, round.instrumentId)!;
  return { round, instrument, response: ownResponse(db, user.id, roundId), place };
}

/**
 * Saves the person's answers to an open round: a draft (any answers), or sent (every statement
 * answered, checked by the form). The answers given replace those saved before. Refused, changing
 * nothing: a closed round, a round that does not ask them, a statement the round does not ask, a
 * draft over answers already sent (they send changes instead).
 */
export function saveResponse(db: Db, user: Respondent, roundId: number, value: AnswerValue, at = Date.now()): SurveyResponseStatus {
  return db.transaction(
    () => {
      const round = loadRound(db, roundId);
      const place = round ? placeInRound(db, user, round) : null;
      if (!round || !place) throw new SurveyRefused("survey.error.roundNotFound");
      if (round.closedAt !== null) throw new SurveyRefused("survey.error.roundClosed");
      const asked = statementIds(loadInstrument(db, round.instrumentId)!);
      const askedSet = new Set(asked);
      for (const id of value.answers.keys()) if (!askedSet.has(id)) throw new SurveyRefused("survey.error.unknownStatement");
      if (value.intent === "submit" && asked.some((id) => !value.answers.has(id))) throw new SurveyRefused("survey.error.answersMissing");
      const before = ownResponse(db, user.id, roundId);
      if (value.intent === "draft" && before?.status === "submitted") throw new SurveyRefused("survey.error.alreadySubmitted");

      const status: SurveyResponseStatus = value.intent === "submit" ? "submitted" : "draft";
      const captured = { respondentGroup: place.group, agencyId: place.agencyId, organisationId: place.organisationId, participantId: place.participantId };
      // One row per (round, user): a second save, even one racing this, updates it.
      const { id } = db
        .insert(surveyResponses)
        .values({ roundId, userId: user.id, status, ...captured, createdAt: at, updatedAt: at, submittedAt: status === "submitted" ? at : null })
        .onConflictDoUpdate({
          target: [surveyResponses.roundId, surveyResponses.userId],
          set: { status, ...captured, updatedAt: at, submittedAt: status === "submitted" ? sql`coalesce(${surveyResponses.submittedAt}, ${at})` : null },
        })
        .returning({ id: surveyResponses.id })
        .get();
      db.delete(surveyResponseDistricts).where(eq(surveyResponseDistricts.responseId, id)).run();
      for (const districtId of place.districtIds) db.insert(surveyResponseDistricts).values({ responseId: id, districtId }).run();
      db.delete(surveyAnswers).where(eq(surveyAnswers.responseId, id)).run();
      for (const [statementId, answer] of value.answers) db.insert(surveyAnswers).values({ responseId: id, statementId, value: answer }).run();
      return status;
    },
    { behavior: "immediate" },
  );
}
