// The demo database: made by the real setup, through the journey service, and consistent with its log.
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeCondition, dormantCondition, loadStallSettings, stalledCondition } from "../../app/modules/journey/stalled.server";
import { weekOf } from "../../app/modules/journey/stalled";
import { openDatabase, type Db } from "../../db/client";
import { setupDatabase } from "../../db/setup";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { removeDbFiles, tempDbPath } from "../helpers/db";
import { replayMismatches } from "../helpers/replay";
import { storedWordsNotFixed } from "../helpers/phrases";
import { expectOutcomesOverTime, outcomeStory } from "../helpers/outcome-story";
import { recordAllClimbs } from "../../app/modules/outcomes/climbs.server";
import { getPartnerParticipantPage } from "../../app/modules/partners/partner-staff.server";

const NOW = Date.UTC(2026, 10, 23);
let path: string;
let db: Db;

beforeAll(async () => {
  path = tempDbPath("seed");
  const result = await setupDatabase(path, { now: NOW });
  expect(result.seeded).toBe(true);
  db = openDatabase(path);
}, 120_000);
afterAll(() => {
  db.$client.close();
  removeDbFiles(path);
});

const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;
const DAY = 86_400_000;
const TODAY = new Date(NOW).toISOString().slice(0, 10);
/** Participants meeting the rule's condition (and `where`, SQL over participants), at NOW. */
const counted = (condition: SQL, where: SQL = sql`1`) =>
  db.get<{ n: number }>(sql`SELECT count(*) AS n FROM participants WHERE ${condition} AND ${where}`).n;

describe("demo seed", () => {
  it("creates Jakarta's 44 districts in 6 cities, ~2,000 participants in ~40 cohorts, and each demo account", () => {
    expect(one<{ n: number }>("SELECT count(*) n FROM districts").n).toBe(44);
    expect(one<{ n: number }>("SELECT count(*) n FROM cities").n).toBe(6);
    const participants = one<{ n: number }>("SELECT count(*) n FROM participants").n;
    expect(participants).toBeGreaterThan(1900);
    expect(participants).toBeLessThan(2200);
    expect(one<{ n: number }>("SELECT count(*) n FROM cohorts").n).toBe(40);
    for (const account of DEMO_ACCOUNTS) {
      const user = one<{ role: string; password_hash: string }>("SELECT role, password_hash FROM users WHERE email = ?", account.email);
      expect(user.role).toBe(account.role);
      expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    }
  });

  it("has graduated, waived, on-hold, withdrawn and stalled participants", () => {
    const count = (where: string, ...params: unknown[]) => one<{ n: number }>(`SELECT count(*) n FROM participants WHERE ${where}`, ...params).n;
    const figures = {
      graduated: count("status = 'graduated'"),
      waived: count("'waived' IN (p2_state, p3_state, p4_state, p5_state, p6_state)"),
      onHold: count("status = 'on_hold'"),
      withdrawn: count("status = 'withdrawn'"),
      inactive45Days: count("status = 'active' AND last_activity_at < ?", NOW - 45 * 86_400_000),
      rejected: count("p1_state = 'rejected'"),
    };
    console.log("demo seed figures", figures);
    for (const n of Object.values(figures)) expect(n).toBeGreaterThan(0);
  });

  it("gives the entrepreneur demo account P1 verified and P2 in progress with no training yet", () => {
    const siti = one<{ p1_state: string; p2_state: string; id: number }>(
      "SELECT p.id, p1_state, p2_state FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = 'umkm@pas.demo'",
    );
    expect(siti).toMatchObject({ p1_state: "verified", p2_state: "in_progress" });
    expect(one<{ n: number }>("SELECT count(*) n FROM stage_evidence WHERE participant_id = ? AND stage = 'training'", siti.id).n).toBe(0);
  });

  it("stores for every participant exactly what replaying its log through the machine gives", () => {
    const { checked, mismatched } = replayMismatches(db);
    console.log(`replayed ${checked} participants' logs: ${mismatched.length} mismatches`);
    expect(checked).toBeGreaterThan(1_900);
    expect(mismatched).toEqual([]);
  });

  it("stores only fixed phrases where a page shows stored words, so that each reads in the reader's language", () => {
    const { checked, unknown } = storedWordsNotFixed(db.$client);
    expect(checked).toBeGreaterThan(20);
    expect(unknown).toEqual([]);
  });

  it("carries the outcomes over time: monthly reports, class climbs, follow-ups answered and not, loans with repayment histories", () => {
    const story = outcomeStory(db.$client, TODAY);
    console.log("demo outcomes", story);
    expectOutcomesOverTime(story, { reportsInThreeMonths: 50, classClimbs: 2, disbursedLoans: 20, loansWithSixMonths: 10 });
    // The demo's books hold one report a month; every climb is recorded already.
    expect(story.samePeriodTwice).toBe(0);
    expect(recordAllClimbs(db, NOW)).toBe(0);
  });

  it("lists each graduate's loan evidence on the bank's own page: the capital evidence naming Bank DKI carries its organisation", () => {
    const bank = one<{ id: number }>("SELECT id FROM organisations WHERE name = 'Bank DKI'").id;
    const unlinked = one<{ n: number }>(
      "SELECT count(*) n FROM stage_evidence WHERE stage = 'capital' AND json_extract(details, '$.lender') = 'Bank DKI' AND organisation_id IS NOT ?",
      bank,
    ).n;
    expect(unlinked).toBe(0);
    // A bank disburses what was applied for, or less.
    const overApplied = one<{ n: number }>(
      `SELECT count(*) n FROM stage_evidence d JOIN stage_evidence a ON a.participant_id = d.participant_id AND a.kind = 'capital_applied'
       WHERE d.kind = 'capital_disbursed' AND json_extract(d.details, '$.amount') > json_extract(a.details, '$.amount')`,
    ).n;
    expect(overApplied).toBe(0);
    const graduates = db.$client.prepare("SELECT l.participant_id AS id FROM loans l JOIN participants p ON p.id = l.participant_id WHERE l.organisation_id = ? AND p.status = 'graduated' ORDER BY l.participant_id").all(bank) as { id: number }[];
    expect(graduates.length).toBeGreaterThanOrEqual(20);
    let listed = 0;
    for (const { id } of graduates) {
      const page = getPartnerParticipantPage(db, bank, id, TODAY)!;
      const kinds = page.referrals.find((r) => r.stage === "capital")!.outcomes.map((o) => o.kind).sort();
      expect(kinds, `participant ${id}`).toEqual(expect.arrayContaining(["capital_applied", "capital_disbursed"]));
      listed++;
    }
    console.log(`[seed] Bank DKI's page lists the capital evidence of ${listed} of ${graduates.length} graduates' loans`);
  });

  it("seeds only once: running setup again keeps the data", async () => {
    const before = one<{ n: number }>("SELECT count(*) n FROM transition_log").n;
    expect((await setupDatabase(path)).seeded).toBe(false);
    expect(one<{ n: number }>("SELECT count(*) n FROM transition_log").n).toBe(before);
  });

  it("is deterministic: the same seed and day give the same people and journeys", async () => {
    const other = tempDbPath("seed-again");
    try {
      await setupDatabase(other, { now: NOW, participants: 200 });
      const second = tempDbPath("seed-again");
      await setupDatabase(second, { now: NOW, participants: 200 });
      const digest = (p: string) => {
        const d = openDatabase(p);
        try {
          return JSON.stringify(d.$client.prepare("SELECT full_name, business_name, nik_hmac, p1_state, p2_state, p7_state, status, version FROM participants ORDER BY id").all());
        } finally {
          d.$client.close();
        }
      };
      expect(digest(other)).toBe(digest(second));
      removeDbFiles(second);
    } finally {
      removeDbFiles(other);
    }
  }, 60_000);

  it("gives every cohort its planned end (intake + 12 months) and a name of its own within its district", () => {
    expect(one<{ n: number }>("SELECT count(*) n FROM cohorts WHERE planned_end_on IS NOT date(intake_date, '+12 months')").n).toBe(0);
    expect(db.$client.prepare("SELECT district_id, name FROM cohorts GROUP BY district_id, name HAVING count(*) > 1").all()).toEqual([]);
    expect(one<{ n: number }>("SELECT count(*) n FROM cohorts WHERE planned_end_on < ?", TODAY).n).toBeGreaterThan(0);
    expect(one<{ n: number }>("SELECT count(*) n FROM cohorts WHERE planned_end_on >= ?", TODAY).n).toBeGreaterThan(0);
  });

  it("tells the programme's story: closed cohorts mostly dormant, a share of the active stalled that a coordinator can act on", () => {
    const active = counted(activeCondition(NOW));
    const stalled = counted(stalledCondition(NOW));
    const dormant = counted(dormantCondition(NOW));
    const closed = sql`cohort_id IN (SELECT id FROM cohorts WHERE planned_end_on < ${TODAY})`;
    const closedDormant = counted(dormantCondition(NOW), closed);
    const closedActive = counted(activeCondition(NOW), closed);
    // Per running cohort: its stalled share of active members against the threshold.
    const { cohortThreshold } = loadStallSettings(db);
    const running = db.all<{ id: number; active: number; stalled: number }>(sql`
      SELECT c.id,
             (SELECT count(*) FROM participants WHERE cohort_id = c.id AND ${activeCondition(NOW)}) AS active,
             (SELECT count(*) FROM participants WHERE cohort_id = c.id AND ${stalledCondition(NOW)}) AS stalled
        FROM cohorts c WHERE c.planned_end_on >= ${TODAY}`);
    const overThreshold = running.filter((c) => c.active > 0 && c.stalled / c.active > cohortThreshold);
    const figures = {
      stalledShareOfActive: +(stalled / active).toFixed(3),
      dormantShareOfStatusActive: +(dormant / (active + dormant)).toFixed(3),
      closedCohortsDormantShare: +(closedDormant / (closedDormant + closedActive)).toFixed(3),
      runningCohortsOverThreshold: `${overThreshold.length} of ${running.length}`,
    };
    console.log("demo lifecycle figures", figures);
    expect(figures.stalledShareOfActive).toBeGreaterThanOrEqual(0.1);
    expect(figures.stalledShareOfActive).toBeLessThanOrEqual(0.35);
    expect(dormant).toBeGreaterThan(0);
    expect(figures.closedCohortsDormantShare).toBeGreaterThan(0.5);
    // A few running cohorts clearly worse than the rest, not most of them.
    expect(overThreshold.length).toBeGreaterThanOrEqual(1);
    expect(overThreshold.length).toBeLessThanOrEqual(running.length / 3);
  });

  it("has districts where, over the last 12 weeks, more stalls were resolved by something recorded than opened", () => {
    // Ended episodes are kept per week in stall_weeks; episodes still under way are the stalled now.
    const since = weekOf(NOW) - 11;
    const byDistrict = new Map<number, { opened: number; resolved: number }>();
    const add = (districtId: number, opened: number, resolved: number) => {
      const d = byDistrict.get(districtId) ?? { opened: 0, resolved: 0 };
      byDistrict.set(districtId, { opened: d.opened + opened, resolved: d.resolved + resolved });
    };
    for (const r of db.$client.prepare("SELECT district_id, week, opened, resolved FROM stall_weeks WHERE week >= ?").all(since) as { district_id: number; week: number; opened: number; resolved: number }[]) {
      if (r.week <= weekOf(NOW)) add(r.district_id, r.opened, r.resolved);
    }
    for (const r of db.all<{ districtId: number; since: number }>(sql`SELECT district_id AS districtId, stalled_since AS since FROM participants WHERE ${stalledCondition(NOW)}`)) {
      if (weekOf(r.since) >= since) add(r.districtId, 1, 0);
    }
    const improving = [...byDistrict.values()].filter((d) => d.resolved > d.opened).length;
    const worsening = [...byDistrict.values()].filter((d) => d.opened > d.resolved).length;
    console.log(`last 12 weeks: ${improving} districts resolved more stalls than opened, ${worsening} opened more`);
    expect(improving).toBeGreaterThanOrEqual(2);
    expect(worsening).toBeGreaterThanOrEqual(1);
  });

  it("gives Sari's Hari ini each kind of item, and leaves Siti in P2, neither stalled nor dormant", () => {
    const sari = one<{ id: number }>("SELECT id FROM users WHERE email = 'mentor.cakung@pas.demo'").id;
    const hers = sql`mentor_id = ${sari} AND status = 'active'`;
    const n = (query: SQL) => db.get<{ n: number }>(query).n;
    const items = {
      followUpsDue: n(sql`SELECT count(*) AS n FROM stall_notes s JOIN participants p ON p.id = s.participant_id
                          WHERE p.mentor_id = ${sari} AND p.status = 'active' AND s.cleared_at IS NULL
                            AND s.follow_up_on <= ${TODAY} AND p.last_activity_at <= s.recorded_at`),
      stalledThisWeek: counted(stalledCondition(NOW), sql`${hers} AND stalled_since >= ${NOW - 7 * DAY}`),
      toVerify: counted(activeCondition(NOW), sql`${hers} AND p1_state = 'submitted'`),
      selfReports: n(sql`SELECT count(*) AS n FROM stage_evidence e JOIN participants p ON p.id = e.participant_id
                         WHERE p.mentor_id = ${sari} AND e.status = 'pending'`),
      partnerOutcomes: n(sql`SELECT count(*) AS n FROM referrals r JOIN participants p ON p.id = r.participant_id
                             WHERE p.mentor_id = ${sari} AND r.outcome_at >= ${NOW - 7 * DAY} AND p.last_activity_at <= r.outcome_at`),
      handovers: n(sql`SELECT count(*) AS n FROM handoffs h JOIN participants p ON p.id = h.participant_id
                       WHERE h.to_mentor_id = ${sari} AND h.at >= ${NOW - 14 * DAY} AND p.last_activity_at <= h.at`),
    };
    console.log("Sari's day", items);
    expect(items.followUpsDue).toBeGreaterThanOrEqual(1);
    expect(items.stalledThisWeek).toBeGreaterThanOrEqual(2);
    expect(items.toVerify).toBeGreaterThanOrEqual(1);
    expect(items.selfReports).toBeGreaterThanOrEqual(1);
    expect(items.partnerOutcomes).toBeGreaterThanOrEqual(1);
    expect(items.handovers).toBeGreaterThanOrEqual(1);

    const siti = sql`user_id = (SELECT id FROM users WHERE email = 'umkm@pas.demo') AND p2_state = 'in_progress'`;
    expect(counted(activeCondition(NOW), siti)).toBe(1);
    expect(counted(stalledCondition(NOW), siti)).toBe(0);
  });
});
