// How many of the people a round asks have answered, per district and respondent group. Who is asked
// in a district, counted from the accounts active now:
//   mentor         mentors assigned to the district
//   agency_staff   coordinators of the district's city, and province coordinators
//   partner_staff  staff of organisations with a participant of the district referred to them
//   entrepreneur   participants of the district with an entrepreneur's account
// (the rules of rounds.server.ts responseRates, which counts the round as a whole). A person serving several districts is asked once and counts in each of them, as their response does.
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { RESPONDENT_GROUPS, type RespondentGroup } from "../../../machines/vocabulary";

export type GroupRate = { group: RespondentGroup; asked: number; submitted: number; drafts: number };
export type DistrictRate = { districtId: number; groups: GroupRate[]; asked: number; submitted: number };

const idList = (ids: number[]) => (ids.length ? sql.join(ids.map((id) => sql`${id}`), sql`, `) : sql`NULL`);

/** The groups a round asks, in the vocabulary's order. */
export function roundGroups(db: Db, roundId: number): RespondentGroup[] {
  const asked = new Set(db.all<{ g: RespondentGroup }>(sql`SELECT respondent_group AS g FROM survey_round_groups WHERE round_id = ${roundId}`).map((r) => r.g));
  return RESPONDENT_GROUPS.filter((g) => asked.has(g));
}

export function responseRates(db: Db, roundId: number, districtIds: number[]): DistrictRate[] {
  const groups = roundGroups(db, roundId);
  const ids = idList(districtIds);
  const asked = db.all<{ districtId: number; g: RespondentGroup; n: number }>(sql`
    SELECT md.district_id AS districtId, 'mentor' AS g, count(DISTINCT u.id) AS n
    FROM mentor_districts md JOIN users u ON u.id = md.mentor_id
    WHERE u.role = 'mentor' AND u.active = 1 AND md.district_id IN (${ids}) GROUP BY md.district_id
    UNION ALL
    SELECT d.id, 'agency_staff', count(u.id)
    FROM districts d JOIN users u ON u.role = 'coordinator' AND u.active = 1 AND (u.city_id IS NULL OR u.city_id = d.city_id)
    WHERE d.id IN (${ids}) GROUP BY d.id
    UNION ALL
    SELECT p.district_id, 'partner_staff', count(DISTINCT u.id)
    FROM referrals rf JOIN participants p ON p.id = rf.participant_id JOIN users u ON u.organisation_id = rf.organisation_id
    WHERE u.role = 'partner' AND u.active = 1 AND p.district_id IN (${ids}) GROUP BY p.district_id
    UNION ALL
    SELECT p.district_id, 'entrepreneur', count(*)
    FROM participants p JOIN users u ON u.id = p.user_id
    WHERE u.role = 'entrepreneur' AND u.active = 1 AND p.district_id IN (${ids}) GROUP BY p.district_id`);
  const answered = db.all<{ districtId: number; g: RespondentGroup; submitted: number; drafts: number }>(sql`
    SELECT rd.district_id AS districtId, r.respondent_group AS g, sum(r.status = 'submitted') AS submitted, sum(r.status = 'draft') AS drafts
    FROM survey_responses r JOIN survey_response_districts rd ON rd.response_id = r.id
    WHERE r.round_id = ${roundId} AND rd.district_id IN (${ids}) GROUP BY rd.district_id, r.respondent_group`);
  const key = (d: number, g: string) => `${d}|${g}`;
  const askedBy = new Map(asked.map((r) => [key(r.districtId, r.g), r.n]));
  const answeredBy = new Map(answered.map((r) => [key(r.districtId, r.g), r]));
  return districtIds.map((districtId) => {
    const rows = groups.map((group) => {
      const a = answeredBy.get(key(districtId, group));
      const submitted = a?.submitted ?? 0;
      // Someone who answered is asked, whatever their account has become since.
      return { group, asked: Math.max(askedBy.get(key(districtId, group)) ?? 0, submitted + (a?.drafts ?? 0)), submitted, drafts: a?.drafts ?? 0 };
    });
    return { districtId, groups: rows, asked: rows.reduce((n, r) => n + r.asked, 0), submitted: rows.reduce((n, r) => n + r.submitted, 0) };
  });
}

/** A rate 0–1, or null when nobody was asked. */
export const rateOf = (r: { asked: number; submitted: number }) => (r.asked > 0 ? r.submitted / r.asked : null);
