// The doors, tried from outside as an attacker would: a flood of sign-ups, sign-ups that probe who is
// registered, guesses at a password (one by one, in parallel, against random accounts), and
// redirects that try to leave the site. Each answer is checked on the real server over HTTP. The
// server trusts X-Forwarded-For from loopback here (as behind a proxy), so each test speaks from its
// own addresses and the per-address limits of one test do not spill into the next.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMIT_RULES, type LimitName } from "../../app/modules/limits/rules";
import { FREE_ATTEMPTS } from "../../app/modules/auth/login.server";
import { DEMO_PASSWORD, postForm, startServer, type TestServer } from "../helpers/server";

const common = JSON.parse(readFileSync("app/locales/id/common.json", "utf8")) as { registration: Record<string, string> };
const account = JSON.parse(readFileSync("app/locales/id/account.json", "utf8")) as { signup: Record<string, string> };

let server: TestServer;

beforeAll(async () => {
  // The real limits (the test helper lifts them for every other test, which all speak from one address).
  const realLimits = Object.fromEntries(
    (Object.keys(LIMIT_RULES) as LimitName[]).map((name) => [`PAS_LIMIT_${name}`, `${LIMIT_RULES[name].limit}/${LIMIT_RULES[name].windowMs / 1000}`]),
  );
  server = await startServer({ label: "doors", participants: 50, env: { PAS_TRUST_PROXY: "loopback", ...realLimits } });
});

afterAll(async () => {
  await server?.stop();
});

/** Headers that make a request come from this network address (the server trusts loopback's X-Forwarded-For). */
function from(address: string): { headers: Record<string, string> } {
  return { headers: { "X-Forwarded-For": address } };
}

function count(table: string): number {
  return (server.sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function districtId(name: string): number {
  return (server.sql.prepare("SELECT id FROM districts WHERE name = ?").get(name) as { id: number }).id;
}

/** A complete, valid self-registration, person number `n` (Jakarta Timur, a woman born 15-08-1990). */
function signUpForm(n: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    fullName: `Rina Kartika ${n}`,
    nik: `317401550890${String(n).padStart(4, "0")}`,
    phone: `0813${String(n).padStart(8, "0")}`,
    email: `rina${n}@contoh.id`,
    password: "nasi uduk betawi enak",
    track: "pemula",
    businessName: `Warung Rina ${n}`,
    sector: "kuliner",
    districtId: String(districtId("Cakung")),
    businessPlan: "on",
    ...overrides,
  };
}

/** The last code the outbox holds for this recipient (the demo keeps message bodies). */
function lastCode(recipient: string): string {
  const row = server.sql.prepare("SELECT body FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1").get(recipient) as { body: string } | undefined;
  const code = row?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code in the outbox for ${recipient}`);
  return code;
}

function signInForm(email: string, password: string, redirectTo?: string): Record<string, string> {
  return redirectTo === undefined ? { email, password } : { email, password, redirectTo };
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Sends a sign-up through its code step; returns the last answer. */
async function signUpWithCode(form: Record<string, string>, address: string): Promise<Response> {
  const started = await postForm(server.url, "/daftar", form, from(address));
  expect(started.status).toBe(303);
  const next = new URL(started.headers.get("location")!, server.url);
  expect(next.pathname).toBe("/daftar/kode");
  const ticket = next.searchParams.get("n")!;
  return postForm(server.url, "/daftar/kode", { n: ticket, code: lastCode(`62${form.phone!.slice(1)}`) }, from(address));
}

describe("sign-up", () => {
  it("answers a taken email or NIK with the same neutral words as a new person, and tells the mentor why", async () => {
    const fresh = await postForm(server.url, "/daftar", signUpForm(1), from("198.51.100.1"));
    const takenEmail = await postForm(server.url, "/daftar", signUpForm(2, { email: "UMKM@pas.demo" }), from("198.51.100.2"));
    const bodies = [await fresh.text(), await takenEmail.text()];
    console.log(`sign-up probe: a new person got ${fresh.status}, a taken email got ${takenEmail.status}`);
    for (const body of bodies) {
      expect(body).not.toContain(common.registration.emailTaken);
      expect(body).not.toContain(common.registration.nikTaken);
    }
    expect(takenEmail.status).toBe(fresh.status);

    // The first person finishes; the same NIK again (another email) proves its phone and gets the neutral answer.
    const done = await signUpWithCode(signUpForm(3), "198.51.100.3");
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/saya");
    const participants = count("participants");
    const mentorMessages = count("outbox WHERE recipient = 'mentor.cakung@pas.demo'");
    const again = await signUpWithCode(signUpForm(3, { email: "rina.lagi@contoh.id", phone: "081399990003" }), "198.51.100.4");
    const body = await again.text();
    expect(again.status).toBe(200);
    expect(body).toContain(account.signup.neutralDuplicate);
    expect(body).not.toContain(common.registration.nikTaken);
    expect(count("participants")).toBe(participants);
    expect(count("outbox WHERE recipient = 'mentor.cakung@pas.demo'")).toBe(mentorMessages + 1);
  });

  it("puts no P1 record in a mentor's queue before the code is entered", async () => {
    const participants = count("participants");
    const started = await postForm(server.url, "/daftar", signUpForm(10), from("198.51.100.10"));
    expect(started.status).toBe(303);
    expect(count("participants")).toBe(participants);
    const wrong = await postForm(server.url, "/daftar/kode", { n: new URL(started.headers.get("location")!, server.url).searchParams.get("n")!, code: "000000" }, from("198.51.100.10"));
    expect(wrong.status).toBe(400);
    expect(count("participants")).toBe(participants);
  });

  it("limits 100 sign-ups in 5 seconds from one address, with Retry-After", async () => {
    const participants = count("participants");
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => postForm(server.url, "/daftar", signUpForm(100 + i), from("203.0.113.50"))));
    const elapsed = Date.now() - started;
    const limited = responses.filter((r) => r.status === 429);
    console.log(
      `sign-up flood, one address: 100 posts in ${elapsed} ms, ${count("participants") - participants} P1 records made, ${limited.length} answered 429, Retry-After ${limited[0]?.headers.get("retry-after") ?? "none"}`,
    );
    expect(count("participants")).toBe(participants);
    expect(limited.length).toBe(100 - LIMIT_RULES.SIGNUP_PER_ADDRESS.limit);
    for (const response of limited) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited[0]!.text()).toContain(account.signup.limited!.split("{{")[0]);
  });

  it("limits sign-ups from many addresses together", async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => postForm(server.url, "/daftar", signUpForm(300 + i), from(`10.1.${i >> 4}.${i & 15}`))),
    );
    const limited = responses.filter((r) => r.status === 429).length;
    console.log(`sign-up flood, 100 addresses: ${responses.length - limited} accepted, ${limited} answered 429`);
    // The global window already holds this file's earlier sign-ups.
    expect(responses.length - limited).toBeLessThanOrEqual(LIMIT_RULES.SIGNUP_GLOBAL.limit);
    expect(limited).toBeGreaterThan(0);
  });
});

describe("sign-in", () => {
  it("lets the owner in from a device they signed in on while an attacker guesses", async () => {
    const first = await postForm(server.url, "/masuk", signInForm("umkm@pas.demo", DEMO_PASSWORD), from("192.0.2.7"));
    expect(first.status).toBe(303);
    const device = cookiesOf(first).filter((c) => !c.startsWith("pas_session="));
    for (let i = 0; i < 40; i++) {
      await postForm(server.url, "/masuk", signInForm("umkm@pas.demo", `tebakan-${i}`), from(`203.0.113.${100 + (i % 10)}`));
    }
    const owner = await postForm(server.url, "/masuk", signInForm("umkm@pas.demo", DEMO_PASSWORD), {
      headers: { "X-Forwarded-For": "192.0.2.7", Cookie: device.join("; ") },
    });
    console.log(`owner during 40 guesses: ${owner.status}`);
    expect(owner.status).toBe(303);
    // A new device with the right password waits like the attacker does (and says how long).
    const stranger = await postForm(server.url, "/masuk", signInForm("umkm@pas.demo", DEMO_PASSWORD), from("192.0.2.8"));
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it(`checks at most ${FREE_ATTEMPTS} passwords of 40 parallel guesses, and says when to retry`, async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postForm(server.url, "/masuk", signInForm("mentor.gambir@pas.demo", `tebakan-${i}`), from(`203.0.113.${i + 1}`))),
    );
    const checked = responses.filter((r) => r.status === 400).length;
    const limited = responses.filter((r) => r.status === 429);
    console.log(`40 parallel guesses: ${checked} passwords checked, ${limited.length} answered 429, Retry-After ${limited[0]?.headers.get("retry-after") ?? "none"}`);
    expect(checked).toBeLessThanOrEqual(FREE_ATTEMPTS);
    expect(limited.length).toBe(40 - checked);
    for (const response of limited) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("limits a flood of random emails from one address", async () => {
    const started = Date.now();
    const responses = [];
    for (let i = 0; i < 60; i++) {
      responses.push(await postForm(server.url, "/masuk", signInForm(`acak${i}@contoh.id`, "apa saja"), from("203.0.113.200")));
    }
    const limited = responses.filter((r) => r.status === 429);
    console.log(`60 random emails from one address in ${Date.now() - started} ms: ${limited.length} answered 429, Retry-After ${limited[0]?.headers.get("retry-after") ?? "none"}`);
    expect(limited.length).toBe(60 - LIMIT_RULES.SIGNIN_FAILURES_PER_ADDRESS.limit);
    for (const response of limited) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("redirects stay on the site", () => {
  const attempts = ["/\t/evil.example", "/%09/evil.example", "/\\evil.example", "//evil.example", "/\n/evil.example", "https://evil.example/", "/\r\n/evil.example", "/%5C/evil.example", " //evil.example", "javascript:alert(1)"];

  it.each(attempts)("after signing in with redirectTo=%j", async (redirectTo) => {
    const response = await postForm(server.url, "/masuk", signInForm("koordinator@pas.demo", DEMO_PASSWORD, redirectTo), from("192.0.2.50"));
    expect([303, 400]).toContain(response.status);
    if (response.status === 303) expect(new URL(response.headers.get("location")!, server.url).origin).toBe(server.url);
  });

  it.each(attempts)("after choosing a language with redirectTo=%j", async (redirectTo) => {
    const response = await postForm(server.url, "/bahasa", { lng: "en", redirectTo }, from("192.0.2.51"));
    expect([303, 400]).toContain(response.status);
    if (response.status === 303) expect(new URL(response.headers.get("location")!, server.url).origin).toBe(server.url);
  });

  it("from the sign-in page's link when already signed in", async () => {
    const signedIn = await postForm(server.url, "/masuk", signInForm("koordinator@pas.demo", DEMO_PASSWORD), from("192.0.2.52"));
    const cookie = cookiesOf(signedIn).join("; ");
    const response = await fetch(`${server.url}/masuk?redirectTo=%2F%09%2Fevil.example`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(new URL(response.headers.get("location")!, server.url).origin).toBe(server.url);
  });

  it("keeps a path on the site, with its query", async () => {
    const response = await postForm(server.url, "/masuk", signInForm("koordinator@pas.demo", DEMO_PASSWORD, "/peserta?status=active"), from("192.0.2.53"));
    expect(response.headers.get("location")).toBe("/peserta?status=active");
  });
});
