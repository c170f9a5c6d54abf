// What partner staff see and do: the participants referred to their organisation for the stages its
// valid agreements cover, a few fields about each, and the outcomes they record. Outcomes are stage
// evidence recorded through the journey service, so they count for the stage like any other.
import { CLIMB_EVIDENCE, recordClimbs } from "../outcomes/climbs.server";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { districts, organisations, participants, referrals, stageEvidence, transitionLog } from "../../../db/schema";
import type { EvidenceKind, ParticipantStatus, StageId, StageState } from "../../../machines/stages";
import { applyMove } from "../journey/journey.server";
import { JourneyError } from "../journey/errors";
import { shownDetails, type EvidenceDetails } from "../participants/evidence-details";
import { coveredReferral } from "../access/coverage.server";
import type { OutcomeValue } from "./forms";

/** The state column of the referral's stage. */
const stageState = sql<StageState>`CASE ${referrals.stage}
  WHEN 'training' THEN ${participants.p2State} WHEN 'mentoring' THEN ${participants.p3State}
  WHEN 'licensing' THEN ${participants.p4State} WHEN 'marketing' THEN ${participants.p5State}
  WHEN 'financial_reporting' THEN ${participants.p6State} WHEN 'capital' THEN ${participants.p7State} END`;

export type ReferredRow = {
  referralId: number;
  participantId: number;
  fullName: string;
  businessName: string;
  districtName: string;
  status: ParticipantStatus;
  stage: StageId;
  stageState: StageState;
  referredAt: number;
  outcomeAt: number | null;
};

/** What partner staff see of a referral and its participant (no phone, no figures, no other stages). */
const referredColumns = {
  referralId: referrals.id,
  participantId: participants.id,
  fullName: participants.fullName,
  businessName: participants.businessName,
  districtName: districts.name,
  status: participants.status,
  stage: sql<StageId>`${referrals.stage}`,
  stageState,
  referredAt: referrals.referredAt,
  outcomeAt: referrals.outcomeAt,
};

/** The organisation's referrals its staff may see (covered today), with their participants, matching `where`. */
function coveredReferrals(db: Db, organisationId: number, today: string, where?: SQL) {
  return db
    .select({ ...referredColumns, nikMasked: participants.nikMasked, version: participants.version })
    .from(referrals)
    .innerJoin(participants, eq(participants.id, referrals.participantId))
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .where(and(eq(referrals.organisationId, organisationId), coveredReferral(today), where));
}

/** The organisation's referrals its staff may see, those without an outcome first, newest first. */
export function listReferredParticipants(db: Db, organisationId: number, today: string): ReferredRow[] {
  return coveredReferrals(db, organisationId, today)
    .orderBy(sql`${referrals.outcomeAt} IS NOT NULL`, desc(referrals.referredAt), asc(referrals.id))
    .all()
    .map(({ nikMasked: _nik, version: _version, ...row }) => row);
}

export type PartnerOutcome = { id: number; stage: StageId; kind: EvidenceKind; occurredOn: string; details: EvidenceDetails; recordedBy: null };

export type PartnerParticipantPage = {
  participant: {
    id: number;
    fullName: string;
    businessName: string;
    districtName: string;
    nikMasked: string;
    status: ParticipantStatus;
    version: number;
  };
  referrals: (Omit<ReferredRow, "participantId" | "fullName" | "businessName" | "districtName" | "status"> & {
    /** What this organisation recorded for the referral's stage (nothing of other stages or organisations). */
    outcomes: PartnerOutcome[];
  })[];
};

/** The partner's view of one participant, or null when nothing of theirs is referred to the organisation. */
export function getPartnerParticipantPage(db: Db, organisationId: number, participantId: number, today: string): PartnerParticipantPage | null {
  const rows = coveredReferrals(db, organisationId, today, eq(referrals.participantId, participantId))
    .orderBy(asc(referrals.referredAt), asc(referrals.id))
    .all();
  const first = rows[0];
  if (!first) return null;
  return {
    participant: {
      id: participantId,
      fullName: first.fullName,
      businessName: first.businessName,
      districtName: first.districtName,
      nikMasked: first.nikMasked,
      status: first.status,
      version: first.version,
    },
    referrals: rows.map((row) => ({
      referralId: row.referralId,
      stage: row.stage,
      stageState: row.stageState,
      referredAt: row.referredAt,
      outcomeAt: row.outcomeAt,
      outcomes: db
        .select({ id: stageEvidence.id, kind: stageEvidence.kind, occurredOn: stageEvidence.occurredOn, details: stageEvidence.details })
        .from(stageEvidence)
        .where(
          and(
            eq(stageEvidence.participantId, participantId),
            eq(stageEvidence.stage, row.stage),
            eq(stageEvidence.organisationId, organisationId),
            eq(stageEvidence.status, "recorded"),
          ),
        )
        .orderBy(desc(stageEvidence.occurredOn), desc(stageEvidence.id))
        .all()
        .map((e) => ({ ...e, stage: row.stage, kind: e.kind as EvidenceKind, details: shownDetails(e.details), recordedBy: null })),
    })),
  };
}

/** The evidence an outcome form records: its kind and the details contract of that kind. */
function outcomeEvidence(value: OutcomeValue, organisation: { id: number; name: string }): { kind: EvidenceKind; details: Record<string, unknown> } {
  switch (value.stage) {
    case "training":
      return { kind: "training_attended", details: { topic: value.topic, skill: value.skill, organisationId: organisation.id, partnerName: organisation.name } };
    case "licensing":
      return { kind: "licence", details: { type: value.licenceType, number: value.licenceNumber, issuer: organisation.name } };
    case "capital": {
      const details: Record<string, unknown> = { lender: organisation.name, product: value.product };
      if (value.amount !== undefined) details.amount = value.amount;
      return { kind: value.loanStatus!, details };
    }
  }
}

/**
 * Records an outcome for one of the organisation's referrals as stage evidence (organisation_id = the
 * organisation), and marks the referral's outcome on the first one. One transaction: a refusal of
 * the journey machine leaves the referral untouched too. A referral the staff may not see is not-found.
 */
export function recordPartnerOutcome(
  db: Db,
  input: { organisationId: number; participantId: number; actorUserId: number | null; value: OutcomeValue; today: string; at?: number },
): { evidenceId: number } {
  const at = input.at ?? Date.now();
  return db.transaction(
    (tx) => {
      const referral = tx
        .select({ id: referrals.id, stage: referrals.stage, outcomeEvidenceId: referrals.outcomeEvidenceId })
        .from(referrals)
        .innerJoin(participants, eq(participants.id, referrals.participantId))
        .where(
          and(
            eq(referrals.id, input.value.referralId),
            eq(referrals.participantId, input.participantId),
            eq(referrals.organisationId, input.organisationId),
            coveredReferral(input.today),
          ),
        )
        .get();
      if (!referral) throw new JourneyError("not-found", "Referral not found");
      if (referral.stage !== input.value.stage) throw new JourneyError("invalid", "The outcome is for another stage");
      const organisation = tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, input.organisationId))
        .get()!;
      const { kind, details } = outcomeEvidence(input.value, organisation);
      // On the root handle: the same connection, so the move nests in this transaction (a savepoint).
      const moved = applyMove(db, {
        participantId: input.participantId,
        expectedVersion: input.value.version,
        event: { type: "RECORD_EVIDENCE", stage: input.value.stage, kind },
        actorUserId: input.actorUserId,
        at,
        evidence: { details, occurredOn: input.value.occurredOn, organisationId: input.organisationId },
      });
      const evidenceId = tx.select({ id: transitionLog.evidenceId }).from(transitionLog).where(eq(transitionLog.id, moved.logId)).get()!.id!;
      // A partner's licence may be the business's NIB: a climb (naik kelas).
      if (CLIMB_EVIDENCE.has(kind)) recordClimbs(db, input.participantId, at);
      if (referral.outcomeEvidenceId === null) {
        tx.update(referrals).set({ outcomeEvidenceId: evidenceId, outcomeAt: at }).where(eq(referrals.id, referral.id)).run();
      }
      return { evidenceId };
    },
    { behavior: "immediate" },
  );
}
