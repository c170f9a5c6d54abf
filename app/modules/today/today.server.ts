// A mentor's day ("Hari ini"): the items that need them today, read from what is already stored.
// Nothing here writes: each item leaves the list because of what the mentor records, not because the
// page was seen.
//
// Whose items: the active participants the mentor serves (participants.mentor_id), read from the
// participants_mentor_status index; every other table is reached from there by its participant index.
// So the count in the navigation (on every page a mentor opens) costs a few index probes per served
// participant, never a scan of a whole table. The joins are written CROSS JOIN, which SQLite takes as
// "participants first" (its planner would otherwise scan a small stall_notes or referrals table
// whole, which stops being cheap as they grow); on another database it is an ordinary join.
//
// When each kind leaves the list:
//   follow-up    the current stall note's date has come, until the note is cleared or replaced, or
//                something is recorded for the participant after the note was written
//   new-stall    stalled now (stalledCondition), in the age band "new" (this week); leaves when no longer
//                stalled (anything recorded resets the inactivity clock) or once the mentor has noted
//                whom the stall waits on (the follow-up then takes over on its date)
//   verify       P1 submitted and the participant active (not dormant); leaves when verified or rejected
//   self-report  a financial report sent by the entrepreneur, pending; leaves when accepted or declined
//   correction   the person's request to correct their data ("Data saya"), open; leaves when the mentor
//                answers it on /permintaan-data (done or declined). Any status: a graduate may ask too.
//   after-programme  a follow-up after graduating or withdrawing is open (follow-ups/due.ts); leaves when
//                the person answers it on /saya or once its window has passed (then it counts as missed)
//   handover     handed to this mentor within HANDOVER_DAYS; leaves once anything is recorded after it
//   outcome      a partner's outcome within OUTCOME_DAYS; leaves once anything is recorded after it
import { aliasedTable, and, asc, count, desc, eq, gte, inArray, isNull, lte, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { dataRequests, followUps as programmeFollowUps, handoffs, organisations, participants, referrals, stageEvidence, stallNotes, users, type WaitsOn } from "../../../db/schema";
import type { JourneySnapshot } from "../../../machines/journey";
import { explainRefusal } from "../../../machines/journey.persist";
import type { JourneyRules } from "../../../machines/journey.rules";
import { STAGES, type EvidenceKind, type StageId } from "../../../machines/stages";
import { currentRules } from "../journey/rules.server";
import { DAY_MS } from "../../../machines/time";
import { stallAgeRange, stallReasons } from "../journey/stalled";
import { activeCondition, loadStallSettings, stalledCondition } from "../journey/stalled.server";
import { jakartaDate } from "../i18n/jakarta";
import { decryptNik } from "../identity/identity.server";
import { restoreStored } from "../journey/moves.server";
import { phoneContact } from "../identity/phone";
import { participantScope, type Viewer } from "../access/scope.server";
import { openFollowUpCondition } from "../follow-ups/follow-ups.server";
import { enteredAtColumns, stageEnteredAtOf, stageStateColumns } from "../journey/stage-columns.server";
import {
  HANDOVER_DAYS,
  OUTCOME_DAYS,
  TODAY_KIND_LIMIT,
  TODAY_KINDS,
  type Greeting,
  type NextStep,
  type Reach,
  type TodayCounts,
  type TodayItem,
  type TodayKind,
  type TodayList,
} from "./today";

/** A value of the statement, or a placeholder for it in a statement prepared once (countToday). */
type Bound<T> = T | Placeholder;

/** Whose day, and the moments each kind compares with. */
type Moment = {
  mentorId: Bound<number>;
  now: Bound<number>;
  today: Bound<string>;
  /** Stalled since this moment or later: a new stall. */
  newStallFrom: Bound<number>;
  handoverFrom: Bound<number>;
  outcomeFrom: Bound<number>;
};

const moment = (mentorId: number, now: number) => ({
  mentorId,
  now,
  today: jakartaDate(new Date(now)),
  // "new" always has a lower bound (only "older" has none).
  newStallFrom: stallAgeRange("new", now).from!,
  handoverFrom: now - HANDOVER_DAYS * DAY_MS,
  outcomeFrom: now - OUTCOME_DAYS * DAY_MS,
});

/** The moment as placeholders named after its fields, for the count's prepared statement. */
const PLACEHOLDERS: Moment = {
  mentorId: sql.placeholder("mentorId"),
  now: sql.placeholder("now"),
  today: sql.placeholder("today"),
  newStallFrom: sql.placeholder("newStallFrom"),
  handoverFrom: sql.placeholder("handoverFrom"),
  outcomeFrom: sql.placeholder("outcomeFrom"),
};

/** The participants a mentor's day is about: active, served by them. */
function served(m: Moment): SQL {
  return and(eq(participants.mentorId, m.mentorId), eq(participants.status, "active"))!;
}

// ─── Each kind: its rows (FROM … WHERE), shared by the count and the list ─────

function followUps(db: Db, m: Moment, columns: Record<string, unknown>) {
  // At most one uncleared note per participant (stall-notes/stall-notes.server.ts): the uncleared one is current.
  return db
    .select(columns as never)
    .from(participants)
    .crossJoin(stallNotes)
    .where(
      and(
        served(m),
        eq(stallNotes.participantId, participants.id),
        isNull(stallNotes.clearedAt),
        lte(stallNotes.followUpOn, m.today),
        lte(participants.lastActivityAt, stallNotes.recordedAt),
      ),
    );
}

/** The mentor has already said whom this stall waits on: a current note written since its onset. */
const notedSinceOnset = sql`EXISTS (SELECT 1 FROM ${stallNotes} WHERE ${stallNotes.participantId} = ${participants.id}
  AND ${stallNotes.clearedAt} IS NULL AND ${stallNotes.recordedAt} >= ${participants.stalledSince})`;

function newStalls(db: Db, m: Moment, columns: Record<string, unknown>) {
  return db
    .select(columns as never)
    .from(participants)
    // The unary + keeps this bound off the region-wide participants_status_list range, so the mentor's
    // own rows (participants_mentor_status) are read rather than every stall of the week in the region.
    .where(and(served(m), stalledCondition(m.now), sql`+${participants.stalledSince} >= ${m.newStallFrom}`, sql`NOT ${notedSinceOnset}`));
}

function verifications(db: Db, m: Moment, columns: Record<string, unknown>) {
  return db
    .select(columns as never)
    .from(participants)
    .where(and(served(m), activeCondition(m.now), eq(participants.p1State, "submitted")));
}

function selfReports(db: Db, m: Moment, columns: Record<string, unknown>) {
  return db
    .select(columns as never)
    .from(participants)
    .crossJoin(stageEvidence)
    .where(and(served(m), eq(stageEvidence.participantId, participants.id), eq(stageEvidence.status, "pending")));
}

/** Open requests to correct one's data, from the people the mentor serves (whatever their status, as on /permintaan-data). */
function corrections(db: Db, m: Moment, columns: Record<string, unknown>) {
  return db
    .select(columns as never)
    .from(participants)
    .crossJoin(dataRequests)
    .where(and(eq(participants.mentorId, m.mentorId), eq(dataRequests.participantId, participants.id), eq(dataRequests.kind, "correction"), eq(dataRequests.status, "open")));
}

/** Those the mentor served until they graduated or withdrew, with a follow-up open today. */
function afterProgramme(db: Db, m: Moment, columns: Record<string, unknown>) {
  return db
    .select(columns as never)
    .from(participants)
    .crossJoin(programmeFollowUps)
    .where(
      and(
        eq(participants.mentorId, m.mentorId),
        inArray(participants.status, ["graduated", "withdrawn"]),
        eq(programmeFollowUps.participantId, participants.id),
        openFollowUpCondition(m.today),
      ),
    );
}

const fromMentor = aliasedTable(users, "from_mentor");

function handovers(db: Db, m: Moment, columns: Record<string, unknown>) {
  return db
    .select(columns as never)
    .from(participants)
    .crossJoin(handoffs)
    .leftJoin(fromMentor, eq(fromMentor.id, handoffs.fromMentorId))
    .where(
      and(
        served(m),
        eq(handoffs.participantId, participants.id),
        eq(handoffs.toMentorId, m.mentorId),
        gte(handoffs.at, m.handoverFrom),
        lte(participants.lastActivityAt, handoffs.at),
        // Only the newest handover of a participant.
        sql`NOT EXISTS (SELECT 1 FROM ${handoffs} later WHERE later.participant_id = ${participants.id} AND later.at > ${handoffs.at})`,
      ),
    );
}

function outcomes(db: Db, m: Moment, columns: Record<string, unknown>) {
  return db
    .select(columns as never)
    .from(participants)
    .crossJoin(referrals)
    .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
    .leftJoin(stageEvidence, eq(stageEvidence.id, referrals.outcomeEvidenceId))
    .where(and(served(m), eq(referrals.participantId, participants.id), gte(referrals.outcomeAt, m.outcomeFrom), lte(participants.lastActivityAt, referrals.outcomeAt)));
}

const SOURCES: Record<TodayKind, (db: Db, m: Moment, columns: Record<string, unknown>) => { getSQL(): SQL }> = {
  "follow-up": followUps,
  "new-stall": newStalls,
  verify: verifications,
  "self-report": selfReports,
  correction: corrections,
  "after-programme": afterProgramme,
  handover: handovers,
  outcome: outcomes,
};

function prepareCount(db: Db) {
  const columns = Object.fromEntries(
    TODAY_KINDS.map((kind) => [kind, sql<number>`(${SOURCES[kind](db, PLACEHOLDERS, { n: count() })})`.mapWith(Number)]),
  );
  return db.select(columns as unknown as Record<TodayKind, SQL<number>>).from(sql`(SELECT 1)`).prepare();
}

// The navigation shows the count on every page a mentor opens: its statement is built and compiled
// once per database handle (building it cost twice what running it does), the moment bound each time.
const countStatements = new WeakMap<Db, ReturnType<typeof prepareCount>>();

/**
 * How many items each kind has, in one statement (one subquery per kind). For the navigation's count
 * on every page: the same FROM … WHERE as the list, so the two never disagree.
 */
export function countToday(db: Db, mentorId: number, now = Date.now()): TodayCounts {
  let statement = countStatements.get(db);
  if (!statement) countStatements.set(db, (statement = prepareCount(db)));
  return statement.get(moment(mentorId, now)) as unknown as TodayCounts;
}

/** The number shown in the navigation ("Hari ini (7)"). */
export function todayTotal(db: Db, mentorId: number, now = Date.now()): number {
  return Object.values(countToday(db, mentorId, now)).reduce((sum, n) => sum + n, 0);
}

// ─── The list ────────────────────────────────────────────────────────────────

const who = { participantId: participants.id };

type Row<T> = { participantId: number } & T;

function rowsOf<T>(db: Db, kind: TodayKind, m: Moment, columns: Record<string, unknown>, order: SQL[]): Row<T>[] {
  const query = SOURCES[kind](db, m, { ...who, ...columns }) as unknown as {
    orderBy(...o: SQL[]): { limit(n: number): { all(): Row<T>[] } };
  };
  return query.orderBy(...order).limit(TODAY_KIND_LIMIT).all();
}

/** An item before its person is read (distributes over the kinds). */
type Partial_ = TodayItem extends infer I ? (I extends TodayItem ? Omit<I, "fullName" | "businessName" | "reach"> : never) : never;

/** Every item of the mentor's day, most urgent first (TODAY_KINDS' order, then each kind's own). */
export function listToday(db: Db, viewer: Viewer, now = Date.now()): TodayList {
  if (viewer.role !== "mentor") return { items: [], counts: emptyCounts(), total: 0 };
  const m = moment(viewer.id, now);
  const today = m.today;
  const counts = countToday(db, viewer.id, now);

  const parts: Partial_[] = [];
  for (const row of rowsOf<{ followUpOn: string; waitsOn: WaitsOn }>(
    db,
    "follow-up",
    m,
    { followUpOn: stallNotes.followUpOn, waitsOn: stallNotes.waitsOn },
    [asc(stallNotes.followUpOn), asc(participants.id)],
  )) {
    parts.push({ kind: "follow-up", participantId: row.participantId, followUpOn: row.followUpOn, waitsOn: row.waitsOn, overdueDays: daysBetween(row.followUpOn, today) });
  }
  for (const row of rowsOf<{ since: number }>(db, "new-stall", m, { since: participants.stalledSince }, [asc(participants.stalledSince), asc(participants.id)])) {
    parts.push({ kind: "new-stall", participantId: row.participantId, since: row.since });
  }
  for (const row of rowsOf<{ registeredAt: number }>(db, "verify", m, { registeredAt: participants.p1EnteredAt }, [asc(participants.p1EnteredAt), asc(participants.id)])) {
    parts.push({ kind: "verify", participantId: row.participantId, registeredAt: row.registeredAt });
  }
  for (const row of rowsOf<{ period: string | null; sentAt: number }>(
    db,
    "self-report",
    m,
    { period: sql<string | null>`json_extract(${stageEvidence.details}, '$.period')`, sentAt: stageEvidence.recordedAt },
    [asc(stageEvidence.recordedAt), asc(stageEvidence.id)],
  )) {
    parts.push({ kind: "self-report", participantId: row.participantId, period: row.period, sentAt: row.sentAt });
  }
  for (const row of rowsOf<{ requestId: number; requestedAt: number; message: string }>(
    db,
    "correction",
    m,
    { requestId: dataRequests.id, requestedAt: dataRequests.requestedAt, message: dataRequests.message },
    [asc(dataRequests.requestedAt), asc(dataRequests.id)],
  )) {
    parts.push({ kind: "correction", participantId: row.participantId, requestId: row.requestId, requestedAt: row.requestedAt, message: row.message });
  }
  for (const row of rowsOf<{ monthsAfter: number; dueOn: string }>(
    db,
    "after-programme",
    m,
    { monthsAfter: programmeFollowUps.monthsAfter, dueOn: programmeFollowUps.dueOn },
    [asc(programmeFollowUps.dueOn), asc(participants.id)],
  )) {
    parts.push({ kind: "after-programme", participantId: row.participantId, monthsAfter: row.monthsAfter, dueOn: row.dueOn });
  }
  for (const row of rowsOf<{ at: number; fromMentor: string | null; reason: string }>(
    db,
    "handover",
    m,
    { at: handoffs.at, fromMentor: fromMentor.name, reason: handoffs.reason },
    [desc(handoffs.at), asc(participants.id)],
  )) {
    parts.push({ kind: "handover", participantId: row.participantId, at: row.at, fromMentor: row.fromMentor, reason: row.reason });
  }
  for (const row of rowsOf<{ at: number; organisation: string; stage: StageId; evidence: string | null }>(
    db,
    "outcome",
    m,
    { at: referrals.outcomeAt, organisation: organisations.name, stage: referrals.stage, evidence: stageEvidence.kind },
    [desc(referrals.outcomeAt), asc(referrals.id)],
  )) {
    parts.push({ kind: "outcome", participantId: row.participantId, at: row.at, organisation: row.organisation, stage: row.stage, evidence: row.evidence ?? "" });
  }

  const people = peopleOf(db, viewer, [...new Set(parts.map((p) => p.participantId))], now);
  const items: TodayItem[] = [];
  for (const part of parts) {
    const person = people.get(part.participantId);
    // Gone between the two reads (handed on, out of scope): not listed.
    if (!person) continue;
    // A new stall names the stage that is past its limit; a self-report, that it arrived.
    const stalledStage = part.kind === "new-stall" ? person.stalledStage : null;
    const next: NextStep =
      part.kind === "self-report" ? { kind: "report-received" } : stalledStage ? person.nextFor(stalledStage) : person.reach.next;
    items.push({ ...part, fullName: person.fullName, businessName: person.businessName, reach: { ...person.reach, next } } as TodayItem);
  }
  return { items, counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}

function emptyCounts(): TodayCounts {
  return Object.fromEntries(TODAY_KINDS.map((kind) => [kind, 0])) as TodayCounts;
}

/** Whole days from one ISO date to a later one. */
function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS));
}

// ─── The people on the list: how to reach them, and their next step ──────────

type Person = {
  fullName: string;
  businessName: string;
  reach: Reach;
  /** The stage a stall is about (the first stage past its limit), null when it is inactivity. */
  stalledStage: StageId | null;
  nextFor(stage: StageId): NextStep;
};

/**
 * The participants of the list, read once each: only those the viewer serves and may see (the phone
 * is theirs to see). The raw number and the NIK never leave this function: the page gets the
 * number to call, the greeting and the next step.
 */
function peopleOf(db: Db, viewer: Viewer, ids: number[], now: number): Map<number, Person> {
  const people = new Map<number, Person>();
  if (ids.length === 0) return people;
  const rows = db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      phone: participants.phone,
      nikCipher: participants.nikCipher,
      snapshot: participants.snapshot,
      status: participants.status,
      lastActivityAt: participants.lastActivityAt,
      ...stageStateColumns,
      ...enteredAtColumns,
    })
    .from(participants)
    .where(and(inArray(participants.id, ids), eq(participants.mentorId, viewer.id), participantScope(db, viewer)))
    .all();
  const { machine, rules } = currentRules(db);
  const settings = loadStallSettings(db);
  for (const row of rows) {
    const snapshot = restoreStored(machine, row.snapshot);
    const entered = stageEnteredAtOf(row);
    const enteredAt = (stage: StageId) => entered[STAGES.indexOf(stage)] ?? null;
    const stageStall = stallReasons(row, settings, now).find((reason) => reason.kind === "stage");
    people.set(row.id, {
      fullName: row.fullName,
      businessName: row.businessName,
      reach: { contact: phoneContact(row.phone), greeting: greetingOf(row.fullName, row.nikCipher), next: nextStepOf(snapshot, rules, enteredAt) },
      stalledStage: stageStall?.kind === "stage" ? stageStall.stage : null,
      nextFor: (stage) => nextStepOf(snapshot, rules, enteredAt, stage),
    });
  }
  return people;
}

/**
 * How to reach one participant the viewer serves (the participant page's call and WhatsApp links),
 * or null when the viewer does not serve them: then the page shows the masked number only.
 */
export function reachParticipant(db: Db, viewer: Viewer, participantId: number, now = Date.now()): Reach | null {
  if (viewer.role !== "mentor") return null;
  return peopleOf(db, viewer, [participantId], now).get(participantId)?.reach ?? null;
}

/**
 * "Bu Siti" or "Pak Budi": the first name, with the honorific read from the NIK (women add 40 to the
 * birth day in digits 7–8). Only the honorific leaves the server, never the number.
 */
function greetingOf(fullName: string, nikCipher: string): Greeting {
  const name = fullName.trim().split(/\s+/)[0] ?? fullName;
  let honorific: Greeting["honorific"] = null;
  try {
    const day = Number(decryptNik(nikCipher).slice(6, 8));
    if (day >= 1 && day <= 31) honorific = "pak";
    else if (day >= 41 && day <= 71) honorific = "bu";
  } catch {
    // An NIK stored under another key: greet by name alone.
  }
  return { name, honorific };
}

/**
 * What the participant is asked to do next, from the machine: P1 first; then the open stage (the
 * given one, else the one open longest): what completing it still needs, or that it can be
 * completed; with no stage open, the first stage the machine lets them start.
 */
export function nextStepOf(
  snapshot: JourneySnapshot,
  rules: JourneyRules,
  enteredAt: (stage: StageId) => number | null,
  prefer?: StageId,
): NextStep {
  const { status, stages } = snapshot.context;
  if (status !== "active") return { kind: "none" };
  if (stages.registration === "submitted") return { kind: "verify" };
  if (stages.registration === "rejected") return { kind: "resubmit" };
  const open = STAGES.filter((stage) => stage !== "registration" && stages[stage] === "in_progress").sort(
    (a, b) => Number(b === prefer) - Number(a === prefer) || (enteredAt(a) ?? 0) - (enteredAt(b) ?? 0) || STAGES.indexOf(a) - STAGES.indexOf(b),
  );
  const stage = open[0];
  if (stage) {
    if (snapshot.can({ type: "COMPLETE", stage })) return { kind: "complete", stage };
    for (const missing of explainRefusal(snapshot.context, { type: "COMPLETE", stage }, rules)) {
      if (missing.code === "evidence") {
        return { kind: "evidence", stage, evidence: missing.kind as EvidenceKind, remaining: Math.max(1, missing.need - missing.have) };
      }
    }
    return { kind: "none" };
  }
  const startable = STAGES.find((s) => stages[s] === "not_started" && snapshot.can({ type: "START", stage: s }));
  return startable ? { kind: "start", stage: startable } : { kind: "none" };
}

