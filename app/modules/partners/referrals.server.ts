// Referrals: a mentor or coordinator sends a participant to a partner for a stage. Only an offer in
// force for the participant's district may be chosen (see offers.server.ts); the server checks it
// again, so a stale or forged choice is refused with nothing written.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { districts, organisations, participants, referrals, stagePartners } from "../../../db/schema";
import type { StageId } from "../../../machines/stages";
import { activeOffersInDistrict, type Offer } from "./offers.server";
import { PartnerChangeRefused } from "./organisations.server";

/** Who is being referred: what the referral page shows of them. */
export function referralSubject(db: Db, participantId: number) {
  return db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      districtId: participants.districtId,
      districtName: districts.name,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .where(eq(participants.id, participantId))
    .get();
}

/** The offers this participant may be referred to today (their district's offers in force). */
export function referralOptions(db: Db, participantId: number, today: string): Offer[] {
  const row = referralSubject(db, participantId);
  return row ? activeOffersInDistrict(db, { districtId: row.districtId, today }) : [];
}

export function referParticipant(
  db: Db,
  input: { participantId: number; stagePartnerId: number; actorUserId: number; today: string; at?: number },
): number {
  return db.transaction(
    (tx) => {
      const offer = referralOptions(tx as unknown as Db, input.participantId, input.today).find(
        (o) => o.stagePartnerId === input.stagePartnerId,
      );
      // Not attached, agreement expired, or not covering the district: it is simply not on offer.
      if (!offer) throw new PartnerChangeRefused("stagePartnerId", "partners.validation.offerUnavailable");
      const existing = tx
        .select({ id: referrals.id })
        .from(referrals)
        .where(
          and(
            eq(referrals.participantId, input.participantId),
            eq(referrals.organisationId, offer.organisationId),
            eq(referrals.stage, offer.stage),
          ),
        )
        .get();
      if (existing) throw new PartnerChangeRefused("stagePartnerId", "partners.validation.alreadyReferred");
      return tx
        .insert(referrals)
        .values({
          participantId: input.participantId,
          organisationId: offer.organisationId,
          stagePartnerId: offer.stagePartnerId,
          stage: offer.stage,
          referredBy: input.actorUserId,
          referredAt: input.at ?? Date.now(),
        })
        .returning({ id: referrals.id })
        .get().id;
    },
    { behavior: "immediate" },
  );
}

export type ReferralRow = {
  id: number;
  organisationName: string;
  stage: StageId;
  offer: string | null;
  referredAt: number;
  outcomeAt: number | null;
};

/** A participant's referrals, oldest first (for the staff's referral page). */
export function referralsOf(db: Db, participantId: number): ReferralRow[] {
  return db
    .select({
      id: referrals.id,
      organisationName: organisations.name,
      stage: referrals.stage,
      offer: stagePartners.offer,
      referredAt: referrals.referredAt,
      outcomeAt: referrals.outcomeAt,
    })
    .from(referrals)
    .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
    .leftJoin(stagePartners, eq(stagePartners.id, referrals.stagePartnerId))
    .where(eq(referrals.participantId, participantId))
    .orderBy(asc(referrals.referredAt), asc(referrals.id))
    .all()
    .map((row) => ({ ...row, stage: row.stage as StageId }));
}
