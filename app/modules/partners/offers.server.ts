// What partners offer participants at a stage: the stage attachments whose agreement still covers
// that stage in the participant's district. Offers of an expired agreement stop showing.
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agreements, organisations, stagePartners } from "../../../db/schema";
import type { StageId } from "../../../machines/stages";
import { coveredByAgreement } from "../access/coverage.server";

export type Offer = {
  stagePartnerId: number;
  organisationId: number;
  organisationName: string;
  stage: StageId;
  offer: string;
  agreementNumber: string;
  validUntil: string;
};

/** The offers in force on `today` for `stage` in the district (an attachment to one district shows only there). */
export function activeOffersFor(db: Db, input: { stage: StageId; districtId: number; today: string }): Offer[] {
  return activeOffers(db, input.districtId, input.today, input.stage);
}

/** Every stage's offers in force for a district, by stage order then organisation name. */
export function activeOffersInDistrict(db: Db, input: { districtId: number; today: string }): Offer[] {
  return activeOffers(db, input.districtId, input.today);
}

function activeOffers(db: Db, districtId: number, today: string, stage?: StageId): Offer[] {
  return db
    .select({
      stagePartnerId: stagePartners.id,
      organisationId: organisations.id,
      organisationName: organisations.name,
      stage: sql<StageId>`${stagePartners.stage}`,
      offer: stagePartners.offer,
      agreementNumber: agreements.number,
      validUntil: agreements.validUntil,
    })
    .from(stagePartners)
    .innerJoin(organisations, eq(organisations.id, stagePartners.organisationId))
    .innerJoin(agreements, eq(agreements.id, stagePartners.agreementId))
    .where(
      and(
        stage ? eq(stagePartners.stage, stage) : undefined,
        or(isNull(stagePartners.districtId), eq(stagePartners.districtId, districtId)),
        coveredByAgreement(sql`a.id = ${stagePartners.agreementId}`, sql`${stagePartners.stage}`, sql`${districtId}`, today),
      ),
    )
    .orderBy(
      sql`CASE ${stagePartners.stage} WHEN 'training' THEN 2 WHEN 'mentoring' THEN 3 WHEN 'licensing' THEN 4 WHEN 'marketing' THEN 5 WHEN 'financial_reporting' THEN 6 WHEN 'capital' THEN 7 ELSE 9 END`,
      asc(organisations.name),
      asc(stagePartners.id),
    )
    .all();
}
