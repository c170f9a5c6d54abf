// The people tallies are kept by triggers generated from the stall rule (journey/stall-sql.server.ts),
// whoever writes: after the generator,
// after journey moves, after random writes of every column they count, after limit changes, after
// moving their clock either way, after inserting and deleting a participant, they equal a recount
// from the participants table. The overview's figures built on them are checked against direct
// counts in dashboard.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { generateDatabase } from "../../db/generate";
import { readSummary } from "../../app/modules/tallies/tallies.server";
import { derivedTriggers, DERIVED_PREFIX } from "../../app/modules/journey/stall-sql.server";
import { seededRandom } from "../../db/random";
import { P1_STATES, STAGE_COLUMN_STATES, STATUSES } from "../../machines/stages";
import { removeDbFiles, tempDbPath } from "../helpers/db";

const NOW = Date.UTC(2026, 2, 31);
const DAY = 86_400_000;

let path: string;
let db: Db;

beforeAll(async () => {
  path = tempDbPath("tallies");
  await generateDatabase({ participants: 1_500, out: path, seed: 11, now: NOW });
  db = openDatabase(path);
}, 120_000);
afterAll(() => {
  db?.$client.close();
  removeDbFiles(path);
});

const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];
const run = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).run(...params);

const reached = [1, 2, 3, 4, 5, 6, 7].map((n) => `sum(furthest_stage >= ${n}) AS reached_p${n}`).join(", ");
// Written here by hand, apart from the generated SQL, so that the two check each other.
const CLOCK = "(SELECT at FROM stall_clock)";
const dormantAtClock = `coalesce(status = 'active' AND dormant_since < ${CLOCK}, 0)`;
const activeAtClock = `(status = 'active' AND NOT ${dormantAtClock})`;
const stalledAtClock = `coalesce(${activeAtClock} AND stalled_since < ${CLOCK}, 0)`;
const newAtClock = `(${stalledAtClock} AND stalled_since >= ${CLOCK} - 30 * ${DAY})`;
const phase = `CASE WHEN ${dormantAtClock} THEN 'dormant' ELSE status END`;
const openStage = (n: number) => `p${n}_state = '${n === 1 ? "submitted" : "in_progress"}'`;
const perStage = (what: string, name: string) => [1, 2, 3, 4, 5, 6, 7].map((n) => `sum(${what} AND ${openStage(n)}) AS ${name}${n}`).join(", ");
const placed = `count(*) AS people, sum(${activeAtClock}) AS active, ${reached}, sum(${stalledAtClock}) AS stalled, sum(${newAtClock}) AS stalled_new, sum(${dormantAtClock}) AS dormant`;

/** What each tally table should hold, counted afresh, keyed like the table. */
const RECOUNTS = {
  district_tallies: {
    key: ["district_id", "agency_id", "status"],
    sql: `SELECT district_id, agency_id, ${phase} AS status, count(*) AS people, ${reached}, sum(${stalledAtClock}) AS stalled,
      ${perStage(stalledAtClock, "stalled_p")}, sum(${newAtClock}) AS stalled_new, ${perStage(newAtClock, "stalled_new_p")}
      FROM participants GROUP BY district_id, agency_id, ${phase}`,
  },
  cohort_tallies: {
    key: ["cohort_id", "district_id", "agency_id"],
    sql: `SELECT cohort_id, district_id, agency_id, ${placed} FROM participants WHERE cohort_id IS NOT NULL GROUP BY cohort_id, district_id, agency_id`,
  },
  mentor_tallies: {
    key: ["mentor_id", "district_id", "agency_id"],
    sql: `SELECT mentor_id, district_id, agency_id, ${placed} FROM participants WHERE mentor_id IS NOT NULL GROUP BY mentor_id, district_id, agency_id`,
  },
} as const;

/** Compares every tally table with its recount; rows left empty must be all zero. Returns rows compared. */
function expectTalliesEqualRecount(when: string): number {
  let compared = 0;
  for (const [table, { key, sql }] of Object.entries(RECOUNTS)) {
    const keyOf = (row: Record<string, unknown>) => key.map((k) => row[k]).join("|");
    const expected = new Map(all<Record<string, unknown>>(sql).map((r) => [keyOf(r), r]));
    for (const row of all<Record<string, unknown>>(`SELECT * FROM ${table}`)) {
      const want = expected.get(keyOf(row));
      expected.delete(keyOf(row));
      if (want) expect(row, `${table} ${keyOf(row)} ${when}`).toEqual(want);
      else expect(Object.entries(row).filter(([k, v]) => !(key as readonly string[]).includes(k) && v !== 0 && v !== null), `${table} ${keyOf(row)} ${when}`).toEqual([]);
      compared++;
    }
    expect([...expected.keys()], `${table}: rows missing ${when}`).toEqual([]);
  }
  return compared;
}

describe("people tallies", () => {
  it("equal a recount after generation, moves of every counted column, limit changes and clock moves", () => {
    const checks: string[] = [];
    const check = (when: string) => checks.push(`${when}: ${expectTalliesEqualRecount(when)} rows`);
    check("after generation");

    const ids = all<{ id: number }>("SELECT id FROM participants").map((r) => r.id);
    const districts = all<{ id: number }>("SELECT id FROM districts").map((r) => r.id);
    const agencies = all<{ id: number }>("SELECT id FROM agencies").map((r) => r.id);
    const cohorts = [null, ...all<{ id: number }>("SELECT id FROM cohorts").map((r) => r.id)];
    const mentors = [null, ...all<{ id: number }>("SELECT id FROM users WHERE role = 'mentor'").map((r) => r.id)];
    const rnd = seededRandom(5); // deterministic, so a failure can be replayed
    const writes: [string, () => unknown][] = [
      ["status", () => rnd.pick(STATUSES)],
      ["furthest_stage", () => Math.floor(rnd.next() * 8)],
      ["p1_state", () => rnd.pick(P1_STATES)],
      ...[2, 3, 4, 5, 6, 7].map((n) => [`p${n}_state`, () => rnd.pick(STAGE_COLUMN_STATES)] as [string, () => unknown]),
      ...[2, 3, 4, 5, 6, 7].map((n) => [`p${n}_entered_at`, () => NOW - Math.floor(rnd.next() * 200 * DAY)] as [string, () => unknown]),
      ["district_id", () => rnd.pick(districts)],
      ["agency_id", () => rnd.pick(agencies)],
      ["cohort_id", () => rnd.pick(cohorts)],
      ["mentor_id", () => rnd.pick(mentors)],
      ["last_activity_at", () => Date.now() - Math.floor(rnd.next() * 200 * DAY)],
    ];
    db.$client.transaction(() => {
      for (let i = 0; i < 600; i++) {
        // One to three columns at once, as a move, a handoff or a status change writes them.
        const chosen = [rnd.pick(writes), rnd.pick(writes), rnd.pick(writes)].slice(0, 1 + Math.floor(rnd.next() * 3));
        run(`UPDATE participants SET ${chosen.map(([c]) => `${c} = ?`).join(", ")} WHERE id = ?`, ...chosen.map(([, v]) => v()), rnd.pick(ids));
      }
    })();
    check("after 600 random writes");

    run("UPDATE stage_settings SET time_limit_days = 3 WHERE stage = 'training'");
    run("DELETE FROM stage_settings WHERE stage = 'licensing'");
    run("INSERT INTO settings (key, value) VALUES ('stall_inactivity_days', '10') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    run("INSERT INTO settings (key, value) VALUES ('dormant_days', '90') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    check("after limit changes");

    const clock = all<{ at: number }>("SELECT at FROM stall_clock")[0]!.at;
    run("UPDATE stall_clock SET at = ?", clock + 40 * DAY);
    check("after the clock moved 40 days on");
    run("UPDATE stall_clock SET at = ?", clock - 90 * DAY);
    check("after the clock moved 130 days back");

    const columns = all<{ name: string }>("PRAGMA table_info(participants)").map((c) => c.name).filter((c) => c !== "id");
    const copied = columns.map((c) => (c === "nik_hmac" ? "'tally-test'" : c === "user_id" ? "NULL" : c)).join(", ");
    const { lastInsertRowid } = run(`INSERT INTO participants (${columns.join(", ")}) SELECT ${copied} FROM participants WHERE status = 'active' LIMIT 1`);
    check("after an insert");
    run("DELETE FROM participants WHERE id = ?", lastInsertRowid);
    check("after a delete");
    console.log(checks.join("\n"));
  });

  it("are read at the moment asked, whatever the clock, and reading writes nothing", () => {
    const viewer = { id: 0, role: "coordinator" as const, cityId: null, agencyId: null };
    const clock = all<{ at: number }>("SELECT at FROM stall_clock")[0]!.at;
    const count = (condition: string, at: number) =>
      all<{ n: number }>(`SELECT count(*) AS n FROM participants WHERE ${condition}`, ...Array(condition.split("?").length - 1).fill(at))[0]!.n;
    const stalled = "status = 'active' AND stalled_since < ? AND dormant_since >= ?";
    const dormant = "status = 'active' AND dormant_since < ?";
    const newStalls = "status = 'active' AND stalled_since < ? AND dormant_since >= ? AND stalled_since >= ? - 30 * 86400000";
    const changes = db.$client.prepare("SELECT total_changes() AS n").pluck();
    for (const at of [clock, clock + 3 * DAY, clock + 40 * DAY, clock - 20 * DAY]) {
      const before = changes.get();
      const summary = readSummary(db, viewer, at);
      expect(changes.get(), "a reader wrote").toBe(before);
      expect(summary.all.stalled, `stalled at clock ${(at - clock) / DAY} days`).toBe(count(stalled, at));
      expect(summary.all.dormant, `dormant at clock ${(at - clock) / DAY} days`).toBe(count(dormant, at));
      expect(summary.all.stalledNew, `new stalls at clock ${(at - clock) / DAY} days`).toBe(count(newStalls, at));
      expect(summary.all.active).toBe(count("status = 'active' AND dormant_since >= ?", at));
    }
    expect(all<{ at: number }>("SELECT at FROM stall_clock")[0]!.at).toBe(clock);
  });

  it("are kept by exactly the triggers the stall rule generates", () => {
    const present = all<{ name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '${DERIVED_PREFIX}%' ORDER BY name`,
    );
    const wanted = derivedTriggers().sort((a, b) => a.name.localeCompare(b.name));
    expect(present.map((t) => t.name)).toEqual(wanted.map((t) => t.name));
    for (const [i, trigger] of wanted.entries()) expect(present[i]!.sql, trigger.name).toBe(trigger.sql);
    // No hand-written trigger on the tables the rule reads or keeps writes what the rule derives
    // (others may act on a participant's row for their own ends: the follow-ups after the programme).
    const others = all<{ name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE '${DERIVED_PREFIX}%'
        AND tbl_name IN ('participants', 'settings', 'stage_settings', 'stall_clock', 'district_tallies', 'cohort_tallies', 'mentor_tallies', 'stall_weeks')`,
    );
    const writesDerived = /\b(UPDATE|INSERT\s+INTO|DELETE\s+FROM|REPLACE\s+INTO)\s+`?(participants|district_tallies|cohort_tallies|mentor_tallies|stall_weeks|stall_clock)\b/i;
    expect(others.filter((t) => writesDerived.test(t.sql)).map((t) => t.name)).toEqual([]);
  });
});
