// A walk-in's account invitation: the mentor makes a one-time WhatsApp link, the person proves the
// phone with a code and the account is made. The verbs against a fresh database (single use, expiry,
// a code of one invitation refused on another, racing claims), then over HTTP against the real server:
// only the mentors who see the participant can make a link, and a claim signs the person in on /saya.
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import {
  accountInviteState,
  claimAccount,
  createAccountInvite,
  PHONE_ONLY_PASSWORD_HASH,
  sendClaimCode,
} from "../../app/modules/account/account-invite.server";
import { verifyPassword } from "../../app/modules/auth/password.server";
import { issueCode } from "../../app/modules/codes/one-time.server";
import { DAY_MS } from "../../machines/time";
import { freshDatabase } from "../helpers/db";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

const account = JSON.parse(readFileSync("app/locales/id/account.json", "utf8")) as { accountInvite: Record<string, string> };
const AT = Date.UTC(2026, 0, 10, 3);

describe("the invitation verbs", () => {
  const f = freshDatabase("account-invite");
  afterAll(() => f.close());

  /** The six-digit code last sent to this number (the outbox keeps it when no gateway is configured). */
  function lastCode(phone: string): string {
    const row = f.db.select({ body: t.outbox.body }).from(t.outbox).where(eq(t.outbox.recipient, phone)).orderBy(t.outbox.id).all().at(-1);
    return /(\d{6})/.exec(row?.body ?? "")![1]!;
  }
  const wrongCode = (code: string) => (code === "000000" ? "111111" : "000000");
  const phoneOf = (participantId: number) => `62${f.db.select().from(t.participants).where(eq(t.participants.id, participantId)).get()!.phone!.slice(1)}`;

  it("a link claims the account once: the code to the phone makes the account, ties the record, and the link then says it was used", async () => {
    const { participantId } = f.register({ phone: "081211110001" }, AT);
    const made = createAccountInvite(f.db, f.mentor.id, participantId, AT);
    if (!made.ok) throw new Error(made.reason);
    expect(made.phone).toBe("6281211110001");
    // Only a hash is stored: the token is nowhere in the database.
    expect(JSON.stringify(f.db.select().from(t.oneTimeCodes).all())).not.toContain(made.token);
    expect(accountInviteState(f.db, made.token, AT + 1)).toMatchObject({ state: "open", participantId, phoneMasked: "62812****0001" });

    const sent = await sendClaimCode(f.db, made.token, "10.0.0.1", AT + 2);
    if (!sent.ok) throw new Error(sent.reason);
    expect(await claimAccount(f.db, made.token, sent.ticket, wrongCode(lastCode(phoneOf(participantId))), null, AT + 3)).toEqual({ ok: false, reason: "wrong" });
    const claimed = await claimAccount(f.db, made.token, sent.ticket, lastCode(phoneOf(participantId)), null, AT + 4);
    if (!claimed.ok) throw new Error(claimed.reason);

    const user = f.db.select().from(t.users).where(eq(t.users.id, claimed.userId)).get()!;
    expect(user).toMatchObject({ role: "entrepreneur", phone: "081211110001", active: true, passwordHash: PHONE_ONLY_PASSWORD_HASH });
    expect(f.db.select({ userId: t.participants.userId }).from(t.participants).where(eq(t.participants.id, participantId)).get()!.userId).toBe(claimed.userId);
    expect(accountInviteState(f.db, made.token, AT + 5)).toEqual({ state: "used" });
    // A second claim with a fresh code is refused: the link is used.
    expect(await sendClaimCode(f.db, made.token, "10.0.0.1", AT + 6)).toEqual({ ok: false, reason: "used" });
    expect(createAccountInvite(f.db, f.mentor.id, participantId, AT + 7)).toEqual({ ok: false, reason: "has-account" });
    const audit = f.db.select({ action: t.auditLog.action, actor: t.auditLog.actorUserId }).from(t.auditLog).all();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "account_invite.created", actor: f.mentor.id },
        { action: "account_invite.claimed", actor: claimed.userId },
      ]),
    );
  });

  it("a password set on the claim signs in; without one no password does", async () => {
    const { participantId } = f.register({ phone: "081211110002" }, AT);
    const made = createAccountInvite(f.db, f.mentor.id, participantId, AT);
    if (!made.ok) throw new Error(made.reason);
    const sent = await sendClaimCode(f.db, made.token, "10.0.0.2", AT + 1);
    if (!sent.ok) throw new Error(sent.reason);
    const claimed = await claimAccount(f.db, made.token, sent.ticket, lastCode(phoneOf(participantId)), "warung kopi di pojok", AT + 2);
    if (!claimed.ok) throw new Error(claimed.reason);
    const hash = f.db.select({ h: t.users.passwordHash }).from(t.users).where(eq(t.users.id, claimed.userId)).get()!.h;
    expect(await verifyPassword(hash, "warung kopi di pojok")).toBe(true);
    expect(await verifyPassword(PHONE_ONLY_PASSWORD_HASH, "")).toBe(false);
    expect(await verifyPassword(PHONE_ONLY_PASSWORD_HASH, PHONE_ONLY_PASSWORD_HASH)).toBe(false);
  });

  it("an expired link and a link replaced by a newer one say expired and send no code", async () => {
    const { participantId } = f.register({ phone: "081211110003" }, AT);
    const first = createAccountInvite(f.db, f.mentor.id, participantId, AT);
    if (!first.ok) throw new Error(first.reason);
    expect(accountInviteState(f.db, first.token, AT + 7 * DAY_MS - 1).state).toBe("open");
    expect(accountInviteState(f.db, first.token, AT + 7 * DAY_MS).state).toBe("expired");
    const outboxBefore = f.db.select().from(t.outbox).all().length;
    expect(await sendClaimCode(f.db, first.token, "10.0.0.3", AT + 7 * DAY_MS)).toEqual({ ok: false, reason: "expired" });
    expect(f.db.select().from(t.outbox).all().length).toBe(outboxBefore);

    const second = createAccountInvite(f.db, f.mentor.id, participantId, AT + 1);
    if (!second.ok) throw new Error(second.reason);
    expect(accountInviteState(f.db, first.token, AT + 2).state).toBe("expired");
    expect(accountInviteState(f.db, second.token, AT + 2).state).toBe("open");
    expect(accountInviteState(f.db, "x".repeat(43), AT + 2).state).toBe("expired");
  });

  it("a code sent for one person's invitation cannot claim another person's record", async () => {
    const a = f.register({ phone: "081211110004" }, AT).participantId;
    const b = f.register({ phone: "081211110005" }, AT).participantId;
    const linkA = createAccountInvite(f.db, f.mentor.id, a, AT);
    const linkB = createAccountInvite(f.db, f.mentor.id, b, AT);
    if (!linkA.ok || !linkB.ok) throw new Error("no link");
    const sentA = await sendClaimCode(f.db, linkA.token, "10.0.0.4", AT + 1);
    if (!sentA.ok) throw new Error(sentA.reason);
    // A's code, typed on B's link: refused, and B's record stays without an account.
    expect(await claimAccount(f.db, linkB.token, sentA.ticket, lastCode(phoneOf(a)), null, AT + 2)).toEqual({ ok: false, reason: "code-expired" });
    expect(f.db.select({ userId: t.participants.userId }).from(t.participants).where(eq(t.participants.id, b)).get()!.userId).toBeNull();
    expect(accountInviteState(f.db, linkB.token, AT + 3).state).toBe("open");
  });

  it("two racing claims of one link make one account", async () => {
    const { participantId } = f.register({ phone: "081211110006" }, AT);
    const made = createAccountInvite(f.db, f.mentor.id, participantId, AT);
    if (!made.ok) throw new Error(made.reason);
    const open = accountInviteState(f.db, made.token, AT);
    if (open.state !== "open") throw new Error(open.state);
    // Two valid codes for the same invitation (two phones' worth), so both claims get past the code.
    const one = issueCode(f.db, { purpose: "account_claim", target: "race-1", payload: { inviteId: open.inviteId } }, AT + 1);
    const two = issueCode(f.db, { purpose: "account_claim", target: "race-2", payload: { inviteId: open.inviteId } }, AT + 1);
    const usersBefore = f.db.select().from(t.users).all().length;
    const results = await Promise.all([
      claimAccount(f.db, made.token, one.id, one.code, "kata sandi pertama", AT + 2),
      claimAccount(f.db, made.token, two.id, two.code, "kata sandi kedua", AT + 2),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(f.db.select().from(t.users).all().length).toBe(usersBefore + 1);
  });

  it("no link for a participant without a phone WhatsApp can reach", () => {
    const { participantId } = f.register({ phone: null }, AT);
    expect(createAccountInvite(f.db, f.mentor.id, participantId, AT)).toEqual({ ok: false, reason: "no-phone" });
    expect(f.db.select().from(t.oneTimeCodes).where(eq(t.oneTimeCodes.target, `participant:${participantId}`)).all()).toEqual([]);
  });
});

describe("invitations over HTTP", () => {
  let server: TestServer;
  let walkIn: number;
  let gambir: number;
  beforeAll(async () => {
    server = await startServer({ label: "account-invite-http", participants: 120 });
    const one = (sql: string) => (server.sql.prepare(sql).get() as { id: number }).id;
    walkIn = one(
      "SELECT p.id FROM participants p JOIN districts d ON d.id = p.district_id JOIN users m ON m.id = p.mentor_id WHERE d.name = 'Cakung' AND m.email = 'mentor.cakung@pas.demo' AND p.user_id IS NULL ORDER BY p.id LIMIT 1",
    );
    gambir = one("SELECT p.id FROM participants p JOIN districts d ON d.id = p.district_id WHERE d.name = 'Gambir' AND p.user_id IS NULL ORDER BY p.id LIMIT 1");
    server.sql.prepare("UPDATE participants SET phone = '0812-5555-0101' WHERE id = ?").run(walkIn);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const invites = () => (server.sql.prepare("SELECT count(*) AS n FROM one_time_codes WHERE purpose = 'account_invite'").get() as { n: number }).n;

  it("only the mentors who see the participant can make a link; everyone else gets 404 (or sign-in) and nothing is made", async () => {
    const before = invites();
    for (const email of ["mentor.gambir@pas.demo", "koordinator@pas.demo", "koordinator.jaktim@pas.demo", "umkm@pas.demo", "mitra@pas.demo"]) {
      const cookie = await signIn(server.url, email);
      const response = await postForm(server.url, `/peserta/${walkIn}/undang-akun`, { language: "id" }, { cookie });
      expect(response.status, email).toBe(404);
      expect((await get(server.url, `/peserta/${walkIn}/undang-akun`, cookie)).status, email).toBe(404);
    }
    const anonymous = await postForm(server.url, `/peserta/${walkIn}/undang-akun`, { language: "id" });
    expect([302, 303]).toContain(anonymous.status);
    // The Cakung mentor cannot make one for a Gambir participant either.
    const cakung = await signIn(server.url, "mentor.cakung@pas.demo");
    expect((await postForm(server.url, `/peserta/${gambir}/undang-akun`, { language: "id" }, { cookie: cakung })).status).toBe(404);
    expect(invites()).toBe(before);
  });

  it("the serving mentor gets a wa.me link in the chosen language; the person claims the account and lands on /saya; the link then says it was used", async () => {
    const cakung = await signIn(server.url, "mentor.cakung@pas.demo");
    const page = await (await get(server.url, `/peserta/${walkIn}`, cakung)).text();
    expect(page).toContain(`/peserta/${walkIn}/undang-akun`);

    const made = await postForm(server.url, `/peserta/${walkIn}/undang-akun`, { language: "en" }, { cookie: cakung });
    expect(made.status).toBe(200);
    expect(made.headers.get("cache-control")).toContain("no-store");
    const html = (await made.text()).replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
    const href = /href="(https:\/\/wa\.me\/6281255550101\?text=[^"]+)"/.exec(html)?.[1];
    expect(href, "a wa.me link to the participant's number").toBeDefined();
    const message = decodeURIComponent(new URL(href!).searchParams.get("text")!);
    expect(message).toMatch(/^Hello .+JakPreneur programme/);
    const link = /(https?:\/\/\S+\/aktifkan\/[A-Za-z0-9_-]{43})/.exec(message)?.[1] ?? `(no link in: ${message})`;
    expect(link).toMatch(/^http/);
    const path = new URL(link).pathname;

    const open = await get(server.url, path);
    expect(open.status).toBe(200);
    // The address holds a working link: never sent on to another site as a referrer.
    expect(["same-origin", "no-referrer"]).toContain(open.headers.get("referrer-policy"));
    const send = await postForm(server.url, path, { intent: "send" });
    expect(send.status).toBe(303);
    const ticket = new URL(send.headers.get("location")!, server.url).searchParams.get("n")!;
    const body = (server.sql.prepare("SELECT body FROM outbox WHERE recipient = '6281255550101' ORDER BY id DESC LIMIT 1").get() as { body: string }).body;
    const code = /(\d{6})/.exec(body)![1]!;

    // A short password is refused in place and nothing is made.
    const short = await postForm(server.url, path, { intent: "claim", n: ticket, code, password: "pendek", confirm: "pendek" });
    expect(short.status).toBe(400);
    const claimed = await postForm(server.url, path, { intent: "claim", n: ticket, code, password: "", confirm: "" });
    expect(claimed.status).toBe(303);
    expect(claimed.headers.get("location")).toBe("/saya");
    const session = claimed.headers.getSetCookie().find((c) => c.startsWith("pas_session="))!.split(";")[0]!;
    expect((await get(server.url, "/saya", session)).status).toBe(200);

    const again = await get(server.url, path);
    expect(again.status).toBe(410);
    expect((await again.text()).replace(/&#x27;/g, "'")).toContain(account.accountInvite.used!);
    // The mentor's page no longer offers an invitation.
    expect(await (await get(server.url, `/peserta/${walkIn}`, cakung)).text()).not.toContain(`/peserta/${walkIn}/undang-akun`);
  });

  it("an unknown link says in plain words that it no longer works", async () => {
    const response = await get(server.url, `/aktifkan/${"a".repeat(43)}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain(account.accountInvite.expired!);
  });
});
