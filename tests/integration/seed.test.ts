// The demo database: made by the real setup, through the journey service, and consistent with its log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { setupDatabase } from "../../db/setup";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { removeDbFiles, tempDbPath } from "../helpers/db";
import { replayMismatches } from "../helpers/replay";

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
});
