// Credential stuffing, tried from outside: one wrong password each for many accounts (real and
// made-up), each from its own network address, so that neither the per-account nor the per-address
// limit ever sees more than one failure. The overall limit (SIGNIN_FAILURES_GLOBAL) must stop the
// flood after its count of checked passwords, answer the rest 429 with Retry-After, and still let an
// owner in from a device they signed in on before. Runs with a small overall limit to stay quick;
// the default is in app/modules/limits/rules.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMIT_RULES, type LimitName } from "../../app/modules/limits/rules";
import { DEMO_PASSWORD, postForm, startServer, type TestServer } from "../helpers/server";

const OVERALL = 30;
const ATTEMPTS = 120;
let server: TestServer;

beforeAll(async () => {
  // The real limits, but for the overall one (small here), and addresses taken from X-Forwarded-For.
  const realLimits = Object.fromEntries(
    (Object.keys(LIMIT_RULES) as LimitName[]).map((name) => [`PAS_LIMIT_${name}`, `${LIMIT_RULES[name].limit}/${LIMIT_RULES[name].windowMs / 1000}`]),
  );
  server = await startServer({
    label: "credential-stuffing",
    participants: 50,
    env: { PAS_TRUST_PROXY: "loopback", ...realLimits, PAS_LIMIT_SIGNIN_FAILURES_GLOBAL: `${OVERALL}/900` },
  });
});

afterAll(async () => {
  await server?.stop();
});

const from = (address: string, cookie?: string) => ({ headers: { "X-Forwarded-For": address, ...(cookie ? { Cookie: cookie } : {}) } });
const signIn = (email: string, password: string, address: string, cookie?: string) => postForm(server.url, "/masuk", { email, password }, from(address, cookie));

describe("credential stuffing", () => {
  it(`checks at most ${OVERALL} passwords of ${ATTEMPTS} one-guess-per-account attempts from ${ATTEMPTS} addresses; the owner on a known device still signs in`, async () => {
    // The owner signed in on this phone before the attack.
    const first = await signIn("mentor.cakung@pas.demo", DEMO_PASSWORD, "192.0.2.50");
    expect(first.status).toBe(303);
    const device = first.headers.getSetCookie().map((c) => c.split(";")[0]!).filter((c) => c.startsWith("pas_device="))[0]!;
    expect(device).toBeTruthy();

    const emails = (server.sql.prepare("SELECT email FROM users ORDER BY id LIMIT 60").all() as { email: string }[]).map((r) => r.email);
    const targets = Array.from({ length: ATTEMPTS }, (_, i) => emails[i] ?? `bocoran${i}@contoh.id`);
    const started = Date.now();
    const statuses: number[] = [];
    // In waves of 10 at once, each attempt from its own address.
    for (let wave = 0; wave < ATTEMPTS / 10; wave++) {
      const answers = await Promise.all(
        targets.slice(wave * 10, wave * 10 + 10).map((email, j) => signIn(email, "Password123!", `198.51.100.${wave * 10 + j + 1}`)),
      );
      for (const answer of answers) {
        statuses.push(answer.status);
        if (answer.status === 429) expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    }
    const checked = statuses.filter((s) => s === 400).length;
    const limited = statuses.filter((s) => s === 429).length;
    console.log(`credential stuffing: ${ATTEMPTS} attempts from ${ATTEMPTS} addresses in ${Date.now() - started} ms: ${checked} passwords checked, ${limited} answered 429 (overall limit ${OVERALL})`);
    expect(checked).toBeLessThanOrEqual(OVERALL);
    expect(checked + limited).toBe(ATTEMPTS);

    // The owner, on the device they signed in on: in. The same password from a new device waits.
    const owner = await signIn("mentor.cakung@pas.demo", DEMO_PASSWORD, "192.0.2.50", device);
    expect(owner.status).toBe(303);
    const stranger = await signIn("mentor.gambir@pas.demo", DEMO_PASSWORD, "192.0.2.51");
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
