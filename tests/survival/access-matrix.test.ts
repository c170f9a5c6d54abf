// Who may see and change what, generated from the route files themselves: every file in app/routes
// has an entry in the route map (tests/helpers/routes.ts, shared with the browser crawl; a new file
// without one fails the first test), and every entry is requested by every role — anonymous,
// entrepreneur, partner staff, the mentors of Cakung and Gambir, the city and the province
// coordinator — for records in and out of that role's scope, as a page, as single-fetch
// data and as a POST. Records carry unique markers (business, cohort and user names), so a leak is a
// marker in a body it does not belong to. Also: sessions expire (idle and absolute), sign-in is
// throttled, cross-site posts are refused, and every page carries the security headers.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedParts, databaseFingerprint } from "../helpers/fingerprint";
import { allowed, arrangeRecords, PARTICIPANTS, ROUTES, SEES, WHO, type Ids, type Record_, type Who } from "../helpers/routes";
import { DEMO_PASSWORD, get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let ids: Ids;
const markers = {} as Record<Record_, string>;
let cookies: Partial<Record<Who, string>>;
let pairs = 0;
const leaks: string[] = [];

/** Markers of records this role must never see. */
function foreignMarkers(who: Who): [Record_, string][] {
  return (Object.keys(markers) as Record_[]).filter((r) => !SEES[r].includes(who)).map((r) => [r, markers[r]]);
}

beforeAll(async () => {
  server = await startServer({ label: "access-matrix", participants: 160 });
  ({ ids, cookies } = await arrangeRecords(server));
  // Unique markers: a leak cannot hide behind (or be faked by) a common name.
  for (const r of PARTICIPANTS) {
    markers[r] = `Penanda ${r} ${ids[r]}`;
    server.sql.prepare("UPDATE participants SET business_name = ? WHERE id = ?").run(markers[r], ids[r]);
  }
  for (const r of ["cohortCakung", "cohortGambir"] as const) {
    markers[r] = `Kohort Penanda ${r} ${ids[r]}`;
    server.sql.prepare("UPDATE cohorts SET name = ? WHERE id = ?").run(markers[r], ids[r]);
  }
  for (const r of ["userCakung", "userGambir"] as const) {
    markers[r] = `Pengguna Penanda ${r} ${ids[r]}`;
    server.sql.prepare("UPDATE users SET name = ? WHERE id = ?").run(markers[r], ids[r]);
  }
});

afterAll(async () => {
  console.log(`access matrix: ${pairs} role × route × scope pairs checked, leaks: ${leaks.length}`);
  if (leaks.length) console.log(leaks.join("\n"));
  await server?.stop();
});

describe("the route map", () => {
  it("has an entry for every route file (a new route without one fails here)", () => {
    const files = readdirSync("app/routes").filter((f) => /\.(tsx|ts)$/.test(f) && !/\.test\./.test(f));
    expect(files.filter((f) => !(f in ROUTES)), "route files missing from the access map").toEqual([]);
    expect(Object.keys(ROUTES).filter((f) => !files.includes(f)), "map entries without a route file").toEqual([]);
  });
});

const cases = Object.entries(ROUTES).flatMap(([file, entry]) => (entry.records ?? [undefined]).map((record) => ({ file, entry, record })));

describe("reading", () => {
  it.each(WHO)("%s: every route answers as role and scope say, and no body shows a record out of scope", async (who) => {
    const foreign = foreignMarkers(who);
    for (const { file, entry, record } of cases) {
      const path = entry.url(ids, record);
      const variants = entry.resource || entry.redirects ? [path] : [path, path.replace(/(\?|$)/, ".data$1")];
      for (const url of variants) {
        const response = await get(server.url, url, cookies[who]);
        const body = await response.text();
        const status = response.status;
        pairs++;
        const what = `${who} GET ${url} (${file}${record ? `, ${record}` : ""})`;
        for (const [r, marker] of foreign) if (body.includes(marker)) leaks.push(`${what} shows ${r}`);
        if (entry.redirects) {
          expect([302, 303], what).toContain(status);
          continue;
        }
        const isData = url.includes(".data");
        if (who === "anonymous" && entry.roles !== "public") {
          // A page sends the person to sign in; single-fetch data carries the same redirect (202).
          if (isData) expect([202, 302, 303], what).toContain(status);
          else {
            expect([302, 303], what).toContain(status);
            expect(response.headers.get("location"), what).toMatch(/^\/masuk/);
          }
        } else if (allowed(entry, who, record)) {
          if (entry.roles === "public" && who !== "anonymous" && (file === "daftar.tsx" || file === "masuk.tsx" || file === "masuk_.telepon.tsx")) continue; // signed in: sent home
          // A link token that does not exist (reset, invitation, account claim): the page says the link no longer works, with 410.
          if (file === "undangan.$token.tsx" || file === "atur-sandi.$token.tsx" || file === "aktifkan.$token.tsx") expect(status, what).toBe(410);
          else expect(status, what).toBe(isData && status === 202 ? 202 : 200);
          // The record itself is there: the markers are what the pages show.
          if (record && entry.showsRecord && status === 200 && !isData) expect(body, `${what} shows its own record`).toContain(markers[record]);
        } else {
          if (status !== 404) leaks.push(`${what}: ${status}, expected 404`);
          expect(status, what).toBe(404);
        }
      }
    }
  });
});

describe("writing", () => {
  it.each(WHO)("%s: a POST to a route or record out of reach is refused and changes nothing", async (who) => {
    for (const { file, entry, record } of cases) {
      if (!entry.post || entry.roles === "public" || allowed(entry, who, record)) continue;
      const path = entry.url(ids, record);
      for (const url of [path, path.replace(/(\?|$)/, ".data$1")]) {
        const before = databaseFingerprint(server.sql);
        const response = await postForm(server.url, url, entry.post(ids), { cookie: cookies[who] });
        const changed = changedParts(before, databaseFingerprint(server.sql));
        pairs++;
        const what = `${who} POST ${url} (${file}${record ? `, ${record}` : ""})`;
        const refused = who === "anonymous" ? [202, 302, 303] : [404];
        if (!refused.includes(response.status) || changed.length) leaks.push(`${what}: ${response.status}, changed ${changed.join(", ")}`);
        expect(refused, what).toContain(response.status);
        expect(changed, what).toEqual([]);
      }
    }
  });
});

describe("cross-site posts", () => {
  it("every POST route refuses a cross-site post (403) and nothing changes", async () => {
    const before = databaseFingerprint(server.sql);
    let checked = 0;
    for (const [file, entry] of Object.entries(ROUTES)) {
      if (!entry.post && file !== "keluar.tsx" && file !== "bahasa.tsx" && file !== "masuk.tsx" && file !== "daftar.tsx") continue;
      const path = entry.url(ids, entry.records?.[0]);
      const who = entry.roles === "public" ? "coordinator" : entry.roles[entry.roles.length - 1]!;
      for (const headers of [
        { "Sec-Fetch-Site": "cross-site" },
        { "Sec-Fetch-Site": "same-site" },
        { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      ] as Record<string, string>[]) {
        const response = await fetch(`${server.url}${path}`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies[who]!, ...headers },
          body: new URLSearchParams(entry.post?.(ids) ?? { lng: "en", email: "koordinator@pas.demo", password: DEMO_PASSWORD }),
        });
        const body = await response.text();
        pairs++;
        checked++;
        const what = `cross-site POST ${path} ${JSON.stringify(headers)}`;
        if (headers.Origin) {
          // Remix's own guard refuses a foreign Origin before any of our code runs, with a bare 500
          // (app/server/worker.ts hands every request to Remix's handler with no Origin check in
          // front of it): refused all the same, and nothing ran.
          expect([403, 500], what).toContain(response.status);
          if (response.status === 500) expect(body, what).toBe("");
        } else {
          expect(response.status, what).toBe(403);
        }
        expect(response.headers.get("set-cookie"), what).toBeNull();
      }
    }
    expect(changedParts(before, databaseFingerprint(server.sql))).toEqual([]);
    // Still signed in: the cross-site sign-out did nothing.
    expect((await get(server.url, "/kohort", cookies.coordinator)).status).toBe(200);
    console.log(`cross-site: ${checked} posts refused`);
  });
});

describe("security headers", () => {
  it("every page route carries CSP with a nonce, frame-ancestors, nosniff, Referrer-Policy and no-store", async () => {
    const nonces = new Set<string>();
    let pages = 0;
    for (const { file, entry, record } of cases) {
      if (entry.redirects) continue;
      const who = entry.roles === "public" ? "anonymous" : WHO.find((w) => allowed(entry, w, record));
      if (!who) continue; // no role may open this record here (e.g. a partner page for someone not referred)
      const response = await get(server.url, entry.url(ids, record), cookies[who]);
      const what = `${who} GET ${entry.url(ids, record)} (${file})`;
      pairs++;
      expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(response.headers.get("cache-control"), what).toContain("no-store");
      if (entry.resource) continue;
      const csp = response.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, what).toBeTruthy();
      nonces.add(nonce!);
      expect(csp, what).toContain("frame-ancestors 'none'");
      expect(response.headers.get("referrer-policy"), what).toMatch(/same-origin|no-referrer/);
      const body = await response.text();
      for (const tag of body.match(/<script\b[^>]*>/g) ?? []) expect(tag, what).toContain(`nonce="${nonce}"`);
      pages++;
    }
    // A fresh nonce per response.
    expect(nonces.size).toBe(pages);
  });
});

describe("sessions and sign-in", () => {
  const sessionRows = () => (server.sql.prepare("SELECT count(*) AS n FROM sessions").get() as { n: number }).n;

  it("a session idle for more than 30 minutes is signed out", async () => {
    const cookie = await signIn(server.url, "mentor.cakung@pas.demo");
    expect((await get(server.url, "/peserta", cookie)).status).toBe(200);
    const before = sessionRows();
    // Only the newest session of this user goes idle.
    server.sql
      .prepare("UPDATE sessions SET last_seen_at = ? WHERE id = (SELECT id FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 1)")
      .run(Date.now() - 31 * 60 * 1000, ids.userCakung);
    const after = await get(server.url, "/peserta", cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/masuk/);
    expect(sessionRows()).toBe(before - 1);
    pairs++;
  });

  it("a session older than 12 hours is signed out however active", async () => {
    const cookie = await signIn(server.url, "koordinator.jaktim@pas.demo");
    expect((await get(server.url, "/kohort", cookie)).status).toBe(200);
    server.sql
      .prepare("UPDATE sessions SET created_at = ?, expires_at = ?, last_seen_at = ? WHERE id = (SELECT id FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'koordinator.jaktim@pas.demo') ORDER BY created_at DESC LIMIT 1)")
      .run(Date.now() - 12 * 60 * 60 * 1000 - 1000, Date.now() - 1000, Date.now());
    const after = await get(server.url, "/kohort", cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/masuk/);
    pairs++;
  });

  it("after repeated wrong passwords an account must wait, and even the right password is refused meanwhile", async () => {
    const email = "mentor.matraman@pas.demo";
    const attempt = (password: string) => postForm(server.url, "/masuk", { email, password });
    for (let i = 0; i < 5; i++) expect((await attempt(`salah-${i}-sekali`)).status).toBe(400);
    const throttled = await attempt(DEMO_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("set-cookie")).toBeNull();
    expect(await throttled.text()).toContain("Terlalu banyak percobaan masuk yang gagal untuk akun ini");
    // Another account behind the same address is not locked out.
    expect((await postForm(server.url, "/masuk", { email: "mentor.gambir@pas.demo", password: DEMO_PASSWORD })).status).toBe(303);
    // Once the wait is over, the right password works again.
    server.sql.prepare("UPDATE login_failures SET last_failure_at = ? WHERE email = ?").run(Date.now() - 10 * 60 * 1000, email);
    expect((await attempt(DEMO_PASSWORD)).status).toBe(303);
    pairs++;
  });
});

describe("the whole matrix", () => {
  it("found no leaks", () => {
    expect(leaks).toEqual([]);
    expect(pairs).toBeGreaterThan(500);
  });
});

