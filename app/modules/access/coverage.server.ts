// When an agreement covers work: one SQL condition, used for offers shown to participants, for
// referrals and for what partner staff may see. An agreement covers a stage in a district on a day
// when it is still valid that day (valid_until >= today, Jakarta's date), lists the stage, and lists
// the district or lists none (agreements.districts NULL means every district).
import { sql, type SQL } from "drizzle-orm";
import { participants, referrals } from "../../../db/schema";

/**
 * EXISTS an agreement matching `which` (e.g. sql`a.id = sp.agreement_id`, the agreement alias is `a`)
 * that covers `stage` in `districtId` on `today`.
 */
export function coveredByAgreement(which: SQL, stage: SQL, districtId: SQL, today: string): SQL {
  return sql`EXISTS (
    SELECT 1 FROM agreements a
    WHERE ${which}
      AND a.valid_until >= ${today}
      AND EXISTS (SELECT 1 FROM json_each(a.stages) WHERE json_each.value = ${stage})
      AND (a.districts IS NULL OR a.districts = 'null'
           OR EXISTS (SELECT 1 FROM json_each(a.districts) WHERE json_each.value = ${districtId}))
  )`;
}

/**
 * A referral (in a query joining referrals and participants) whose stage one of its organisation's
 * agreements covers in the participant's district today: what partner staff may see.
 */
export function coveredReferral(today: string): SQL {
  return coveredByAgreement(sql`a.organisation_id = ${referrals.organisationId}`, sql`${referrals.stage}`, sql`${participants.districtId}`, today);
}
