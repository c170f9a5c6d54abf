// Reading participants for pages. Each function returns only what its page shows: never the full
// NIK, its ciphertext or HMAC, the raw phone number, or the stored machine snapshot.
import { aliasedTable, and, asc, count, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, cities, cohorts, districts, participants, users } from "../../../db/schema";
import { missingToComplete, completionEvidence, evidenceCount, missingForCapital, type Requirement } from "../../../machines/journey.requirements";
import { STAGES, type EvidenceKind, type ParticipantStatus, type StageId, type StageState, type Track } from "../../../machines/stages";
import { currentRules } from "../journey/rules.server";
import { getHistory, type HistoryEntry } from "./history.server";
import { movesFor, restoreStored } from "./moves.server";
import type { MoveOption } from "./moves";
import { maskPhone } from "./nik";
import { participantScope, type Viewer } from "./scope.server";

const DAY_MS = 86_400_000;
export const PAGE_SIZE = 50;

const daysBetween = (from: number, to: number) => Math.max(0, Math.floor((to - from) / DAY_MS));

const stageColumns = {
  p1State: participants.p1State,
  p2State: participants.p2State,
  p3State: participants.p3State,
  p4State: participants.p4State,
  p5State: participants.p5State,
  p6State: participants.p6State,
  p7State: participants.p7State,
};
const enteredColumns = {
  p1EnteredAt: participants.p1EnteredAt,
  p2EnteredAt: participants.p2EnteredAt,
  p3EnteredAt: participants.p3EnteredAt,
  p4EnteredAt: participants.p4EnteredAt,
  p5EnteredAt: participants.p5EnteredAt,
  p6EnteredAt: participants.p6EnteredAt,
  p7EnteredAt: participants.p7EnteredAt,
};

type StageRow = { [K in keyof typeof stageColumns]: StageState };
type EnteredRow = { [K in keyof typeof enteredColumns]: number | null };

function stateList(row: StageRow): StageState[] {
  return [row.p1State, row.p2State, row.p3State, row.p4State, row.p5State, row.p6State, row.p7State];
}

function enteredList(row: EnteredRow): (number | null)[] {
  return [row.p1EnteredAt, row.p2EnteredAt, row.p3EnteredAt, row.p4EnteredAt, row.p5EnteredAt, row.p6EnteredAt, row.p7EnteredAt];
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ─── The list ────────────────────────────────────────────────────────────────

export type ListQuery = { page?: number; q?: string };

export type ParticipantListRow = {
  id: number;
  fullName: string;
  businessName: string;
  districtName: string;
  cohortName: string | null;
  status: ParticipantStatus;
  stages: StageState[];
  lastActivityAt: number;
  daysSinceActivity: number;
};

export type ParticipantList = {
  rows: ParticipantListRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  q: string;
};

/**
 * The participants the viewer may see, 50 a page: active ones first, the longest without activity
 * at the top (the ones most likely to be stuck), then the rest.
 */
export function listParticipantsInScope(db: Db, viewer: Viewer, query: ListQuery = {}, now = Date.now()): ParticipantList {
  const q = (query.q ?? "").trim().slice(0, 100);
  const conditions: SQL[] = [participantScope(db, viewer)];
  if (q) {
    const pattern = containsPattern(q);
    conditions.push(
      or(
        sql`${participants.fullName} LIKE ${pattern} ESCAPE '\\'`,
        sql`${participants.businessName} LIKE ${pattern} ESCAPE '\\'`,
      )!,
    );
  }
  const where = and(...conditions);
  const total = db.select({ n: count() }).from(participants).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pageCount);
  const rows = db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      districtName: districts.name,
      cohortName: cohorts.name,
      status: participants.status,
      lastActivityAt: participants.lastActivityAt,
      ...stageColumns,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .leftJoin(cohorts, eq(cohorts.id, participants.cohortId))
    .where(where)
    .orderBy(sql`${participants.status} <> 'active'`, asc(participants.lastActivityAt), asc(participants.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all();
  return {
    rows: rows.map((row) => ({
      id: row.id,
      fullName: row.fullName,
      businessName: row.businessName,
      districtName: row.districtName,
      cohortName: row.cohortName,
      status: row.status,
      stages: stateList(row),
      lastActivityAt: row.lastActivityAt,
      daysSinceActivity: daysBetween(row.lastActivityAt, now),
    })),
    total,
    page,
    pageCount,
    pageSize: PAGE_SIZE,
    q,
  };
}

// ─── One participant ─────────────────────────────────────────────────────────

export type StageView = {
  stage: StageId;
  state: StageState;
  enteredAt: number | null;
  /** Days in the current state. */
  days: number | null;
};

export type EvidenceProgress = { stage: StageId; kind: EvidenceKind; have: number; need: number };

export type ParticipantPage = {
  participant: {
    id: number;
    fullName: string;
    businessName: string;
    sector: string;
    track: Track;
    districtName: string;
    cityName: string;
    cohortName: string | null;
    mentorName: string | null;
    agencyName: string;
    nikMasked: string;
    phoneMasked: string;
    status: ParticipantStatus;
    statusReason: string | null;
    version: number;
    registeredAt: number;
    lastActivityAt: number;
    daysSinceActivity: number;
  };
  stages: StageView[];
  evidence: EvidenceProgress[];
  moves: MoveOption[];
  history: HistoryEntry[];
};

const mentor = aliasedTable(users, "mentor");

function stageViews(row: StageRow & EnteredRow, now: number): StageView[] {
  const states = stateList(row);
  const entered = enteredList(row);
  return STAGES.map((stage, i) => ({
    stage,
    state: states[i]!,
    enteredAt: entered[i] ?? null,
    days: entered[i] == null ? null : daysBetween(entered[i]!, now),
  }));
}

/**
 * Everything the participant page shows. The caller has checked scope (requireParticipantInScope);
 * returns null when the participant does not exist.
 */
export function getParticipantPage(db: Db, participantId: number, now = Date.now()): ParticipantPage | null {
  const row = db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      sector: participants.sector,
      track: participants.track,
      districtName: districts.name,
      cityName: cities.name,
      cohortName: cohorts.name,
      mentorName: mentor.name,
      agencyName: agencies.name,
      nikMasked: participants.nikMasked,
      phone: participants.phone,
      status: participants.status,
      statusReason: participants.statusReason,
      version: participants.version,
      registeredAt: participants.createdAt,
      lastActivityAt: participants.lastActivityAt,
      snapshot: participants.snapshot,
      ...stageColumns,
      ...enteredColumns,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .innerJoin(cities, eq(cities.id, districts.cityId))
    .innerJoin(agencies, eq(agencies.id, participants.agencyId))
    .leftJoin(cohorts, eq(cohorts.id, participants.cohortId))
    .leftJoin(mentor, eq(mentor.id, participants.mentorId))
    .where(eq(participants.id, participantId))
    .get();
  if (!row) return null;

  const { machine, rules } = currentRules(db);
  const snapshot = restoreStored(machine, row.snapshot);
  const evidence: EvidenceProgress[] = STAGES.filter((stage) => snapshot.context.stages[stage] === "in_progress").map(
    (stage) => {
      const { kinds, need } = completionEvidence(stage, rules);
      return { stage, kind: kinds[0]!, have: evidenceCount(snapshot.context, kinds), need };
    },
  );

  const { snapshot: _snapshot, phone, ...shown } = row;
  return {
    participant: {
      id: shown.id,
      fullName: shown.fullName,
      businessName: shown.businessName,
      sector: shown.sector,
      track: shown.track,
      districtName: shown.districtName,
      cityName: shown.cityName,
      cohortName: shown.cohortName,
      mentorName: shown.mentorName,
      agencyName: shown.agencyName,
      nikMasked: shown.nikMasked,
      phoneMasked: maskPhone(phone),
      status: shown.status,
      statusReason: shown.statusReason,
      version: shown.version,
      registeredAt: shown.registeredAt,
      lastActivityAt: shown.lastActivityAt,
      daysSinceActivity: daysBetween(shown.lastActivityAt, now),
    },
    stages: stageViews(row, now),
    evidence,
    moves: movesFor(snapshot, rules),
    history: getHistory(db, participantId),
  };
}

// ─── The entrepreneur's own page ─────────────────────────────────────────────

/** What an entrepreneur reads next to one of their stages. */
export type NextStep =
  | { kind: "awaiting-verification" }
  | { kind: "rejected" }
  | { kind: "missing"; missing: Requirement[] }
  | { kind: "ready-to-complete" }
  | { kind: "can-start" };

export type OwnProgress = {
  participant: {
    fullName: string;
    businessName: string;
    districtName: string;
    mentorName: string | null;
    status: ParticipantStatus;
    statusReason: string | null;
  };
  stages: (StageView & { next: NextStep | null })[];
  history: HistoryEntry[];
};

/** The signed-in entrepreneur's own record (participants.user_id), or null when they have none. */
export function getOwnProgress(db: Db, userId: number, now = Date.now()): OwnProgress | null {
  const row = db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      districtName: districts.name,
      mentorName: mentor.name,
      status: participants.status,
      statusReason: participants.statusReason,
      snapshot: participants.snapshot,
      ...stageColumns,
      ...enteredColumns,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .leftJoin(mentor, eq(mentor.id, participants.mentorId))
    .where(eq(participants.userId, userId))
    .get();
  if (!row) return null;

  const { machine, rules } = currentRules(db);
  const { context } = restoreStored(machine, row.snapshot);
  const nextStep = (stage: StageId): NextStep | null => {
    const state = context.stages[stage];
    if (stage === "registration") {
      if (state === "submitted") return { kind: "awaiting-verification" };
      if (state === "rejected") return { kind: "rejected" };
      return null;
    }
    if (context.stages.registration !== "verified") return null;
    if (state === "in_progress") {
      const missing = missingToComplete(context, stage, rules);
      return missing.length ? { kind: "missing", missing } : { kind: "ready-to-complete" };
    }
    if (state !== "not_started") return null;
    if (stage === "capital") {
      const missing = missingForCapital(context, rules);
      return missing.length ? { kind: "missing", missing } : { kind: "can-start" };
    }
    return { kind: "can-start" };
  };

  return {
    participant: {
      fullName: row.fullName,
      businessName: row.businessName,
      districtName: row.districtName,
      mentorName: row.mentorName,
      status: row.status,
      statusReason: row.statusReason,
    },
    stages: stageViews(row, now).map((view) => ({
      ...view,
      next: row.status === "active" ? nextStep(view.stage) : null,
    })),
    history: getHistory(db, row.id),
  };
}
