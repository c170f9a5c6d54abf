// A page read never writes: every page of every role's navigation, and the record pages behind
// them, are opened over HTTP against the built server, and the database must not have changed.
// SQLite's data_version (read on another connection than the server's) moves with every commit
// made by any other connection, so one number tells whether anything was written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { navFor } from "../../app/modules/auth/nav";
import type { Role } from "../../db/schema";
import { get, signIn, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ label: "no-get-writes" });
});
afterAll(() => server?.stop());

const ACCOUNTS: [string, Role][] = [
  ["koordinator@pas.demo", "coordinator"],
  ["koordinator.jaktim@pas.demo", "coordinator"],
  ["mentor.cakung@pas.demo", "mentor"],
  ["umkm@pas.demo", "entrepreneur"],
  ["mitra@pas.demo", "partner"],
];

describe("page reads", () => {
  it("write nothing to the database, for any role, on any page", async () => {
    const one = <T>(query: string) => server.sql.prepare(query).get() as T;
    const participant = one<{ id: number }>("SELECT id FROM participants WHERE status = 'active' ORDER BY stalled_since LIMIT 1").id;
    const cohort = one<{ id: number }>("SELECT id FROM cohorts ORDER BY id LIMIT 1").id;
    const staffPages = [`/peserta/${participant}`, `/peserta/${participant}/hambatan`, `/peserta/${participant}/alihkan`, `/kohort/${cohort}`,
      "/peserta?status=dormant", "/peserta?stalled=yes", "/koordinator?by=cohort", "/kohort?sort=stalled"];
    // Sign in first: signing in writes (a session), reading must not.
    const sessions = await Promise.all(ACCOUNTS.map(async ([email, role]) => ({ role, cookie: await signIn(server.url, email) })));
    const version = server.sql.prepare("PRAGMA data_version").pluck();
    const before = version.get();
    let pages = 0;
    for (const { role, cookie } of sessions) {
      const paths = [...navFor(role).map((item) => item.to), ...(role === "mentor" || role === "coordinator" ? staffPages : [])];
      for (const path of paths) {
        const response = await get(server.url, path, cookie);
        expect(response.status, `${role} GET ${path}`).toBeLessThan(500);
        await response.arrayBuffer();
        pages++;
      }
    }
    console.log(`${pages} page reads by ${sessions.length} accounts, database version ${before} → ${version.get()}`);
    expect(version.get(), "the database changed while pages were read").toBe(before);
  });
});
