// The coordinator's dashboard: every figure equals a direct SQL count (the stall rule through its own
// pure function, stallReasons), for the province and a city coordinator; a city coordinator never gets
// another city's figures; every link on the page opens a list whose count is the figure it showed;
// the counters kept with each move equal a recount from the transition log.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDatabase } from "../../db/generate";
import { openDatabase, type Db } from "../../db/client";
import { listCohorts, getCohortPage } from "../../app/modules/dashboard/cohorts.server";
import { durationWeek, monthOf } from "../../app/modules/journey/counters";
import { getIndicators } from "../../app/modules/dashboard/indicators.server";
import { CONVERSION_BY } from "../../app/modules/dashboard/options";
import { getOverview, lastTwelveMonths } from "../../app/modules/dashboard/overview.server";
import { loadStallSettings } from "../../app/modules/journey/stalled.server";
import { DAY_MS } from "../../machines/time";
import { isDormant, NEW_STALL_DAYS, stallAgeBand, stallReasons, weekOf, weekStart, type StallColumns, type StallSettings } from "../../app/modules/journey/stalled";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { TREND_WEEKS } from "../../app/modules/dashboard/trend.server";
import { parseListFilters } from "../../app/modules/participants/list-filters";
import { listParticipantsInScope } from "../../app/modules/participants/participants.server";
import type { Viewer } from "../../app/modules/access/scope.server";
import { STAGES, STATUSES, stageNumber, type StageId } from "../../machines/stages";
import { removeDbFiles, tempDbPath } from "../helpers/db";
import { get, signIn, startServer, type TestServer } from "../helpers/server";

const PROVINCE = "koordinator@pas.demo";
const JAKTIM = "koordinator.jaktim@pas.demo";

let server: TestServer;
let db: Db;
let settings: StallSettings;
const cookies: Record<string, string> = {};
const viewers: Record<string, Viewer> = {};

type Row = StallColumns & {
  id: number;
  districtId: number;
  cohortId: number | null;
  mentorId: number | null;
  agencyId: number;
  furthest: number;
  stalledSince: number | null;
  dormantSince: number | null;
};

function scopeSql(email: string): string {
  const v = viewers[email]!;
  return v.cityId == null ? "1 = 1" : `p.district_id IN (SELECT id FROM districts WHERE city_id = ${v.cityId})`;
}

function rowsInScope(email: string): Row[] {
  const cols = STAGES.map((s) => `p${stageNumber(s)}_state AS p${stageNumber(s)}State, p${stageNumber(s)}_entered_at AS p${stageNumber(s)}EnteredAt`).join(", ");
  return server.sql
    .prepare(
      `SELECT p.id, p.status, p.last_activity_at AS lastActivityAt, ${cols}, p.district_id AS districtId, p.cohort_id AS cohortId,
              p.mentor_id AS mentorId, p.agency_id AS agencyId, p.furthest_stage AS furthest,
              p.stalled_since AS stalledSince, p.dormant_since AS dormantSince
       FROM participants p WHERE ${scopeSql(email)}`,
    )
    .all() as Row[];
}

const stalled = (r: Row, now: number) => stallReasons(r, settings, now).length > 0;
/** Stalled, with the onset within NEW_STALL_DAYS (stall-sql.server.ts stalled_new). */
const stalledNew = (r: Row, now: number) => stalled(r, now) && r.stalledSince! >= now - NEW_STALL_DAYS * DAY_MS;
const dormant = (r: Row, now: number) => isDormant(r, settings, now);
/** Active and not dormant: the "active" of every figure. */
const activeNow = (r: Row, now: number) => r.status === "active" && !dormant(r, now);
/** The phase a participant counts in: a status, or dormant. */
const phaseOf = (r: Row, now: number) => (dormant(r, now) ? "dormant" : r.status);
/** Today's date in Jakarta, for the cohorts' planned end (open: planned end today or later). */
const jakartaToday = (now: number) => jakartaDate(new Date(now));
const isOpen = (r: Row, stage: StageId) => r[`p${stageNumber(stage) as 2}State`] === (stage === "registration" ? "submitted" : "in_progress");
const countWhere = (rows: Row[], keep: (r: Row) => boolean) => rows.reduce((n, r) => n + (keep(r) ? 1 : 0), 0);

beforeAll(async () => {
  server = await startServer({ label: "dashboard", participants: 600 });
  db = openDatabase(server.dbPath);
  settings = loadStallSettings(db);
  for (const email of [PROVINCE, JAKTIM]) {
    cookies[email] = await signIn(server.url, email);
    viewers[email] = server.sql.prepare("SELECT id, role, city_id AS cityId, agency_id AS agencyId FROM users WHERE email = ?").get(email) as Viewer;
  }
  // Stall notes to break down: current notes on stalled participants in two cities, one cleared note,
  // and one current note on a participant who is not stalled (counted nowhere).
  const now = Date.now();
  const all = rowsInScope(PROVINCE);
  // A participant has at most one uncleared note (the service clears the one a new note replaces), so
  // only participants without one get a note here.
  const noted = new Set((server.sql.prepare("SELECT participant_id AS id FROM stall_notes WHERE cleared_at IS NULL").all() as { id: number }[]).map((r) => r.id));
  const stalledRows = all.filter((r) => stalled(r, now) && !noted.has(r.id));
  // Follow-ups: every third note's date has passed (overdue), the others lie ahead; the cleared note
  // and the note on someone not stalled are overdue too, and counted nowhere.
  const note = server.sql.prepare("INSERT INTO stall_notes (participant_id, waits_on, follow_up_on, recorded_at, cleared_at) VALUES (?, ?, ?, ?, ?)");
  const waits = ["entrepreneur", "mentor", "partner", "bank"];
  stalledRows.slice(0, 40).forEach((r, i) => note.run(r.id, waits[i % 4], i % 3 === 0 ? "2025-01-01" : "2030-01-01", now - 1000, null));
  note.run(stalledRows[41]!.id, "bank", "2025-01-01", now - 2000, now - 1000);
  note.run(all.find((r) => !stalled(r, now))!.id, "bank", "2025-01-01", now - 1000, null);
}, 180_000);

afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

describe("coordinator overview figures", () => {
  // The tallies count the stalled as of their clock (about now); a moment after it or before it adds
  // or takes out those whose onset lies between.
  const moments = [
    ["now", 0],
    ["20 days on", 20 * 86_400_000],
    ["20 days back", -20 * 86_400_000],
  ] as const;
  for (const email of [PROVINCE, JAKTIM]) for (const [moment, offset] of moments) {
    it(`equal direct counts for ${email}, ${moment}`, () => {
      const viewer = viewers[email]!;
      const now = Date.now() + offset;
      const rows = rowsInScope(email);
      let checked = 0;
      const eq = (actual: number, expected: number, what: string) => {
        expect(actual, what).toBe(expected);
        checked++;
      };
      for (const by of CONVERSION_BY) {
        const o = getOverview(db, viewer, { by, now });
        const key = { district: "districtId", agency: "agencyId", mentor: "mentorId", cohort: "cohortId" } as const;
        for (const row of o.conversion.rows) {
          const members = rows.filter((r) => r[key[by]] === row.id);
          eq(row.registrants, members.length, `${by} ${row.name} registrants`);
          row.reached.forEach((v, i) => eq(v, countWhere(members, (r) => r.furthest >= i + 1), `${by} ${row.name} P${i + 1}`));
        }
        if (by !== "district") continue;
        eq(o.totals.registrants, rows.length, "registrants");
        eq(o.totals.active, countWhere(rows, (r) => activeNow(r, now)), "active");
        eq(o.totals.stalled, countWhere(rows, (r) => stalled(r, now)), "stalled");
        eq(o.totals.stalledNew, countWhere(rows, (r) => stalledNew(r, now)), "stalled new");
        eq(o.totals.dormant, countWhere(rows, (r) => dormant(r, now)), "dormant");
        eq(o.totals.graduated, countWhere(rows, (r) => r.status === "graduated"), "graduated");
        STAGES.forEach((stage, i) => {
          eq(o.totals.reached[i]!, countWhere(rows, (r) => r.furthest >= i + 1), `reached P${i + 1}`);
          for (const s of [...STATUSES, "dormant"] as const) eq(o.funnel[i]![s], countWhere(rows, (r) => r.furthest >= i + 1 && phaseOf(r, now) === s), `funnel P${i + 1} ${s}`);
          eq(o.stalledByStage[i]!, countWhere(rows, (r) => stalled(r, now) && isOpen(r, stage)), `stalled with ${stage} open`);
          eq(o.stalledNewByStage[i]!, countWhere(rows, (r) => stalledNew(r, now) && isOpen(r, stage)), `new stalled with ${stage} open`);
        });
        // Stall ages: each band by the rule's own function over the stored onset.
        for (const b of o.ageBands) eq(b.count, countWhere(rows, (r) => stalled(r, now) && stallAgeBand(r.stalledSince!, now) === b.band), `age band ${b.band}`);
        expect(o.ageBands.reduce((t, b) => t + b.count, 0)).toBe(o.totals.stalled);
        // The trend: opened = ended episodes from stall_weeks + those under way (active, onset before now) by their onset's week; resolved from stall_weeks.
        const current = weekOf(now);
        const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => current - TREND_WEEKS + 1 + i);
        const kept = server.sql
          .prepare(`SELECT week, sum(opened) AS opened, sum(resolved) AS resolved FROM stall_weeks p WHERE ${scopeSql(email)} GROUP BY week`)
          .all() as { week: number; opened: number; resolved: number }[];
        const keptAt = new Map(kept.map((k) => [k.week, k]));
        expect(o.trend.map((w) => w.week)).toEqual(weeks);
        for (const w of o.trend) {
          const underWay = countWhere(rows, (r) => r.status === "active" && r.stalledSince !== null && r.stalledSince < now && weekOf(r.stalledSince) === w.week);
          eq(w.opened, (keptAt.get(w.week)?.opened ?? 0) + underWay, `week ${w.week} opened`);
          eq(w.resolved, keptAt.get(w.week)?.resolved ?? 0, `week ${w.week} resolved`);
          expect(w.start).toBe(weekStart(w.week));
        }
        eq(o.districts.length, new Set(rows.map((r) => r.districtId)).size, "districts with participants");
        for (const d of o.districts) {
          const members = rows.filter((r) => r.districtId === d.id);
          eq(d.active, countWhere(members, (r) => activeNow(r, now)), `${d.name} active`);
          eq(d.stalled, countWhere(members, (r) => stalled(r, now)), `${d.name} stalled`);
          eq(d.stalledNew, countWhere(members, (r) => stalledNew(r, now)), `${d.name} stalled new`);
          STAGES.forEach((stage, i) => {
            eq(d.stalledOpen[i]!, countWhere(members, (r) => stalled(r, now) && isOpen(r, stage)), `${d.name} ${stage}`);
            eq(d.stalledNewOpen[i]!, countWhere(members, (r) => stalledNew(r, now) && isOpen(r, stage)), `${d.name} ${stage} new`);
          });
          const direction = recentEpisodes(email, now, "district_id", d.id, members);
          expect(d.direction, `${d.name} direction`).toEqual(direction);
        }
        expect(o.districts.map((d) => d.id), "districts by what changed").toEqual(
          [...o.districts].sort((a, b) => b.stalledNew - a.stalledNew || b.share - a.share || b.stalled - a.stalled || a.id - b.id).map((d) => d.id),
        );
        // Cohorts: open ones with active members only (planned end today or later in Jakarta), most new
        // stalls first, then the share of active members stalled; the flag is share > threshold.
        const openIds = new Set(
          (server.sql.prepare("SELECT id FROM cohorts WHERE planned_end_on >= ?").all(jakartaToday(now)) as { id: number }[]).map((c) => c.id),
        );
        const ranked = [...new Set(rows.filter((r) => r.cohortId != null && activeNow(r, now)).map((r) => r.cohortId!))]
          .filter((id) => openIds.has(id))
          .map((id) => {
            const members = rows.filter((r) => r.cohortId === id);
            const active = countWhere(members, (r) => activeNow(r, now));
            const stalledCount = countWhere(members, (r) => stalled(r, now));
            return { id, stalledNew: countWhere(members, (r) => stalledNew(r, now)), share: stalledCount / active, stalled: stalledCount };
          })
          .sort((a, b) => b.stalledNew - a.stalledNew || b.share - a.share || b.stalled - a.stalled || a.id - b.id);
        expect(o.cohorts.map((c) => c.id), "open cohorts ranked by what changed").toEqual(ranked.slice(0, o.cohorts.length).map((c) => c.id));
        expect(o.cohorts.length).toBe(Math.min(10, ranked.length));
        eq(o.cohortsFlagged, ranked.filter((c) => c.share > settings.cohortThreshold).length, "cohorts flagged");
        expect(o.cohorts.every((c) => openIds.has(c.id)), "no closed cohort ranked").toBe(true);
        for (const c of o.cohorts) {
          const members = rows.filter((r) => r.cohortId === c.id);
          eq(c.stalled, countWhere(members, (r) => stalled(r, now)), `cohort ${c.name} stalled`);
          eq(c.stalledNew, countWhere(members, (r) => stalledNew(r, now)), `cohort ${c.name} stalled new`);
          eq(c.active, countWhere(members, (r) => activeNow(r, now)), `cohort ${c.name} active`);
          expect(c.flagged).toBe(c.share > settings.cohortThreshold);
          expect(c.direction, `cohort ${c.name} direction`).toEqual(recentEpisodes(email, now, "cohort_id", c.id, members));
        }
        for (const m of o.mentors) {
          const members = rows.filter((r) => r.mentorId === m.id);
          eq(m.participants, members.length, `mentor ${m.name}`);
          eq(m.stalled, countWhere(members, (r) => stalled(r, now)), `mentor ${m.name} stalled`);
        }
        // Waits-on: current (uncleared) notes of participants stalled now, in scope.
        // Each participant's current note: the newest uncleared one.
        const newestLast = server.sql
          .prepare("SELECT participant_id AS id, waits_on AS waitsOn, follow_up_on AS followUpOn FROM stall_notes WHERE cleared_at IS NULL ORDER BY recorded_at, id")
          .all() as { id: number; waitsOn: string; followUpOn: string }[];
        const notes = [...new Map(newestLast.map((n) => [n.id, n])).values()];
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const w of o.waitsOn) {
          eq(w.count, notes.filter((n) => n.waitsOn === w.waitsOn && byId.has(n.id) && stalled(byId.get(n.id)!, now)).length, `waits on ${w.waitsOn}`);
        }
        // Overdue follow-ups: current notes of the stalled in scope whose date is before today in Jakarta.
        eq(o.overdueFollowUps, notes.filter((n) => n.followUpOn < jakartaToday(now) && byId.has(n.id) && stalled(byId.get(n.id)!, now)).length, "overdue follow-ups");
        if (offset === 0) expect(o.overdueFollowUps).toBeGreaterThan(0);
        expect(o.waitsOn.reduce((t, w) => t + w.count, 0)).toBeGreaterThan(0);
        // Monthly entries and completions, and the medians, against a recount of the log.
        const recount = recountFromLog(email);
        const months = lastTwelveMonths(now);
        for (const s of o.monthly.stages) {
          months.forEach((m, i) => {
            eq(s.entered[i]!, recount.months.get(`${s.stage}|${m}`)?.entered ?? 0, `${s.stage} ${m} entered`);
            eq(s.completed[i]!, recount.months.get(`${s.stage}|${m}`)?.completed ?? 0, `${s.stage} ${m} completed`);
          });
        }
        for (const m of o.medians) {
          const weeks = (recount.weeks.get(m.stage) ?? []).sort((a, b) => a - b);
          eq(m.completions, weeks.length, `${m.stage} completions`);
          expect(m.medianWeek, `${m.stage} median`).toBe(weeks.length ? weeks[Math.ceil(weeks.length / 2) - 1]! : null);
        }
        console.log(`${email}: ${rows.length} participants, ${o.totals.stalled} stalled, ${o.cohortsFlagged} cohorts flagged`);
      }
      console.log(`${email}: ${checked} figures equal a direct count`);
    });
  }
});

/**
 * Stalls opened and resolved over the last four weeks (the current one included) for one district or
 * cohort in scope: stall_weeks, plus the members whose stall is under way with its onset in those weeks.
 */
function recentEpisodes(email: string, now: number, column: "district_id" | "cohort_id", id: number, members: Row[]) {
  const from = weekOf(now) - 3;
  const kept = server.sql
    .prepare(`SELECT coalesce(sum(opened), 0) AS opened, coalesce(sum(resolved), 0) AS resolved FROM stall_weeks p WHERE ${scopeSql(email)} AND ${column} = ? AND week BETWEEN ? AND ?`)
    .get(id, from, weekOf(now)) as { opened: number; resolved: number };
  const underWay = countWhere(members, (r) => r.status === "active" && r.stalledSince !== null && r.stalledSince < now && weekOf(r.stalledSince) >= from);
  return { opened: kept.opened + underWay, resolved: kept.resolved };
}

/**
 * Walks a transition log by event type, as an independent recount of what the counters hold: a stage
 * is entered by REGISTER / RESUBMIT (P1), START or SEND_BACK, or by evidence recorded while it had not
 * started (the machine starts it); completed by VERIFY (P1) or COMPLETE, with its time since it was
 * entered; waived by WAIVE.
 */
function walkLog(
  log: { pid: number; type: string; stage: string | null; at: number; d: number }[],
  count: (kind: "entered" | "completed" | "waived", e: { stage: string; at: number; d: number }, openedAt?: number) => void,
) {
  const state = new Map<string, "open" | "closed">();
  const opened = new Map<string, number>();
  for (const e of log) {
    if (!e.stage) continue;
    const key = `${e.pid}|${e.stage}`;
    const opens = ["REGISTER", "RESUBMIT", "START", "SEND_BACK"].includes(e.type) || (e.type === "RECORD_EVIDENCE" && !state.has(key));
    if (opens) {
      count("entered", e as { stage: string; at: number; d: number });
      state.set(key, "open");
      opened.set(key, e.at);
    } else if (e.type === "VERIFY" || e.type === "COMPLETE") {
      count("completed", e as { stage: string; at: number; d: number }, opened.get(key));
      state.set(key, "closed");
    } else if (e.type === "WAIVE") {
      count("waived", e as { stage: string; at: number; d: number });
      state.set(key, "closed");
    } else if (e.type === "REJECT") state.set(key, "closed");
  }
}
/** Entries, completions and durations per stage, from the transition log alone (by event type). */
function recountFromLog(email: string) {
  const log = server.sql
    .prepare(
      `SELECT l.participant_id AS pid, l.event_type AS type, l.stage, l.at, p.district_id AS d FROM transition_log l
       JOIN participants p ON p.id = l.participant_id WHERE ${scopeSql(email)} ORDER BY l.participant_id, l.version`,
    )
    .all() as { pid: number; type: string; stage: StageId | null; at: number; d: number }[];
  const months = new Map<string, { entered: number; completed: number; waived: number }>();
  const weeks = new Map<StageId, number[]>();
  walkLog(log, (kind, e, openedAt) => {
    const key = `${e.stage}|${monthOf(e.at)}`;
    const row = months.get(key) ?? { entered: 0, completed: 0, waived: 0 };
    row[kind]++;
    months.set(key, row);
    if (kind === "completed") weeks.set(e.stage as StageId, [...(weeks.get(e.stage as StageId) ?? []), durationWeek(openedAt!, e.at)]);
  });
  return { months, weeks };
}

/**
 * The counters as a recount of a database's transition log would give them, and as stored. A move
 * counts in the district the participant was in when it happened: before a handoff, the one it came from.
 */
function countersAndRecount(sql: Database.Database) {
  const log = sql
    .prepare("SELECT l.participant_id AS pid, l.event_type AS type, l.stage, l.at, p.district_id AS d FROM transition_log l JOIN participants p ON p.id = l.participant_id ORDER BY l.participant_id, l.version")
    .all() as { pid: number; type: string; stage: string | null; at: number; d: number }[];
  const handoffs = sql.prepare("SELECT participant_id AS pid, from_district_id AS fromD, to_district_id AS toD, at FROM handoffs ORDER BY at, id").all() as { pid: number; fromD: number; toD: number; at: number }[];
  const districtAt = (pid: number, at: number, current: number) => {
    const own = handoffs.filter((h) => h.pid === pid);
    if (own.length === 0) return current;
    const last = own.filter((h) => h.at <= at).pop();
    return last ? last.toD : own[0]!.fromD;
  };
  const expected = new Map<string, number>();
  const add = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
  walkLog(
    log.map((e) => ({ ...e, d: districtAt(e.pid, e.at, e.d) })),
    (kind, e, openedAt) => {
      add(`m|${e.d}|${e.stage}|${monthOf(e.at)}|${kind}`);
      if (kind === "completed") add(`w|${e.d}|${e.stage}|${durationWeek(openedAt!, e.at)}`);
    },
  );
  const actual = new Map<string, number>();
  for (const r of sql.prepare("SELECT district_id AS d, stage, month, entered, completed, waived FROM stage_month_counts").all() as { d: number; stage: string; month: string; entered: number; completed: number; waived: number }[]) {
    for (const kind of ["entered", "completed", "waived"] as const) if (r[kind]) actual.set(`m|${r.d}|${r.stage}|${r.month}|${kind}`, r[kind]);
  }
  for (const r of sql.prepare("SELECT district_id AS d, stage, week, completions FROM stage_durations").all() as { d: number; stage: string; week: number; completions: number }[]) {
    actual.set(`w|${r.d}|${r.stage}|${r.week}`, r.completions);
  }
  return { actual: Object.fromEntries(actual), expected: Object.fromEntries(expected), logEntries: log.length, handoffs: handoffs.length };
}

describe("open cohorts only", () => {
  it("a cohort whose planned end has passed is never ranked or flagged, on the overview or the cohort list", () => {
    const viewer = viewers[PROVINCE]!;
    const now = Date.now();
    const before = getOverview(db, viewer, { now });
    const top = before.cohorts.find((c) => c.flagged) ?? before.cohorts[0]!;
    const listBefore = listCohorts(db, viewer, { now });
    const planned = server.sql.prepare("SELECT planned_end_on AS d FROM cohorts WHERE id = ?").get(top.id) as { d: string };
    // Closed since yesterday (Jakarta): the same members, the same stalls.
    server.sql.prepare("UPDATE cohorts SET planned_end_on = ? WHERE id = ?").run(jakartaDate(new Date(now - DAY_MS)), top.id);
    try {
      const after = getOverview(db, viewer, { now });
      expect(after.cohorts.map((c) => c.id)).not.toContain(top.id);
      expect(after.cohortsFlagged).toBe(before.cohortsFlagged - (top.flagged ? 1 : 0));
      const list = listCohorts(db, viewer, { now });
      expect(list.total).toBe(listBefore.total - 1);
      expect(list.flagged).toBe(listBefore.flagged - (top.flagged ? 1 : 0));
      const pages = Array.from({ length: list.pageCount }, (_, i) => listCohorts(db, viewer, { now, page: i + 1 }).rows).flat();
      expect(pages.map((c) => c.id)).not.toContain(top.id);
      console.log(`cohort ${top.name} (${top.stalledNew} new, flagged ${top.flagged}) closed: left out of the ranking and the flagged count`);
    } finally {
      server.sql.prepare("UPDATE cohorts SET planned_end_on = ? WHERE id = ?").run(planned.d, top.id);
    }
    expect(getOverview(db, viewer, { now }).cohorts[0]!.id).toBe(before.cohorts[0]!.id);
  });
});

describe("dashboard counters", () => {
  it("kept by the journey service equal a recount of the whole transition log (demo seed)", () => {
    const { actual, expected, logEntries, handoffs } = countersAndRecount(server.sql);
    expect(actual).toEqual(expected);
    console.log(`service counters: ${Object.keys(actual).length} cells equal a recount of ${logEntries} log entries (${handoffs} handoffs)`);
  });

  it("written by the scale generator equal a recount of its transition log", async () => {
    const path = tempDbPath("dashboard-generate");
    try {
      await generateDatabase({ participants: 1500, out: path, seed: 7, now: Date.UTC(2026, 5, 1) });
      const sql = new Database(path, { readonly: true });
      const { actual, expected, logEntries } = countersAndRecount(sql);
      sql.close();
      expect(Object.keys(actual).length).toBeGreaterThan(100);
      expect(actual).toEqual(expected);
      console.log(`generator counters: ${Object.keys(actual).length} cells equal a recount of ${logEntries} log entries`);
    } finally {
      removeDbFiles(path);
    }
  }, 120_000);
});

describe("a city coordinator", () => {
  it("never gets another city's figures, cohorts or pages", async () => {
    const viewer = viewers[JAKTIM]!;
    const cityDistricts = new Set((server.sql.prepare("SELECT id FROM districts WHERE city_id = ?").all(viewer.cityId) as { id: number }[]).map((r) => r.id));
    const o = getOverview(db, viewer);
    expect(o.districts.every((d) => cityDistricts.has(d.id))).toBe(true);
    expect(o.districts.length + o.districtsEmpty).toBe(cityDistricts.size);
    const cohorts = listCohorts(db, viewer);
    const cityCohorts = server.sql
      .prepare(`SELECT count(*) AS n FROM cohorts WHERE district_id IN (${[...cityDistricts].join(",")}) AND planned_end_on >= ?`)
      .get(jakartaToday(Date.now())) as { n: number };
    expect(cohorts.total).toBe(cityCohorts.n);
    const indicators = getIndicators(db, viewer);
    expect(indicators.districts.every((d) => cityDistricts.has(d.id))).toBe(true);

    // Over HTTP: another city's cohort is 404 for the city coordinator, 200 for the province's.
    const outside = server.sql.prepare(`SELECT id FROM cohorts WHERE district_id NOT IN (${[...cityDistricts].join(",")})`).all() as { id: number }[];
    const inside = server.sql.prepare(`SELECT id FROM cohorts WHERE district_id IN (${[...cityDistricts].join(",")})`).all() as { id: number }[];
    let refused = 0;
    for (const { id } of outside) {
      expect((await get(server.url, `/kohort/${id}`, cookies[JAKTIM])).status).toBe(404);
      expect((await get(server.url, `/kohort/${id}.data`, cookies[JAKTIM])).status).toBe(404);
      refused++;
    }
    expect((await get(server.url, `/kohort/${outside[0]!.id}`, cookies[PROVINCE])).status).toBe(200);
    expect((await get(server.url, `/kohort/${inside[0]!.id}`, cookies[JAKTIM])).status).toBe(200);
    // The overview names no district outside the city.
    const otherDistricts = server.sql.prepare("SELECT name FROM districts WHERE city_id <> ?").all(viewer.cityId) as { name: string }[];
    for (const path of ["/koordinator", "/koordinator/peta", "/koordinator/konversi", "/koordinator/pendamping"]) {
      const html = await (await get(server.url, path, cookies[JAKTIM])).text();
      const named = otherDistricts.filter((d) => html.includes(`>${d.name}<`));
      expect(named, path).toEqual([]);
    }
    console.log(`city coordinator: ${refused} out-of-city cohorts answered 404 (page and data), ${otherDistricts.length} other districts never named`);
  });

  it("and other roles are refused the coordinator pages", async () => {
    const mentor = await signIn(server.url, "mentor.cakung@pas.demo");
    const entrepreneur = await signIn(server.url, "umkm@pas.demo");
    for (const path of ["/koordinator", "/koordinator/peta", "/koordinator/konversi", "/koordinator/pendamping", "/koordinator/indikator"]) {
      expect((await get(server.url, path, mentor)).status).toBe(404);
      expect((await get(server.url, path, entrepreneur)).status).toBe(404);
      expect((await get(server.url, path)).status).toBe(302);
    }
    expect((await get(server.url, "/kohort", entrepreneur)).status).toBe(404);
  });
});

describe("the overview and its detail pages", () => {
  it("keeps the large tables on their own pages, linked from the overview; the old links land there", async () => {
    const overview = await (await get(server.url, "/koordinator", cookies[PROVINCE])).text();
    // The overview renders no district × stage map, conversion or mentor table: only links to them.
    expect(overview).not.toContain(">Peserta macet per kecamatan dan tahap");
    expect(overview).not.toMatch(/\?(district|agency|mentor|cohort)=\d+&amp;reached=/);
    expect(overview).not.toMatch(/\?mentor=\d+/);
    for (const path of ["/koordinator/peta", "/koordinator/konversi", "/koordinator/pendamping"]) expect(overview).toContain(`href="${path}"`);
    expect(await (await get(server.url, "/koordinator/peta", cookies[PROVINCE])).text()).toContain(">Peserta macet per kecamatan dan tahap");
    const moved = await get(server.url, "/koordinator?by=agency", cookies[PROVINCE]);
    expect([moved.status, moved.headers.get("location")]).toEqual([302, "/koordinator/konversi?by=agency"]);
    const map = await get(server.url, "/koordinator?peta=baru", cookies[PROVINCE]);
    expect([map.status, map.headers.get("location")]).toEqual([302, "/koordinator/peta?tampilan=baru"]);
  });
});

describe("links on the overview", () => {
  it("open a list whose count equals the number shown", async () => {
    for (const email of [PROVINCE, JAKTIM]) {
      let checked = 0;
      for (const path of ["/koordinator", "/koordinator/peta", "/koordinator/konversi", "/koordinator/konversi?by=agency", "/koordinator/konversi?by=mentor", "/koordinator/pendamping", "/kohort", "/koordinator/indikator"]) {
        const html = await (await get(server.url, path, cookies[email])).text();
        const links = [...html.matchAll(/<a[^>]*href="\/peserta\?([^"]*)"[^>]*>([\d.,]+)<\/a>/g)];
        expect(links.length, path).toBeGreaterThan(0);
        const now = Date.now();
        for (const [, query, shown] of links) {
          const { filters, invalid } = parseListFilters(new URLSearchParams(query!.replaceAll("&amp;", "&")));
          expect(invalid).toEqual([]);
          const list = listParticipantsInScope(db, viewers[email]!, filters, now);
          expect(list.total, `${path}: ${query}`).toBe(Number(shown!.replace(/[.,]/g, "")));
          checked++;
        }
        // Percentages link to the same list: furthest stage reached, within the group.
      }
      console.log(`${email}: ${checked} linked numbers equal the count of the list they open`);
    }
  });
});

describe("the cohort list", () => {
  it("shows each cohort's figures as counted, in the order of each sort, with the total and the flagged", () => {
    const mentor = server.sql.prepare("SELECT id, role, city_id AS cityId, agency_id AS agencyId FROM users WHERE email = 'mentor.cakung@pas.demo'").get() as Viewer;
    const cases: [string, Viewer, Row[]][] = [
      [PROVINCE, viewers[PROVINCE]!, rowsInScope(PROVINCE)],
      [JAKTIM, viewers[JAKTIM]!, rowsInScope(JAKTIM)],
      [
        "mentor.cakung@pas.demo",
        mentor,
        rowsInScope(PROVINCE).filter(
          (r) =>
            r.agencyId === mentor.agencyId &&
            (server.sql.prepare("SELECT 1 FROM mentor_districts WHERE mentor_id = ? AND district_id = ?").get(mentor.id, r.districtId) ?? false),
        ),
      ],
    ];
    let checked = 0;
    for (const [who, viewer, rows] of cases) {
      const now = Date.now();
      let visible = server.sql
        .prepare(
          viewer.role === "mentor"
            ? "SELECT id, name, intake_date AS intakeDate FROM cohorts WHERE agency_id = ? AND district_id IN (SELECT district_id FROM mentor_districts WHERE mentor_id = ?)"
            : `SELECT id, name, intake_date AS intakeDate FROM cohorts c WHERE ${scopeSql(who).replaceAll("p.district_id", "c.district_id")}`,
        )
        .all(...(viewer.role === "mentor" ? [viewer.agencyId, viewer.id] : [])) as { id: number; name: string; intakeDate: string }[];
      // Open cohorts only (planned end today or later in Jakarta); the closed are listed apart.
      const open = new Set((server.sql.prepare("SELECT id FROM cohorts WHERE planned_end_on >= ?").all(jakartaToday(now)) as { id: number }[]).map((c) => c.id));
      visible = visible.filter((c) => open.has(c.id));
      const expected = visible.map((c) => {
        const members = rows.filter((r) => r.cohortId === c.id);
        const active = countWhere(members, (r) => activeNow(r, now));
        const stalledNow = countWhere(members, (r) => stalled(r, now));
        return { ...c, members: members.length, active, stalled: stalledNow, share: active ? stalledNow / active : 0, stalledNew: countWhere(members, (r) => stalledNew(r, now)) };
      });
      const flagged = expected.filter((c) => c.share > settings.cohortThreshold).length;
      for (const sort of ["stalled", "intake", "name"] as const) {
        const list = listCohorts(db, viewer, { sort, now });
        expect(list.total, `${who} total`).toBe(visible.length);
        expect(list.flagged, `${who} flagged`).toBe(flagged);
        const shown = Array.from({ length: list.pageCount }, (_, i) => listCohorts(db, viewer, { sort, now, page: i + 1 }).rows).flat();
        expect(shown.map((c) => c.id).sort((a, b) => a - b), `${who} ${sort}: every cohort once`).toEqual(visible.map((c) => c.id).sort((a, b) => a - b));
        for (const c of shown) {
          const want = expected.find((e) => e.id === c.id)!;
          expect({ members: c.members, active: c.active, stalled: c.stalled, stalledNew: c.stalledNew, flagged: c.flagged }, `${who} cohort ${c.name}`).toEqual({
            members: want.members,
            active: want.active,
            stalled: want.stalled,
            stalledNew: want.stalledNew,
            flagged: want.share > settings.cohortThreshold,
          });
          checked++;
        }
        const inOrder = [...shown].sort(
          {
            stalled: (a: (typeof shown)[number], b: (typeof shown)[number]) =>
              b.stalledNew - a.stalledNew || b.share - a.share || b.stalled - a.stalled || a.id - b.id,
            intake: (a: (typeof shown)[number], b: (typeof shown)[number]) =>
              b.intakeDate.localeCompare(a.intakeDate) || a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id,
            name: (a: (typeof shown)[number], b: (typeof shown)[number]) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id,
          }[sort],
        );
        expect(shown.map((c) => c.id), `${who} sorted by ${sort}`).toEqual(inOrder.map((c) => c.id));
      }
      expect(visible.length, `${who} sees cohorts`).toBeGreaterThan(0);
    }
    console.log(`cohort list: ${checked} cohort rows equal a direct count, in three orders, for three viewers`);
  });
});

describe("cohort page and indicators", () => {
  it("the most stalled cohort's page shows its stalled members and recent moves, as counted", () => {
    const viewer = viewers[PROVINCE]!;
    const now = Date.now();
    const top = getOverview(db, viewer, { now }).cohorts[0]!;
    const page = getCohortPage(db, viewer, top.id, { now })!;
    const members = rowsInScope(PROVINCE).filter((r) => r.cohortId === top.id);
    expect(page.members).toBe(members.length);
    expect(page.stalled).toBe(countWhere(members, (r) => stalled(r, now)));
    expect(page.stalledMembers.total).toBe(page.stalled);
    const logCount = (server.sql.prepare("SELECT count(*) AS n FROM transition_log l JOIN participants p ON p.id = l.participant_id WHERE p.cohort_id = ?").get(top.id) as { n: number }).n;
    expect(page.history.entries.length).toBe(Math.min(25, logCount));
    expect(page.history.hasMore).toBe(logCount > 25);
    // Out of scope: another city's cohort is not found for the city coordinator.
    const jaktim = viewers[JAKTIM]!;
    const foreign = server.sql.prepare("SELECT c.id FROM cohorts c JOIN districts d ON d.id = c.district_id WHERE d.city_id <> ? LIMIT 1").get(jaktim.cityId) as { id: number };
    expect(getCohortPage(db, jaktim, foreign.id)).toBeNull();
    console.log(`cohort ${top.name}: ${page.members} members, ${page.stalled} stalled, ${logCount} log entries`);
  });

  it("indicators equal a direct computation from entry figures and the last financial report", () => {
    for (const email of [PROVINCE, JAKTIM]) {
      const result = getIndicators(db, viewers[email]!);
      const rows = server.sql
        .prepare(
          `SELECT p.id, p.entry_turnover AS t0, p.entry_assets AS a0, p.entry_workers AS w0,
             (SELECT json_extract(e.details, '$.turnover') FROM stage_evidence e WHERE e.participant_id = p.id AND e.kind = 'financial_report' AND e.status = 'recorded' ORDER BY json_extract(e.details, '$.period') DESC, e.id DESC LIMIT 1) AS t1,
             (SELECT json_extract(e.details, '$.assets') FROM stage_evidence e WHERE e.participant_id = p.id AND e.kind = 'financial_report' AND e.status = 'recorded' ORDER BY json_extract(e.details, '$.period') DESC, e.id DESC LIMIT 1) AS a1,
             (SELECT json_extract(e.details, '$.workers') FROM stage_evidence e WHERE e.participant_id = p.id AND e.kind = 'financial_report' AND e.status = 'recorded' ORDER BY json_extract(e.details, '$.period') DESC, e.id DESC LIMIT 1) AS w1
           FROM participants p WHERE p.status = 'graduated' AND ${scopeSql(email)}`,
        )
        .all() as Record<string, number | null>[];
      const counted = rows.filter((r) => [r.t0, r.a0, r.w0, r.t1, r.a1, r.w1].every((v) => v != null));
      const sum = (k: string) => counted.reduce((t, r) => t + Number(r[k]), 0);
      expect(result.total.graduated).toBe(rows.length);
      expect(result.total.counted).toBe(counted.length);
      expect([result.total.turnoverBefore, result.total.turnoverAfter, result.total.assetsBefore, result.total.assetsAfter, result.total.workersBefore, result.total.workersAfter]).toEqual(
        ["t0", "t1", "a0", "a1", "w0", "w1"].map(sum),
      );
      expect(result.districts.reduce((t, d) => t + d.graduated, 0)).toBe(rows.length);
      console.log(`${email}: ${rows.length} graduates, ${counted.length} with entry figures and a report`);
    }
  });
});

describe("figures", () => {
  it("follow a rule change at once: the next overview uses the new rule", () => {
    const viewer = viewers[PROVINCE]!;
    const before = getOverview(db, viewer);
    const limit = server.sql.prepare("SELECT time_limit_days AS d FROM stage_settings WHERE stage = 'training'").get() as { d: number };
    server.sql.prepare("UPDATE stage_settings SET time_limit_days = 1 WHERE stage = 'training'").run();
    try {
      const after = getOverview(db, viewer);
      settings = loadStallSettings(db);
      const expected = countWhere(rowsInScope(PROVINCE), (r) => stalled(r, after.asOf));
      console.log(`rule change: stalled ${before.totals.stalled} → ${after.totals.stalled} on the next overview (direct count ${expected})`);
      expect(after.asOf).toBeGreaterThanOrEqual(before.asOf);
      expect(after.totals.stalled).toBe(expected);
      expect(after.totals.stalled).toBeGreaterThan(before.totals.stalled);
    } finally {
      server.sql.prepare("UPDATE stage_settings SET time_limit_days = ? WHERE stage = 'training'").run(limit.d);
      settings = loadStallSettings(db);
    }
  });
});
