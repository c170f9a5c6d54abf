// Naik kelas, recorded: a class climbed (business-class.ts classClimbs) or an informal business's NIB.
// recordClimbs recomputes a participant's climbs from the baseline and every accepted report and
// inserts the ones not yet stored; the partial unique indexes of business_climbs make a climb
// already stored a no-op, so calling it twice, or from two writers, records each climb once.
// Every caller that records a financial report or a licence records its climbs in the move's own
// transaction (climbsWithMove, handed to the journey service, which stays below this area): the
// participant page, bulk evidence, an accepted self-report; a partner's outcome calls it inside its
// own transaction. A report and its climb commit together or not at all. The seed and the generator
// call recordAllClimbs once at the end.
import type { Db } from "../../../db/client";
import { businessClass, classClimbs, type ClassThresholds } from "./business-class";
import { thresholdsInForce } from "./thresholds.server";

type Sqlite = Db["$client"];

function connectionOf(db: Db): Sqlite {
  return db.$client ?? (db as unknown as { session: { client: Sqlite } }).session.client;
}

type BaselineRow = { id: number; turnover: number | null; capital: number | null; hasNib: number | null };
type ReportRow = { participantId: number; id: number; on: string; details: string };

const REPORTS = `SELECT participant_id AS participantId, id, occurred_on AS "on", details FROM stage_evidence
  WHERE kind = 'financial_report' AND status = 'recorded'`;
// An NIB licence recorded at P4 (details.type = 'nib'), the earliest one.
const NIBS = `SELECT participant_id AS participantId, min(occurred_on) AS "on", min(id) AS id FROM stage_evidence
  WHERE kind = 'licence' AND status = 'recorded' AND json_extract(details, '$.type') = 'nib'`;
const INSERT = `INSERT INTO business_climbs (participant_id, kind, from_class, to_class, occurred_on, evidence_id, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;

/** A report's figures for its class: turnover is monthly, assets the business capital; a yearly figure if given. */
export function reportFigures(details: unknown) {
  const d = (details ?? {}) as Record<string, unknown>;
  const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
  return { capital: num(d.assets), monthlyTurnover: num(d.turnover), annualSales: num(d.annualSales), workers: num(d.workers) };
}

function write(sqlite: Sqlite, thresholds: ClassThresholds, person: BaselineRow, reports: ReportRow[], nib: { on: string; id: number } | undefined, at: number): number {
  const insert = sqlite.prepare(INSERT);
  let written = 0;
  const baseline = businessClass({ capital: person.capital, monthlyTurnover: person.turnover }, thresholds);
  const points = reports.map((r) => ({ on: r.on, evidenceId: r.id, class: businessClass(reportFigures(JSON.parse(r.details)), thresholds) }));
  for (const climb of classClimbs(baseline, points)) {
    written += insert.run(person.id, "class", climb.from, climb.to, climb.on, climb.evidenceId, at).changes;
  }
  // Informal at entry (no NIB) and an NIB recorded since: the business became formal.
  if (person.hasNib === 0 && nib) written += insert.run(person.id, "nib", null, null, nib.on, nib.id, at).changes;
  return written;
}

const byDate = (a: ReportRow, b: ReportRow) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id);

/** The evidence kinds that may show a climb: a financial report (a class), a licence (an NIB). */
export const CLIMB_EVIDENCE: ReadonlySet<string> = new Set(["financial_report", "licence"]);

/**
 * The move's in-transaction step for this kind of evidence (MoveInput.alsoInTransaction): records the
 * climbs a report or a licence may show; none for other kinds.
 */
export function climbsWithMove(db: Db, kind: string): ((participantId: number, at: number) => void) | undefined {
  return CLIMB_EVIDENCE.has(kind) ? (participantId, at) => void recordClimbs(db, participantId, at) : undefined;
}

/** Records the participant's climbs not yet recorded; returns how many were new. */
export function recordClimbs(db: Db, participantId: number, at = Date.now()): number {
  const sqlite = connectionOf(db);
  const person = sqlite
    .prepare("SELECT id, entry_turnover AS turnover, entry_assets AS capital, entry_has_nib AS hasNib FROM participants WHERE id = ?")
    .get(participantId) as BaselineRow | undefined;
  if (!person) return 0;
  const reports = (sqlite.prepare(`${REPORTS} AND participant_id = ?`).all(participantId) as ReportRow[]).sort(byDate);
  const nib = sqlite.prepare(`${NIBS} AND participant_id = ?`).get(participantId) as { on: string | null; id: number } | undefined;
  return write(sqlite, thresholdsInForce(db), person, reports, nib?.on ? { on: nib.on, id: nib.id } : undefined, at);
}

/** Every participant's climbs, in one pass (the generator and the seed, after writing journeys). */
export function recordAllClimbs(db: Db, at = Date.now()): number {
  const sqlite = connectionOf(db);
  const thresholds = thresholdsInForce(db);
  const reports = new Map<number, ReportRow[]>();
  for (const row of sqlite.prepare(REPORTS).all() as ReportRow[]) {
    const list = reports.get(row.participantId);
    if (list) list.push(row);
    else reports.set(row.participantId, [row]);
  }
  const nibs = new Map<number, { on: string; id: number }>();
  for (const row of sqlite.prepare(`${NIBS} GROUP BY participant_id`).all() as { participantId: number; on: string; id: number }[]) {
    nibs.set(row.participantId, row);
  }
  let written = 0;
  const people = sqlite.prepare(
    "SELECT id, entry_turnover AS turnover, entry_assets AS capital, entry_has_nib AS hasNib FROM participants",
  );
  sqlite.transaction(() => {
    for (const person of people.all() as BaselineRow[]) {
      const own = reports.get(person.id);
      const nib = nibs.get(person.id);
      if (!own && !nib) continue;
      written += write(sqlite, thresholds, person, (own ?? []).sort(byDate), nib, at);
    }
  })();
  return written;
}
