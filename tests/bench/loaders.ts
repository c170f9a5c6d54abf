// Loader benchmarks: the module verbs each page's loader calls, against the same statements run by
// better-sqlite3 alone.
import type { Db } from "../../db/client";
import type { Viewer } from "../../app/modules/access/scope.server";
import { getParticipantPage, listParticipantsInScope } from "../../app/modules/participants/participants.server";
import { listCohorts } from "../../app/modules/dashboard/cohorts.server";
import { getOverview } from "../../app/modules/dashboard/overview.server";
import { CLOCK_STEP_MS } from "../../app/modules/dashboard/clock.server";
import { time } from "./measure";
import { rawReplay, recordStatements } from "./record-sql";
import { timingRow, type Row } from "./table";

/** Ours and the raw replay of the statements ours sent, timed the same way. */
function pair(db: Db, name: string, fn: () => unknown, goal: { p95Ms: number; maxRatio: number } | undefined, runs: number): Row {
  fn(); // record a warm call, as the timed ones are (kept figures already kept, statements cached)
  const raw = rawReplay(db.$client, recordStatements(db.$client, fn));
  const ours = time(fn, { runs });
  const rawTiming = time(raw, { runs });
  const row = timingRow(name, ours, rawTiming, goal);
  console.log(`${name}: median ${row.median} ms, p95 ${row.p95} ms; raw ${rawTiming.median} / ${rawTiming.p95} ms`);
  return row;
}

/** The mentor with the largest caseload: the hardest list a mentor opens. */
function busiestMentor(db: Db): Viewer & { participants: number } {
  return db.$client
    .prepare(
      `SELECT u.id, u.role, u.city_id AS cityId, u.agency_id AS agencyId, count(p.id) AS participants
       FROM users u JOIN mentor_districts md ON md.mentor_id = u.id
       JOIN participants p ON p.district_id = md.district_id AND p.agency_id = u.agency_id
       WHERE u.role = 'mentor' GROUP BY u.id ORDER BY participants DESC LIMIT 1`,
    )
    .get() as Viewer & { participants: number };
}

export function benchLoaders(db: Db, options: { quick: boolean }): Row[] {
  const runs = options.quick ? 50 : 300;
  const now = Date.now();
  const mentor = busiestMentor(db);
  console.log(`Mentor list: mentor ${mentor.id} with ${mentor.participants} participants in scope`);
  const filters = { status: "active" as const };
  const first = listParticipantsInScope(db, mentor, filters, now);
  const rows: Row[] = [
    pair(db, `mentor list, active, first page (of ${first.total})`, () => listParticipantsInScope(db, mentor, filters, now), { p95Ms: 10, maxRatio: 2 }, runs),
    pair(
      db,
      `mentor list, active, deep page (${first.pageCount})`,
      () => listParticipantsInScope(db, mentor, { ...filters, page: first.pageCount }, now),
      { p95Ms: 10, maxRatio: 2 },
      runs,
    ),
  ];

  const province: Viewer = { id: 0, role: "coordinator", cityId: null, agencyId: null };
  const provinceList = listParticipantsInScope(db, province, filters, now);
  rows.push(
    pair(db, `province list, active, first page (of ${provinceList.total})`, () => listParticipantsInScope(db, province, filters, now), { p95Ms: 10, maxRatio: 2 }, runs),
  );

  // The overview sums the tallies the database keeps (tallies/tallies.server.ts) and adds those
  // whose stall began since the tallies' clock: measured at the clock and a full step after it.
  const clock = (db.$client.prepare("SELECT at FROM stall_clock").get() as { at: number }).at;
  rows.push(pair(db, "coordinator overview, province", () => getOverview(db, province, { now: clock }), { p95Ms: 50, maxRatio: 2 }, runs));
  rows.push(
    pair(
      db,
      "coordinator overview, province, clock an hour behind",
      () => getOverview(db, province, { now: clock + CLOCK_STEP_MS }),
      { p95Ms: 50, maxRatio: 2 },
      runs,
    ),
  );
  rows.push(pair(db, "stalled-cohort ranking, province", () => listCohorts(db, province), undefined, options.quick ? 10 : 50));

  const busiest = db.$client.prepare("SELECT id, version FROM participants ORDER BY version DESC LIMIT 1").get() as { id: number; version: number };
  rows.push(pair(db, `participant page (${busiest.version} log entries)`, () => getParticipantPage(db, busiest.id, now), undefined, runs));
  return rows;
}
