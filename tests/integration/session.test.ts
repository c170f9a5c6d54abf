// Sessions and sign-in over HTTP against the real server: idle timeout, absolute lifetime, logout,
// deactivation, a new id at every sign-in, and per-account throttling that cannot lock anyone out
// for long. Time is moved by editing the server's database, never by waiting.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ label: "session", participants: 100 });
});
afterAll(async () => {
  await server?.stop();
});

const MINUTE = 60_000;
const digest = (cookie: string) => createHash("sha256").update(cookie.split("=")[1]!).digest("base64url");

function sessionRow(cookie: string) {
  return server.sql.prepare("SELECT * FROM sessions WHERE id = ?").get(digest(cookie)) as
    | { id: string; user_id: number; created_at: number; last_seen_at: number; expires_at: number }
    | undefined;
}

async function isSignedIn(cookie: string): Promise<boolean> {
  const response = await get(server.url, "/peserta", cookie);
  if (response.status === 200) return true;
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/masuk?redirectTo=%2Fpeserta");
  return false;
}

function attempt(email: string, password: string) {
  return postForm(server.url, "/masuk", { email, password });
}

describe("sessions", () => {
  it("live in the database: the cookie holds a random token, the table only its digest", async () => {
    const cookie = await signIn(server.url, "mentor.cakung@pas.demo");
    const row = sessionRow(cookie);
    expect(row).toBeDefined();
    expect(row!.id).not.toBe(cookie.split("=")[1]);
    expect(row!.expires_at - row!.created_at).toBe(12 * 60 * MINUTE);
    expect(await isSignedIn(cookie)).toBe(true);
  });

  it("each sign-in gets a new session id", async () => {
    const first = await signIn(server.url, "mentor.cakung@pas.demo");
    const second = await signIn(server.url, "mentor.cakung@pas.demo");
    expect(first).not.toBe(second);
    expect(sessionRow(first)).toBeDefined();
    expect(sessionRow(second)).toBeDefined();
  });

  it("a session idle for more than 30 minutes ends, and its row is deleted", async () => {
    const cookie = await signIn(server.url, "mentor.cakung@pas.demo");
    server.sql.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?").run(Date.now() - 31 * MINUTE, digest(cookie));
    expect(await isSignedIn(cookie)).toBe(false);
    expect(sessionRow(cookie)).toBeUndefined();
  });

  it("a session used within the idle timeout goes on, and the use is recorded", async () => {
    const cookie = await signIn(server.url, "mentor.cakung@pas.demo");
    const earlier = Date.now() - 20 * MINUTE;
    server.sql.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?").run(earlier, digest(cookie));
    expect(await isSignedIn(cookie)).toBe(true);
    expect(sessionRow(cookie)!.last_seen_at).toBeGreaterThan(earlier + 19 * MINUTE);
  });

  it("a session past its 12-hour lifetime ends even when in constant use", async () => {
    const cookie = await signIn(server.url, "mentor.cakung@pas.demo");
    server.sql
      .prepare("UPDATE sessions SET created_at = ?, expires_at = ?, last_seen_at = ? WHERE id = ?")
      .run(Date.now() - 12 * 60 * MINUTE - 1000, Date.now() - 1000, Date.now(), digest(cookie));
    expect(await isSignedIn(cookie)).toBe(false);
    expect(sessionRow(cookie)).toBeUndefined();
  });

  it("signing out deletes the session: the old cookie no longer works", async () => {
    const cookie = await signIn(server.url, "mentor.cakung@pas.demo");
    const response = await postForm(server.url, "/keluar", {}, { cookie });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/masuk");
    expect(response.headers.get("set-cookie")).toMatch(/^pas_session=; .*Max-Age=0/);
    expect(sessionRow(cookie)).toBeUndefined();
    expect(await isSignedIn(cookie)).toBe(false);
  });

  it("signing out is POST only: a GET changes nothing", async () => {
    const cookie = await signIn(server.url, "mentor.cakung@pas.demo");
    const response = await get(server.url, "/keluar", cookie);
    expect(response.status).toBe(302);
    expect(await isSignedIn(cookie)).toBe(true);
  });

  it("a deactivated user's sessions stop working and they cannot sign in", async () => {
    const cookie = await signIn(server.url, "koordinator.jaktim@pas.demo");
    server.sql.prepare("UPDATE users SET active = 0 WHERE email = 'koordinator.jaktim@pas.demo'").run();
    try {
      expect(await isSignedIn(cookie)).toBe(false);
      const response = await attempt("koordinator.jaktim@pas.demo", DEMO_PASSWORD);
      expect(response.status).toBe(400);
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(await response.text()).toContain("Akun ini sudah dinonaktifkan");
    } finally {
      server.sql.prepare("UPDATE users SET active = 1 WHERE email = 'koordinator.jaktim@pas.demo'").run();
    }
  });

  it("a forged or malformed cookie is just signed out", async () => {
    expect(await isSignedIn("pas_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).toBe(false);
    expect(await isSignedIn("pas_session=' OR 1=1 --")).toBe(false);
  });
});

describe("signing in", () => {
  it("a wrong password and an unknown account get the same answer", async () => {
    const wrong = await attempt("mitra@pas.demo", "not-the-password");
    const unknown = await attempt("nobody@pas.demo", "not-the-password");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const message = "Email atau kata sandi salah.";
    expect(await wrong.text()).toContain(message);
    expect(await unknown.text()).toContain(message);
    server.sql.prepare("DELETE FROM login_failures").run();
  });

  it("a bad form is answered in place, with the email kept and the password not echoed", async () => {
    const response = await attempt("bukan-email", "rahasia-sekali");
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain("Masukkan alamat email yang benar");
    expect(body).toContain('value="bukan-email"');
    expect(body).not.toContain("rahasia-sekali");
  });

  it("after 5 failures an account must wait, attempts while waiting do not count, other accounts are unaffected, and the wait ends", async () => {
    const email = "mentor.gambir@pas.demo";
    for (let i = 0; i < 5; i++) expect((await attempt(email, `wrong-${i}`)).status).toBe(400);

    // Even the right password is refused while the account waits, and says for how long.
    const throttled = await attempt(email, DEMO_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("set-cookie")).toBeNull();
    expect(await throttled.text()).toMatch(/Terlalu banyak percobaan masuk yang gagal untuk akun ini\. Coba lagi dalam \d+ detik\./);
    for (let i = 0; i < 5; i++) expect((await attempt(email, `again-${i}`)).status).toBe(429);
    const row = () => server.sql.prepare("SELECT failures, last_failure_at FROM login_failures WHERE email = ?").get(email) as { failures: number; last_failure_at: number };
    expect(row().failures).toBe(5);

    // Throttling is per account: a colleague in the same office signs in as usual.
    expect((await attempt("mentor.cakung@pas.demo", DEMO_PASSWORD)).status).toBe(303);

    // The wait is short (30 s after the fifth failure): once it has passed, the right password works.
    server.sql.prepare("UPDATE login_failures SET last_failure_at = ? WHERE email = ?").run(Date.now() - 31_000, email);
    const after = await attempt(email, DEMO_PASSWORD);
    expect(after.status).toBe(303);
    expect(server.sql.prepare("SELECT 1 FROM login_failures WHERE email = ?").get(email)).toBeUndefined();
  });

  it("the wait grows with more failures but never beyond 5 minutes", async () => {
    const email = "koordinator@pas.demo";
    // Twenty failures in a row, each after the previous wait has passed.
    for (let i = 0; i < 20; i++) {
      server.sql.prepare("UPDATE login_failures SET last_failure_at = ? WHERE email = ?").run(Date.now() - 10 * MINUTE, email);
      expect((await attempt(email, `wrong-${i}`)).status).toBe(400);
    }
    const throttled = await attempt(email, DEMO_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toMatch(/Coba lagi dalam [1-5] menit\./);
    server.sql.prepare("UPDATE login_failures SET last_failure_at = ? WHERE email = ?").run(Date.now() - 5 * MINUTE - 1000, email);
    expect((await attempt(email, DEMO_PASSWORD)).status).toBe(303);
  });
});
