// Reading participants for pages. Each function returns only what its page shows: never the full
// NIK, its ciphertext or HMAC, the raw phone number, or the stored machine snapshot.
import { aliasedTable, and, asc, count, desc, eq, gt, gte, inArray, lt, not, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, cities, cohorts, cohortTallies, districts, participants, users } from "../../../db/schema";
import { labelCohorts } from "../cohorts/labels";
import { enteredAtColumns, stageEnteredAtOf, stageStateColumns, stageStatesOf, type EnteredAtRow, type StageStateRow } from "../journey/stage-columns.server";
import { BASELINE_FIELDS, completionEvidence, evidenceCount } from "../../../machines/journey.requirements";
import { STAGES, stageNumber, type EvidenceKind, type ParticipantStatus, type StageId, type StageState, type Track } from "../../../machines/stages";
import { currentRules } from "../journey/rules.server";
import { DAY_MS } from "../../../machines/time";
import { dormancyOnset, isDormant, openStates, stallAgeBand, stallAgeRange, stallOnset, stallReasons, type StallAgeBand, type StallReason } from "../journey/stalled";
import { activeCondition, dormantCondition, loadStallSettings, stalledCondition } from "../journey/stalled.server";
import { getHistory, type HistoryEntry } from "./history.server";
import { movesFor, restoreStored } from "../journey/moves.server";
import { COHORT_OPTION_LIMIT, digitsOf, dormantFilters, type ListFilters } from "./list-filters";
import type { MoveOption } from "../journey/moves";
import { maskPhone } from "../identity/nik";
import { districtOptionsInScope, participantScope, placementScope, type FilterOption, type Viewer } from "../access/scope.server";
import { currentNoteColumns, listStallNote, waitsOnCondition, type ListStallNote } from "../stall-notes/stall-notes.server";
import { jakartaDate } from "../i18n/jakarta";
import { scopeCounts } from "../tallies/tallies.server";

export const PAGE_SIZE = 50;

const daysBetween = (from: number, to: number) => Math.max(0, Math.floor((to - from) / DAY_MS));

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ─── The list ───────────────────────────────────────────────────────────────

export type ListQuery = ListFilters;

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
  /** Why the participant is stalled (stalled.ts); empty when they are not. */
  stall: StallReason[];
  /** The current stall note of a stalled row (stall-notes/stall-notes.server.ts). */
  stallNote: ListStallNote | null;
  /** How old the stall is (stalled.ts); null when not stalled. */
  stallAge: StallAgeBand | null;
  /** Active, but nothing recorded for the dormancy days (stalled.ts). */
  dormant: boolean;
};

export type ParticipantList = {
  rows: ParticipantListRow[];
  /** Participants matching the filters. */
  total: number;
  /** Stalled participants among them. */
  stalled: number;
  /** Dormant participants matching the other filters (whatever the status and stall filters ask): counted apart. */
  dormant: number;
  page: number;
  pageCount: number;
  pageSize: number;
  filters: ListFilters;
};

/** A LIKE pattern matching numbers that end with `digits` (digits only, so no wildcard to escape). */
const suffixPattern = (digits: string) => `%${digits}`;

/** Name or business name contains the text; a number may also be the last 4 NIK digits or a phone's end. */
function searchCondition(q: string): SQL {
  const pattern = containsPattern(q);
  const matches: SQL[] = [
    sql`${participants.fullName} LIKE ${pattern} ESCAPE '\\'`,
    sql`${participants.businessName} LIKE ${pattern} ESCAPE '\\'`,
  ];
  const digits = digitsOf(q);
  if (digits) {
    if (digits.length === 4) matches.push(eq(participants.nikLast4, digits));
    matches.push(sql`${participants.phone} LIKE ${suffixPattern(digits)}`);
  }
  return or(...matches)!;
}

/** "This stage is open": P1 awaiting verification, P2–P7 in progress (the states the stall clock runs in). */
function stageOpenCondition(stage: StageId): SQL {
  const column = stageStateColumns[`p${stageNumber(stage) as 1 | 2 | 3 | 4 | 5 | 6 | 7}State`];
  return sql`${column} = ${openStates(stage)}`;
}

/**
 * Everything the list's filters ask, ANDed with the viewer's scope: a filter only ever narrows, so a
 * district or cohort outside the scope gives an empty list, never its participants.
 */
export function listConditions(db: Db, viewer: Viewer, filters: ListFilters, stalled: SQL, now = Date.now()): SQL {
  const conditions: SQL[] = [participantScope(db, viewer)];
  if (filters.q) conditions.push(searchCondition(filters.q));
  if (filters.district !== undefined) conditions.push(eq(participants.districtId, filters.district));
  if (filters.cohort !== undefined) conditions.push(eq(participants.cohortId, filters.cohort));
  if (filters.stage) conditions.push(stageOpenCondition(filters.stage));
  // Dormant participants are counted apart: never as active (nor stalled), and a filter of their own.
  if (filters.status === "dormant") conditions.push(dormantCondition(now));
  else if (filters.status === "active") conditions.push(activeCondition(now));
  else if (filters.status) conditions.push(eq(participants.status, filters.status));
  if (filters.track) conditions.push(eq(participants.track, filters.track));
  if (filters.sector) conditions.push(eq(participants.sector, filters.sector));
  if (filters.reached !== undefined) conditions.push(gte(participants.furthestStage, filters.reached));
  if (filters.mentor !== undefined) conditions.push(eq(participants.mentorId, filters.mentor));
  if (filters.agency !== undefined) conditions.push(eq(participants.agencyId, filters.agency));
  if (filters.waitsOn) conditions.push(stalled, waitsOnCondition(filters.waitsOn));
  if (filters.followUp === "overdue") conditions.push(stalled, sql`${currentNoteColumns.noteFollowUpOn} < ${jakartaDate(new Date(now))}`);
  if (filters.stalled === "yes") conditions.push(stalled);
  if (filters.stalled === "no") conditions.push(not(stalled));
  if (filters.stallAge) {
    const { from, to } = stallAgeRange(filters.stallAge, now);
    conditions.push(stalled, lt(participants.stalledSince, to));
    if (from !== null) conditions.push(gte(participants.stalledSince, from));
  }
  return and(...conditions)!;
}

/**
 * The list's order. Active participants come first, by when they stall: the stalled (onset in the past)
 * with the longest stalled at the top, then the others with the nearest to stalling first. Then the
 * dormant (active, nothing recorded for the dormancy days: never stalled), longest dormant first; then
 * everyone else, longest without activity first. All of it but dormancy is read from
 * participants_district_list or participants_status_list, without the rows.
 */
const listOrder = (now: number, status: ListFilters["status"]) => [
  // Under a status filter the first terms are the same for every row. SQLite cannot see that, and
  // would sort every match (130 ms for the province's 80,000 active) instead of reading the index
  // in order and stopping at the page (3 ms): they are left out.
  ...(status === undefined ? [sql`${participants.status} <> 'active'`] : []),
  ...(status === "active" || status === "dormant" ? [] : [sql`${participants.dormantSince} < ${now}`]),
  asc(participants.stalledSince),
  asc(participants.lastActivityAt),
  asc(participants.id),
];

/** How many participants match, and how many of them are stalled: one pass over the matching rows. */
export function countParticipants(db: Db, where: SQL, stalled: SQL): { total: number; stalled: number } {
  const row = db
    .select({ total: count(), stalled: sql<number | null>`sum(CASE WHEN ${stalled} THEN 1 ELSE 0 END)` })
    .from(participants)
    .where(where)
    .get();
  return { total: row?.total ?? 0, stalled: Number(row?.stalled ?? 0) };
}

/**
 * The list's counts: the participants matching, the stalled among them, and the dormant matching the
 * other filters (counted apart, whatever the status and stall filters ask). Without a stall filter,
 * for all statuses or the active, one pass counts all three: the dormant are among the rows read.
 */
function listCounts(db: Db, viewer: Viewer, filters: ListFilters, where: SQL, stalled: SQL, now: number): { total: number; stalled: number; dormant: number } {
  // No filter but the status: the scope's tallies hold the counts (tallies/tallies.server.ts).
  const onlyStatus = Object.entries(filters).every(([key, value]) => key === "status" || value === undefined);
  const kept = onlyStatus && (filters.status === undefined || filters.status === "active" || filters.status === "dormant") ? scopeCounts(db, viewer, now) : null;
  if (kept) {
    const total = filters.status === "active" ? kept.active : filters.status === "dormant" ? kept.dormant : kept.total;
    return { total, stalled: filters.status === "dormant" ? 0 : kept.stalled, dormant: kept.dormant };
  }
  if (filters.status === "dormant") {
    const counts = countParticipants(db, where, stalled);
    return { ...counts, dormant: counts.total };
  }
  if (filters.status !== undefined && filters.status !== "active") return { ...countParticipants(db, where, stalled), dormant: 0 };
  if (filters.stalled || filters.stallAge || filters.waitsOn || filters.followUp) {
    const dormant = countParticipants(db, listConditions(db, viewer, dormantFilters(filters), stalled, now), stalled).total;
    return { ...countParticipants(db, where, stalled), dormant };
  }
  const any = listConditions(db, viewer, { ...filters, status: undefined }, stalled, now);
  const row = db
    .select({
      total: count(),
      stalled: sql<number | null>`sum(CASE WHEN ${stalled} THEN 1 ELSE 0 END)`,
      dormant: sql<number | null>`sum(CASE WHEN ${dormantCondition(now)} THEN 1 ELSE 0 END)`,
    })
    .from(participants)
    .where(filters.status === "active" ? and(any, eq(participants.status, "active")) : any)
    .get();
  const dormant = Number(row?.dormant ?? 0);
  // "Active" leaves the dormant out of the total; none of them is stalled either way.
  return { total: (row?.total ?? 0) - (filters.status === "active" ? dormant : 0), stalled: Number(row?.stalled ?? 0), dormant };
}

/** The participants the viewer may see that match the filters, 50 a page, in listOrder. */
export function listParticipantsInScope(db: Db, viewer: Viewer, query: ListQuery = {}, now = Date.now()): ParticipantList {
  const { page: requestedPage, ...filters } = query;
  if (filters.q !== undefined) filters.q = filters.q.trim().slice(0, 100) || undefined;
  if (filters.q === undefined) delete filters.q;
  const settings = loadStallSettings(db);
  const stalled = stalledCondition(now);
  const where = listConditions(db, viewer, filters, stalled, now);
  const { dormant, ...counts } = listCounts(db, viewer, filters, where, stalled, now);
  const pageCount = Math.max(1, Math.ceil(counts.total / PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage ?? 1)), pageCount);
  // The page's ids first, from the index alone; then only those 50 rows are read. LIMIT and OFFSET
  // are written into the statement, not bound: SQLite plans a bound LIMIT without knowing that it
  // stops after 50, and a typical mentor's active list took 8 ms instead of 0.8 ms at 300,000.
  const order = sql.join(listOrder(now, filters.status), sql`, `);
  const pageIds = sql`(SELECT ${participants.id} FROM ${participants} WHERE ${where} ORDER BY ${order}
    LIMIT ${sql.raw(String(PAGE_SIZE))} OFFSET ${sql.raw(String(Number.isSafeInteger(page) ? (page - 1) * PAGE_SIZE : 0))})`;
  const rows = db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      districtName: districts.name,
      cohortName: cohorts.name,
      status: participants.status,
      lastActivityAt: participants.lastActivityAt,
      stalledSince: participants.stalledSince,
      ...stageStateColumns,
      ...enteredAtColumns,
      ...currentNoteColumns,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .leftJoin(cohorts, eq(cohorts.id, participants.cohortId))
    .where(inArray(participants.id, pageIds))
    .orderBy(...listOrder(now, filters.status))
    .all();
  return {
    rows: rows.map((row) => {
      const stall = stallReasons(row, settings, now);
      return {
        id: row.id,
        fullName: row.fullName,
        businessName: row.businessName,
        districtName: row.districtName,
        cohortName: row.cohortName,
        status: row.status,
        stages: stageStatesOf(row),
        lastActivityAt: row.lastActivityAt,
        daysSinceActivity: daysBetween(row.lastActivityAt, now),
        stall,
        stallNote: listStallNote(row, settings, now),
        stallAge: stall.length ? stallAgeBand(row.stalledSince ?? stallOnset(row, settings)!, now) : null,
        dormant: isDormant(row, settings, now),
      };
    }),
    ...counts,
    dormant,
    page,
    pageCount,
    pageSize: PAGE_SIZE,
    filters,
  };
}

/** A cohort in the list's filter: `label` is its name, with its district when the name repeats (cohorts/labels.ts). */
export type CohortFilterOption = FilterOption & { districtName: string; label: string };

/**
 * The cohorts the list can be narrowed to (participants of one district when given), newest intake
 * first: the cohorts of the districts in scope (a mentor's: of their agency), and every cohort any
 * participant in scope belongs to, wherever the cohort is (someone handed over from another district
 * keeps their cohort). The latter is read from the cohort tallies, whose rows are placed exactly as
 * the scope is (per cohort, district and agency), not from the participants. The selected cohort is
 * always among them when it is one of these, even past the limit.
 */
export function cohortOptionsInScope(db: Db, viewer: Viewer, districtId?: number, selected?: number): CohortFilterOption[] {
  const inScope = districtOptionsInScope(db, viewer).map((d) => d.id);
  const ids = districtId === undefined ? inScope : inScope.filter((id) => id === districtId);
  const tallyScope = placementScope(db, viewer, cohortTallies);
  if (ids.length === 0 || tallyScope === null) return [];
  const own: SQL[] = [inArray(cohorts.districtId, ids)];
  if (viewer.role === "mentor" && viewer.agencyId != null) own.push(eq(cohorts.agencyId, viewer.agencyId));
  const withMembers = db
    .select({ id: cohortTallies.cohortId })
    .from(cohortTallies)
    .where(and(tallyScope, gt(cohortTallies.people, 0), districtId === undefined ? undefined : eq(cohortTallies.districtId, districtId)));
  const condition = or(and(...own), inArray(cohorts.id, withMembers))!;
  const query = (where: SQL) =>
    db
      .select({ id: cohorts.id, name: cohorts.name, districtName: districts.name })
      .from(cohorts)
      .innerJoin(districts, eq(districts.id, cohorts.districtId))
      .where(where)
      .orderBy(desc(cohorts.intakeDate), asc(cohorts.name));
  const options = query(condition).limit(COHORT_OPTION_LIMIT).all();
  if (selected !== undefined && !options.some((o) => o.id === selected)) {
    const extra = query(and(eq(cohorts.id, selected), condition)!).get();
    if (extra) options.push(extra);
  }
  return labelCohorts(options);
}

// ─── One participant ─────────────────────────────────────────────────────────

export type StageView = {
  stage: StageId;
  state: StageState;
  enteredAt: number | null;
  /** Days in the current state. */
  days: number | null;
  /** The stage's time limit in days while its clock runs (P1 submitted, P2–P7 in progress), else null. */
  limitDays?: number | null;
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
  /** Why the participant is stalled (stalled.ts); empty when they are not. */
  stall: StallReason[];
  /** How old the stall is; null when not stalled. */
  stallAge: StallAgeBand | null;
  /** Set when the participant is dormant (stalled.ts): since when, and the setting that made them so. */
  dormancy: { lastActivityAt: number; dormantSince: number; dormantDays: number } | null;
  evidence: EvidenceProgress[];
  moves: MoveOption[];
  history: HistoryEntry[];
};

const mentor = aliasedTable(users, "mentor");

function stageViews(row: StageStateRow & EnteredAtRow, now: number): StageView[] {
  const states = stageStatesOf(row);
  const entered = stageEnteredAtOf(row);
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
      turnover: participants.entryTurnover,
      capital: participants.entryAssets,
      workers: participants.entryWorkers,
      nib: participants.entryHasNib,
      ...stageStateColumns,
      ...enteredAtColumns,
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

  const stallSettings = loadStallSettings(db);
  const { snapshot: _snapshot, phone, ...shown } = row;
  const stall = stallReasons(row, stallSettings, now);
  const dormant = isDormant(row, stallSettings, now);
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
    stages: stageViews(row, now).map((view) => ({
      ...view,
      limitDays: view.state === openStates(view.stage) ? stallSettings.stageLimitDays[view.stage] : null,
    })),
    stall,
    stallAge: stall.length ? stallAgeBand(stallOnset(row, stallSettings)!, now) : null,
    dormancy: dormant
      ? {
          lastActivityAt: row.lastActivityAt,
          dormantSince: dormancyOnset(row, stallSettings)!,
          dormantDays: stallSettings.dormantDays,
        }
      : null,
    evidence,
    moves: movesFor(snapshot, rules, { dormant, baseline: BASELINE_FIELDS.filter((field) => row[field] != null) }),
    history: getHistory(db, participantId),
  };
}
