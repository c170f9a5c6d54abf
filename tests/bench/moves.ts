// Move benchmarks: one move through the journey service, and a bulk move of a 50-person cohort,
// against better-sqlite3 alone writing the same rows in the same kind of transaction (BEGIN
// IMMEDIATE, read the row, update it where the version still matches, append the log, commit; same
// connection, same durability setting). The moves alternate HOLD and RESUME, which the machine always
// allows, so both sides can run as long as needed and every row written is a legal journey.
import type { Db } from "../../db/client";
import { applyBulk, applyMove } from "../../app/modules/journey/journey.server";
import { JOURNEY_MACHINE_VERSION } from "../../machines/journey";
import { time } from "./measure";
import { timingRow, type Row } from "./table";

type Status = "active" | "on_hold";
type Person = { id: number; version: number; status: Status; snapshots: Partial<Record<Status, string>> };

const REASON = "Uji beban";
const eventFor = (status: Status) => (status === "active" ? { type: "HOLD" as const, reason: REASON } : { type: "RESUME" as const });
const flip = (status: Status): Status => (status === "active" ? "on_hold" : "active");

function rawWriter(db: Db) {
  const client = db.$client;
  const rulesVersion = (client.prepare("SELECT max(version) AS v FROM journey_rules").get() as { v: number }).v;
  const read = client.prepare("SELECT version, snapshot FROM participants WHERE id = ?");
  const update = client.prepare(
    `UPDATE participants SET status = ?, status_reason = ?, snapshot = ?, machine_version = ?, last_activity_at = ?, version = ?
     WHERE id = ? AND version = ?`,
  );
  const append = client.prepare(
    `INSERT INTO transition_log (participant_id, version, event_type, stage, event, reason, evidence_id, actor_user_id, at, machine_version, rules_version)
     VALUES (?, ?, ?, NULL, ?, ?, NULL, ?, ?, ?, ?)`,
  );
  const one = (person: Person, actor: number) => {
    const row = read.get(person.id) as { version: number };
    if (row.version !== person.version) throw new Error("raw writer: stale version");
    const next = flip(person.status);
    const event = eventFor(person.status);
    const at = Date.now();
    const changed = update.run(next, event.type === "HOLD" ? REASON : null, person.snapshots[next]!, JOURNEY_MACHINE_VERSION, at, person.version + 1, person.id, person.version);
    if (changed.changes !== 1) throw new Error("raw writer: no row updated");
    append.run(person.id, person.version + 1, event.type, JSON.stringify(event), event.type === "HOLD" ? REASON : null, actor, at, JOURNEY_MACHINE_VERSION, rulesVersion);
    person.version++;
    person.status = next;
  };
  return {
    move: client.transaction(one).immediate,
    /** Each participant its own transaction, as applyBulk does. */
    bulk: (people: Person[], actor: number) => {
      for (const person of people) client.transaction(one).immediate(person, actor);
    },
  };
}

function snapshotOf(db: Db, id: number): string {
  return (db.$client.prepare("SELECT snapshot FROM participants WHERE id = ?").get(id) as { snapshot: string }).snapshot;
}

/** Moves a person through ours once in each direction, learning the stored snapshot of both states. */
function learnSnapshots(db: Db, people: Person[], actor: number): void {
  for (let i = 0; i < 2; i++) {
    for (const person of people) {
      const result = applyMove(db, { participantId: person.id, expectedVersion: person.version, event: eventFor(person.status), actorUserId: actor });
      person.version = result.version;
      person.status = flip(person.status);
      person.snapshots[person.status] = snapshotOf(db, person.id);
    }
  }
}

export function benchMoves(db: Db, options: { quick: boolean }): Row[] {
  const runs = options.quick ? 100 : 1_000;
  const actor = (db.$client.prepare("SELECT id FROM users WHERE role = 'mentor' ORDER BY id LIMIT 1").get() as { id: number }).id;
  const raw = rawWriter(db);

  const single: Person = {
    ...(db.$client.prepare("SELECT id, version FROM participants WHERE status = 'active' ORDER BY id LIMIT 1").get() as { id: number; version: number }),
    status: "active",
    snapshots: {},
  };
  learnSnapshots(db, [single], actor);
  const ours = time(
    () => {
      const result = applyMove(db, { participantId: single.id, expectedVersion: single.version, event: eventFor(single.status), actorUserId: actor });
      single.version = result.version;
      single.status = flip(single.status);
    },
    { runs },
  );
  const rawTiming = time(() => raw.move(single, actor), { runs });
  const rows = [timingRow("one move through the journey service (hold / resume)", ours, rawTiming, { p95Ms: 2, maxRatio: 2 })];

  // The cohort with most active members: its first 50.
  const cohort = db.$client
    .prepare("SELECT cohort_id AS id FROM participants WHERE status = 'active' AND cohort_id IS NOT NULL GROUP BY cohort_id ORDER BY count(*) DESC LIMIT 1")
    .get() as { id: number };
  const members: Person[] = (
    db.$client
      .prepare("SELECT id, version FROM participants WHERE cohort_id = ? AND status = 'active' ORDER BY id LIMIT 50")
      .all(cohort.id) as { id: number; version: number }[]
  ).map((m) => ({ ...m, status: "active" as Status, snapshots: {} }));
  learnSnapshots(db, members, actor);
  const bulkRuns = options.quick ? 10 : 60;
  const oursBulk = time(
    () => {
      const outcomes = applyBulk(db, {
        items: members.map((m) => ({ participantId: m.id, expectedVersion: m.version })),
        event: eventFor(members[0]!.status),
        actorUserId: actor,
      });
      for (const [i, outcome] of outcomes.entries()) {
        if (!outcome.applied) throw new Error(`bulk refused ${outcome.participantId}: ${outcome.error.code}`);
        members[i]!.version = outcome.version;
        members[i]!.status = flip(members[i]!.status);
      }
    },
    { runs: bulkRuns, warmup: 2 },
  );
  const rawBulk = time(() => raw.bulk(members, actor), { runs: bulkRuns, warmup: 2 });
  rows.push(timingRow(`bulk move of a ${members.length}-person cohort`, oursBulk, rawBulk, undefined));
  for (const row of rows) console.log(`${row.name}: median ${row.median} ms, p95 ${row.p95} ms; raw ${row.raw?.median} / ${row.raw?.p95} ms`);
  return rows;
}
