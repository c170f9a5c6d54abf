// Two-step verification for coordinators (decision 0016). The verbs against a fresh database: enrolment
// confirmed by a first code, a wrong code refused, an accepted code never accepted again, a recovery
// code used once, code guesses limited per account. Then over HTTP with enrolment required: an
// unenrolled coordinator is sent to enrolment; an enrolled one is not signed in by the password alone.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import {
  checkSecondFactor,
  confirmEnrolment,
  isEnrolled,
  pendingEnrolment,
  RECOVERY_CODE_COUNT,
  recoveryCodesLeft,
  startEnrolment,
} from "../../app/modules/mfa/mfa.server";
import { stepAt, totpCode } from "../../app/modules/mfa/totp.server";
import { freshDatabase } from "../helpers/db";
import { get, postForm, sameOriginHeaders, signIn, startServer, DEMO_PASSWORD, type TestServer } from "../helpers/server";

const NOW = Date.UTC(2026, 0, 10, 3, 0, 0);
const STEP = 30_000;

describe("the second-factor verbs", () => {
  const f = freshDatabase("mfa");
  afterAll(() => f.close());
  let serial = 0;
  async function enrolled(): Promise<{ id: number; secret: string; recovery: string[]; at: number }> {
    serial++;
    const user = f.db.insert(t.users).values({ email: `k${serial}@test`, name: "Koordinator", role: "coordinator", passwordHash: "x" }).returning().get();
    expect(startEnrolment(f.db, user.id)).toBe(true);
    const pending = (await pendingEnrolment(f.db, user))!;
    const confirmed = confirmEnrolment(f.db, user.id, totpCode(pending.secret, stepAt(NOW)), NOW);
    if (!confirmed.ok) throw new Error(confirmed.reason);
    return { id: user.id, secret: pending.secret, recovery: confirmed.recoveryCodes, at: NOW };
  }

  it("enrolment: a QR code as SVG markup without style attributes, confirmed by a first code; only hashes and ciphertext are stored", async () => {
    const user = f.db.insert(t.users).values({ email: "enrol@test", name: "K", role: "coordinator", passwordHash: "x" }).returning().get();
    expect(await pendingEnrolment(f.db, user)).toBeNull();
    startEnrolment(f.db, user.id);
    const pending = (await pendingEnrolment(f.db, user))!;
    expect(pending.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(pending.qrSvg).toMatch(/^<svg[^>]*viewBox/);
    expect(pending.qrSvg).not.toMatch(/style=|<script/i);
    expect(pending.uri).toContain(`secret=${pending.secret}`);

    const wrong = totpCode(pending.secret, stepAt(NOW) + 5);
    expect(confirmEnrolment(f.db, user.id, wrong, NOW)).toEqual({ ok: false, reason: "wrong" });
    expect(isEnrolled(f.db, user.id)).toBe(false);
    const confirmed = confirmEnrolment(f.db, user.id, totpCode(pending.secret, stepAt(NOW)), NOW);
    if (!confirmed.ok) throw new Error(confirmed.reason);
    expect(isEnrolled(f.db, user.id)).toBe(true);
    expect(confirmed.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(confirmed.recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);

    const stored = JSON.stringify([f.db.select().from(t.users).where(eq(t.users.id, user.id)).get(), f.db.select().from(t.recoveryCodes).all()]);
    expect(stored).not.toContain(pending.secret);
    for (const code of confirmed.recoveryCodes) expect(stored).not.toContain(code.replace("-", ""));
    // Enrolled: a new start is refused (the secret in force is not replaced).
    expect(startEnrolment(f.db, user.id)).toBe(false);
  });

  it("a wrong code is refused; an accepted code is never accepted again (nor one of an earlier step)", async () => {
    const u = await enrolled();
    const later = NOW + 2 * STEP;
    expect(checkSecondFactor(f.db, u.id, totpCode(u.secret, stepAt(later) + 3), later)).toEqual({ ok: false, reason: "wrong" });
    // The confirming code's step is used up.
    expect(checkSecondFactor(f.db, u.id, totpCode(u.secret, stepAt(NOW)), NOW + 10_000)).toEqual({ ok: false, reason: "wrong" });
    const code = totpCode(u.secret, stepAt(later));
    expect(checkSecondFactor(f.db, u.id, code, later)).toMatchObject({ ok: true, recovery: false });
    expect(checkSecondFactor(f.db, u.id, code, later + 1_000)).toEqual({ ok: false, reason: "wrong" });
    expect(checkSecondFactor(f.db, u.id, totpCode(u.secret, stepAt(later) - 1), later)).toEqual({ ok: false, reason: "wrong" });
    expect(checkSecondFactor(f.db, u.id, totpCode(u.secret, stepAt(later) + 1), later)).toMatchObject({ ok: true });
  });

  it("a recovery code works once, typed in any case and with or without its dash", async () => {
    const u = await enrolled();
    const [first, second] = u.recovery as [string, string];
    expect(checkSecondFactor(f.db, u.id, first.toUpperCase(), NOW + STEP)).toEqual({ ok: true, recovery: true });
    expect(checkSecondFactor(f.db, u.id, first, NOW + STEP)).toEqual({ ok: false, reason: "wrong" });
    expect(checkSecondFactor(f.db, u.id, second.replace("-", ""), NOW + STEP)).toEqual({ ok: true, recovery: true });
    expect(recoveryCodesLeft(f.db, u.id)).toBe(RECOVERY_CODE_COUNT - 2);
    expect(f.db.select({ action: t.auditLog.action }).from(t.auditLog).where(eq(t.auditLog.actorUserId, u.id)).all().map((r) => r.action)).toEqual([
      "mfa.enrolled",
      "mfa.recovery_code_used",
      "mfa.recovery_code_used",
    ]);
  });

  it("after 5 wrong codes even the right one is refused with a wait, until the window passes", async () => {
    const u = await enrolled();
    const at = NOW + 4 * STEP;
    for (let i = 0; i < 5; i++) expect(checkSecondFactor(f.db, u.id, String((Number(totpCode(u.secret, stepAt(at))) + 1 + i) % 1_000_000).padStart(6, "0"), at)).toEqual({ ok: false, reason: "wrong" });
    const right = totpCode(u.secret, stepAt(at));
    const refused = checkSecondFactor(f.db, u.id, right, at);
    expect(refused).toMatchObject({ ok: false, reason: "limited" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // A recovery code is refused just the same: the limit is the account's, whatever is guessed.
    expect(checkSecondFactor(f.db, u.id, u.recovery[0]!, at)).toMatchObject({ ok: false, reason: "limited" });
    const afterWindow = at + 15 * 60_000 + STEP;
    expect(checkSecondFactor(f.db, u.id, totpCode(u.secret, stepAt(afterWindow)), afterWindow)).toMatchObject({ ok: true });
  });
});

describe("two-step sign-in over HTTP, enrolment required", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ label: "mfa-http", participants: 60, env: { PAS_REQUIRE_MFA: "1" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const cookieOf = (response: Response, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(";")[0] ?? null;
  const passwordStep = (email: string) => postForm(server.url, "/masuk", { email, password: DEMO_PASSWORD });

  it("an unenrolled coordinator is sent to enrolment before any coordinator page; once enrolled, the password alone no longer signs in", async () => {
    const cookie = await signIn(server.url, "koordinator.jaktim@pas.demo");
    for (const path of ["/koordinator", "/peserta", "/ekspor/peserta?format=csv"]) {
      const response = await get(server.url, path, cookie);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe("/akun/autentikator");
    }
    // Mentors are not asked.
    expect((await get(server.url, "/hari-ini", await signIn(server.url, "mentor.cakung@pas.demo"))).status).toBe(200);

    expect((await postForm(server.url, "/akun/autentikator", { intent: "start" }, { cookie })).status).toBe(303);
    const page = await (await get(server.url, "/akun/autentikator", cookie)).text();
    expect(page).toContain("<svg");
    const secret = /font-mono text-sm break-all text-slate-900">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, "");
    const wrong = await postForm(server.url, "/akun/autentikator", { intent: "confirm", code: totpCode(secret, stepAt(Date.now()) + 7) }, { cookie });
    expect(wrong.status).toBe(400);
    const confirmed = await postForm(server.url, "/akun/autentikator", { intent: "confirm", code: totpCode(secret, stepAt(Date.now())) }, { cookie });
    expect(confirmed.status).toBe(200);
    const recovery = [...(await confirmed.text()).matchAll(/<li>([a-z0-9]{5}-[a-z0-9]{5})<\/li>/g)].map((m) => m[1]!);
    expect(recovery).toHaveLength(10);
    expect((await get(server.url, "/koordinator", cookie)).status).toBe(200);

    // Signing in again: the right password gives a ticket for the code step, not a session.
    const step = await passwordStep("koordinator.jaktim@pas.demo");
    expect(step.status).toBe(303);
    expect(step.headers.get("location")).toMatch(/^\/masuk\/kode\?redirectTo=%2Fkoordinator/);
    expect(cookieOf(step, "pas_session")).toBeNull();
    const ticket = cookieOf(step, "pas_mfa")!;
    expect(ticket).toBeTruthy();

    const post = (code: string, ticketCookie = ticket) =>
      fetch(`${server.url}/masuk/kode`, { method: "POST", redirect: "manual", headers: { ...sameOriginHeaders(server.url), Cookie: ticketCookie }, body: new URLSearchParams({ code, redirectTo: "/koordinator" }) });
    expect((await post(totpCode(secret, stepAt(Date.now()) + 9))).status).toBe(400);
    // The code the enrolment was confirmed with is spent; the next step's code signs in.
    const next = totpCode(secret, stepAt(Date.now()) + 1);
    const done = await post(next);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/koordinator");
    const session = cookieOf(done, "pas_session")!;
    expect((await get(server.url, "/koordinator", session)).status).toBe(200);
    // The ticket is spent, and the code cannot be replayed on a new ticket.
    expect((await post(next)).status).toBe(409);
    const again = cookieOf(await passwordStep("koordinator.jaktim@pas.demo"), "pas_mfa")!;
    expect((await post(next, again)).status).toBe(400);
    // A recovery code signs in once.
    const withRecovery = await post(recovery[0]!, again);
    expect(withRecovery.status).toBe(303);
    const third = cookieOf(await passwordStep("koordinator.jaktim@pas.demo"), "pas_mfa")!;
    expect((await post(recovery[0]!, third)).status).toBe(400);
  });

  it("code guesses at sign-in are limited per account: the sixth try waits, right code or not", async () => {
    const cookie = await signIn(server.url, "koordinator@pas.demo");
    await postForm(server.url, "/akun/autentikator", { intent: "start" }, { cookie });
    const secret = /font-mono text-sm break-all text-slate-900">([A-Z2-7 ]+)</.exec(await (await get(server.url, "/akun/autentikator", cookie)).text())![1]!.replace(/ /g, "");
    expect((await postForm(server.url, "/akun/autentikator", { intent: "confirm", code: totpCode(secret, stepAt(Date.now())) }, { cookie })).status).toBe(200);

    const ticket = cookieOf(await passwordStep("koordinator@pas.demo"), "pas_mfa")!;
    const post = (code: string) =>
      fetch(`${server.url}/masuk/kode`, { method: "POST", redirect: "manual", headers: { ...sameOriginHeaders(server.url), Cookie: ticket }, body: new URLSearchParams({ code }) });
    const right = totpCode(secret, stepAt(Date.now()) + 1);
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push((await post(String((Number(right) + i) % 1_000_000).padStart(6, "0"))).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    const limited = await post(right);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(cookieOf(limited, "pas_session")).toBeNull();
  });
});
