// The entrepreneur's own page (/saya): where they are in P1–P7 and what each open stage still
// needs (asked of the machine, never a second copy of its rules), their mentor and how to reach
// them, the partner offers for their open stages, their history, their business figures over time
// and the reports they sent themselves. Everything is looked up by the signed-in user's id: nothing
// here takes a participant id from a request.
import { aliasedTable, and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { districts, organisations, participants, stageEvidence, users } from "../../../db/schema";
import type { JourneyEvent, JourneySnapshot } from "../../../machines/journey";
import { explainRefusal } from "../../../machines/journey.persist";
import type { JourneyRules } from "../../../machines/journey.rules";
import type { Requirement } from "../../../machines/journey.requirements";
import { STAGES, type ParticipantStatus, type StageId, type StageState } from "../../../machines/stages";
import { currentRules } from "../journey/rules.server";
import { activeOffersInDistrict } from "../partners/offers.server";
import { jakartaDate } from "../i18n/jakarta";
import { getHistory, type HistoryEntry } from "../participants/history.server";
import { restoreStored } from "../journey/moves.server";
import { maskPhone } from "../identity/nik";
import { enteredAtColumns, stageEnteredAtOf } from "../journey/stage-columns.server";
import { SELF_REPORT_EVENT, selfReportRefusal, type SelfReportRefusal } from "./self-report.server";
import { DAY_MS } from "../../../machines/time";
import type { FigurePoint } from "../outcomes/figures.server";
import { participantOutcome } from "../follow-ups/outcomes.server";

/** What an entrepreneur reads next to one of their stages. */
export type NextStep =
  | { kind: "awaiting-verification" }
  | { kind: "rejected" }
  | { kind: "missing"; missing: Requirement[] }
  | { kind: "ready-to-complete" }
  | { kind: "can-start" };

export type OwnStage = { stage: StageId; state: StageState; enteredAt: number | null; days: number | null; next: NextStep | null };

export type PartnerOffer = { id: number; stage: StageId; organisation: string; offer: string; contactEmail: string | null; contactPhone: string | null };

/** One point of the business figures chart: the outcomes' own (outcomes/figures.server.ts), one definition for every page. */
export type { FigurePoint };

export type OwnReport = {
  id: number;
  period: string;
  turnover: number | null;
  assets: number | null;
  workers: number | null;
  sentAt: number;
  status: "pending" | "accepted" | "declined";
  reviewNote: string | null;
};

export type OwnPage = {
  participant: {
    fullName: string;
    businessName: string;
    districtName: string;
    nikMasked: string;
    phoneMasked: string;
    status: ParticipantStatus;
    statusReason: string | null;
  };
  mentor: { name: string; phone: string | null; email: string } | null;
  stages: OwnStage[];
  offers: PartnerOffer[];
  figures: FigurePoint[];
  reports: OwnReport[];
  /** Why a report cannot be sent now (null: the form is offered). */
  reportRefusal: SelfReportRefusal | null;
  history: HistoryEntry[];
};

const mentor = aliasedTable(users, "mentor");

/** What the machine says a stage still needs, from the move that would take it forward. */
function nextStepOf(snapshot: JourneySnapshot, stage: StageId, rules: JourneyRules): NextStep | null {
  const { stages, status } = snapshot.context;
  const state = stages[stage];
  if (status !== "active") return null;
  if (stage === "registration") {
    if (state === "submitted") return { kind: "awaiting-verification" };
    if (state === "rejected") return { kind: "rejected" };
    return null;
  }
  // Before P1 is verified the page says so once (under P7's readiness), not under every stage.
  if (stages.registration !== "verified" && stage !== "capital") return null;
  const forward: JourneyEvent | null =
    state === "in_progress" ? { type: "COMPLETE", stage } : state === "not_started" ? { type: "START", stage } : null;
  if (!forward) return null;
  if (snapshot.can(forward)) return { kind: forward.type === "COMPLETE" ? "ready-to-complete" : "can-start" };
  return { kind: "missing", missing: explainRefusal(snapshot.context, forward, rules) };
}

/**
 * Offers attached to the participant's open stages, from partners whose agreement covers the stage
 * in the participant's district today (the one definition in partners/offers.server.ts), with the
 * organisation's contact.
 */
function offersFor(db: Db, stages: StageId[], districtId: number, today: string): PartnerOffer[] {
  const offers = activeOffersInDistrict(db, { districtId, today }).filter((o) => stages.includes(o.stage));
  if (offers.length === 0) return [];
  const contacts = new Map(
    db
      .select({ id: organisations.id, email: organisations.contactEmail, phone: organisations.contactPhone })
      .from(organisations)
      .where(inArray(organisations.id, [...new Set(offers.map((o) => o.organisationId))]))
      .all()
      .map((c) => [c.id, c]),
  );
  return offers.map((o) => ({
    id: o.stagePartnerId,
    stage: o.stage,
    organisation: o.organisationName,
    offer: o.offer,
    contactEmail: contacts.get(o.organisationId)?.email ?? null,
    contactPhone: contacts.get(o.organisationId)?.phone ?? null,
  }));
}

type ReportDetails = { period?: unknown; turnover?: unknown; assets?: unknown; workers?: unknown };
const figure = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** A report's month: its period when it has one (YYYY-MM), else the month it was about. */
function periodOf(details: ReportDetails, occurredOn: string): string {
  return typeof details.period === "string" && /^\d{4}-\d{2}$/.test(details.period) ? details.period : occurredOn.slice(0, 7);
}

/** The reports the entrepreneur sent themselves (recorded_by is their own account), newest first. */
function ownReports(db: Db, participantId: number, userId: number): OwnReport[] {
  return db
    .select({
      id: stageEvidence.id,
      details: stageEvidence.details,
      occurredOn: stageEvidence.occurredOn,
      recordedAt: stageEvidence.recordedAt,
      status: stageEvidence.status,
      reviewNote: stageEvidence.reviewNote,
    })
    .from(stageEvidence)
    .where(
      and(
        eq(stageEvidence.participantId, participantId),
        eq(stageEvidence.kind, "financial_report"),
        eq(stageEvidence.recordedBy, userId),
      ),
    )
    .orderBy(asc(stageEvidence.recordedAt))
    .all()
    .reverse()
    .map((row) => {
      const d = (row.details ?? {}) as ReportDetails;
      return {
        id: row.id,
        period: periodOf(d, row.occurredOn),
        turnover: figure(d.turnover),
        assets: figure(d.assets),
        workers: figure(d.workers),
        sentAt: row.recordedAt,
        status: row.status === "recorded" ? ("accepted" as const) : row.status,
        // Only a declined report's note is meant for the entrepreneur.
        reviewNote: row.status === "declined" ? row.reviewNote : null,
      };
    });
}

/**
 * History as the entrepreneur reads it: people they deal with (mentors, themselves) by name, other
 * staff (coordinators, partner staff) by role only.
 */
function ownHistory(db: Db, participantId: number): HistoryEntry[] {
  return getHistory(db, participantId).map((entry) =>
    !entry.actor || entry.actor.role === "mentor" || entry.actor.role === "entrepreneur"
      ? entry
      : { ...entry, actor: { ...entry.actor, name: "" } },
  );
}

/** The signed-in entrepreneur's own page, or null when they have no participant record. */
export function getOwnPage(db: Db, userId: number, now = Date.now()): OwnPage | null {
  const row = db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      districtId: participants.districtId,
      districtName: districts.name,
      nikMasked: participants.nikMasked,
      phone: participants.phone,
      status: participants.status,
      statusReason: participants.statusReason,
      snapshot: participants.snapshot,
      ...enteredAtColumns,
      mentorName: mentor.name,
      mentorPhone: mentor.phone,
      mentorEmail: mentor.email,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .leftJoin(mentor, eq(mentor.id, participants.mentorId))
    .where(eq(participants.userId, userId))
    .get();
  if (!row) return null;

  const { machine, rules } = currentRules(db);
  const snapshot = restoreStored(machine, row.snapshot);
  const entered = stageEnteredAtOf(row);
  const stages: OwnStage[] = STAGES.map((stage, i) => {
    const state = snapshot.context.stages[stage];
    const enteredAt = entered[i] ?? null;
    return {
      stage,
      state,
      enteredAt,
      days: enteredAt === null ? null : Math.max(0, Math.floor((now - enteredAt) / DAY_MS)),
      next: nextStepOf(snapshot, stage, rules),
    };
  });
  const open = stages.filter((s) => s.state === "in_progress").map((s) => s.stage);

  return {
    participant: {
      fullName: row.fullName,
      businessName: row.businessName,
      districtName: row.districtName,
      nikMasked: row.nikMasked,
      phoneMasked: maskPhone(row.phone),
      status: row.status,
      statusReason: row.statusReason,
    },
    mentor: row.mentorName && row.mentorEmail ? { name: row.mentorName, phone: row.mentorPhone, email: row.mentorEmail } : null,
    stages,
    offers: offersFor(db, open, row.districtId, jakartaDate(new Date(now))),
    figures: participantOutcome(db, row.id, jakartaDate(new Date(now)))?.points ?? [],
    reports: ownReports(db, row.id, userId),
    reportRefusal: snapshot.can(SELF_REPORT_EVENT) ? null : selfReportRefusal(snapshot, rules),
    history: ownHistory(db, row.id),
  };
}
