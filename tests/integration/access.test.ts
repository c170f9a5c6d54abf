// Who may see and change what, over HTTP against the real server: every demo role × every route ×
// in-scope and out-of-scope participants, page and data requests, reads and moves. Prints how many
// pairs were checked and how many leaks were found (must be none).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { registerParticipant } from "../../app/modules/journey/journey.server";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

type Who = "coordinator" | "coordinatorJaktim" | "mentorCakung" | "mentorGambir" | "entrepreneur" | "partner" | "anonymous";
type Target = "siti" | "cakungPeer" | "cakungOtherAgency" | "gambir" | "elsewhere";

const ACCOUNTS: Record<Exclude<Who, "anonymous">, string> = {
  coordinator: "koordinator@pas.demo",
  coordinatorJaktim: "koordinator.jaktim@pas.demo",
  mentorCakung: "mentor.cakung@pas.demo",
  mentorGambir: "mentor.gambir@pas.demo",
  entrepreneur: "umkm@pas.demo",
  partner: "mitra@pas.demo",
};

/** Which participants each role may open on /peserta/:id (staff pages). */
const SCOPE: Record<Who, Target[]> = {
  coordinator: ["siti", "cakungPeer", "cakungOtherAgency", "gambir", "elsewhere"],
  coordinatorJaktim: ["siti", "cakungPeer", "cakungOtherAgency"],
  mentorCakung: ["siti", "cakungPeer"],
  mentorGambir: ["gambir"],
  entrepreneur: [],
  partner: [],
  anonymous: [],
};

const HOME: Record<Who, string> = {
  coordinator: "/koordinator",
  coordinatorJaktim: "/koordinator",
  mentorCakung: "/hari-ini",
  mentorGambir: "/hari-ini",
  entrepreneur: "/saya",
  partner: "/mitra",
  anonymous: "/masuk",
};

let server: TestServer;
let db: Db;
const cookies = {} as Record<Who, string | undefined>;
const targets = {} as Record<Target, { id: number; fullName: string; nikMasked: string; businessName: string }>;
let pairs = 0;
const leaks: string[] = [];

function participant(where: string, ...params: unknown[]) {
  return server.sql
    .prepare(
      `SELECT p.id, p.full_name AS fullName, p.nik_masked AS nikMasked, p.business_name AS businessName
       FROM participants p JOIN districts d ON d.id = p.district_id JOIN cities c ON c.id = d.city_id
       JOIN agencies a ON a.id = p.agency_id WHERE ${where} ORDER BY p.id LIMIT 1`,
    )
    .get(...params) as { id: number; fullName: string; nikMasked: string; businessName: string };
}

/** Everything a refused request must leave untouched. */
function fingerprint(id: number): string {
  return JSON.stringify({
    row: server.sql.prepare("SELECT version, status, snapshot FROM participants WHERE id = ?").get(id),
    log: server.sql.prepare("SELECT count(*) AS n FROM transition_log WHERE participant_id = ?").get(id),
    evidence: server.sql.prepare("SELECT count(*) AS n FROM stage_evidence WHERE participant_id = ?").get(id),
  });
}

function version(id: number): number {
  return (server.sql.prepare("SELECT version FROM participants WHERE id = ?").get(id) as { version: number }).version;
}

/**
 * A response leaks a participant when it shows their marker (a unique business name set for this
 * test: real names and masked NIKs repeat across people) or their name (Siti's name is also her own
 * account's, shown in her header, so for her the marker alone counts).
 */
function leakIn(body: string, target: Target, query = ""): boolean {
  const t = targets[target];
  return (
    body.includes(t.businessName) ||
    body.includes(`href="/peserta/${t.id}"`) ||
    // A search page repeats its query in the search box: that is not a leak.
    (target !== "siti" && t.fullName !== query && body.includes(t.fullName))
  );
}

beforeAll(async () => {
  server = await startServer({ label: "access" });
  db = openDatabase(server.dbPath);
  targets.siti = participant("p.user_id = (SELECT id FROM users WHERE email = 'umkm@pas.demo')");
  // Active (the moving tests put them on hold), and referred to no partner (partner staff would see them).
  const unreferred = "NOT EXISTS (SELECT 1 FROM referrals r WHERE r.participant_id = p.id)";
  targets.cakungPeer = participant(`d.name = 'Cakung' AND a.code = 'PPKUKM' AND p.user_id IS NULL AND p.full_name <> 'Siti Rahmawati' AND p.status = 'active' AND ${unreferred}`);
  targets.gambir = participant(`d.name = 'Gambir' AND a.code = 'PPKUKM' AND ${unreferred}`);
  targets.elsewhere = participant(`c.name NOT IN ('Jakarta Timur', 'Jakarta Pusat') AND ${unreferred}`);
  // Someone in Cakung served by the other agency: Sari (Dinas PPKUKM) is not their mentor.
  const ids = server.sql
    .prepare(
      "SELECT d.id AS district, a.id AS agency, u.id AS mentor FROM districts d, agencies a, users u WHERE d.name = 'Cakung' AND a.code = 'NAKERTRANSGI' AND u.email LIKE 'pendamping.cakung@%'",
    )
    .get() as { district: number; agency: number; mentor: number };
  const { participantId } = registerParticipant(
    db,
    {
      fullName: "Bambang Lintas Instansi",
      nik: "3172011508850042",
      phone: "081311112222",
      track: "pemula",
      domicileBasis: "ktp_dki",
      channel: "office",
      businessName: "Bengkel Bambang Lintas",
      sector: "jasa",
      documentsStatement: "Rencana usaha",
      districtId: ids.district,
      agencyId: ids.agency,
      mentorId: ids.mentor,
    },
    ids.mentor,
  );
  targets.cakungOtherAgency = participant("p.id = ?", participantId);
  for (const [name, t] of Object.entries(targets)) {
    expect(t?.id, name).toBeTypeOf("number");
    // Unique markers, so that a leak cannot hide behind (or be faked by) a common name.
    t.businessName = `Penanda ${name} ${t.id}`;
    server.sql.prepare("UPDATE participants SET business_name = ? WHERE id = ?").run(t.businessName, t.id);
    if (name !== "siti") {
      t.fullName = `Peserta Uji ${name} ${t.id}`;
      server.sql.prepare("UPDATE participants SET full_name = ? WHERE id = ?").run(t.fullName, t.id);
    }
  }

  for (const [who, email] of Object.entries(ACCOUNTS)) cookies[who as Who] = await signIn(server.url, email);
  cookies.anonymous = undefined;
});

afterAll(async () => {
  console.log(`access matrix: ${pairs} role × route × scope pairs checked, ${leaks.length} leaks found`);
  if (leaks.length) console.log(leaks.join("\n"));
  db?.$client.close();
  await server?.stop();
});

const WHO = Object.keys(SCOPE) as Who[];
const TARGETS: Target[] = ["siti", "cakungPeer", "cakungOtherAgency", "gambir", "elsewhere"];

describe("reading", () => {
  it.each(WHO)("%s: each page answers as its role and scope say, and shows no one out of scope", async (who) => {
    const cookie = cookies[who];
    const isStaff = who.startsWith("coordinator") || who.startsWith("mentor");

    const check = async (path: string, expected: number | "redirect", visible: Target[], query = "") => {
      pairs++;
      const response = await get(server.url, path, cookie);
      const body = await response.text();
      const status = response.status;
      const ok =
        expected === "redirect"
          ? (status === 302 || status === 303) && (response.headers.get("location") ?? "").startsWith("/masuk")
          : status === expected;
      if (!ok) leaks.push(`${who} GET ${path}: ${status}, expected ${expected}`);
      for (const target of TARGETS) {
        if (!visible.includes(target) && leakIn(body, target, query)) leaks.push(`${who} GET ${path} shows ${target}`);
      }
      expect(status, `${who} GET ${path}`).toBe(expected === "redirect" ? status : expected);
      if (expected === "redirect") expect(response.headers.get("location"), `${who} GET ${path}`).toMatch(/^\/masuk/);
    };

    const denied = who === "anonymous" ? "redirect" : 404;
    // The list, and a search for each participant by name: only those in scope come back.
    await check("/peserta", isStaff ? 200 : denied, SCOPE[who]);
    for (const target of TARGETS) {
      const q = encodeURIComponent(targets[target].fullName);
      await check(`/peserta?q=${q}`, isStaff ? 200 : denied, SCOPE[who], targets[target].fullName);
      // The page, and its loader fetched as data alone (single fetch), with and without a route filter.
      const inScope = SCOPE[who].includes(target);
      const expected = who === "anonymous" ? "redirect" : inScope ? 200 : 404;
      const visible = inScope ? [target] : [];
      await check(`/peserta/${targets[target].id}`, expected, visible);
      if (who !== "anonymous") {
        await check(`/peserta/${targets[target].id}.data`, expected, visible);
        await check(`/peserta/${targets[target].id}.data?_routes=${encodeURIComponent("routes/peserta.$id")}`, expected, visible);
      }
    }
    await check("/saya", who === "entrepreneur" ? 200 : denied, who === "entrepreneur" ? ["siti"] : []);
    if (who !== "anonymous") await check("/saya.data", who === "entrepreneur" ? 200 : 404, who === "entrepreneur" ? ["siti"] : []);
    await check("/mitra", who === "partner" ? 200 : denied, []);

    // The home page sends each role to its own start.
    pairs++;
    const home = await get(server.url, "/", cookie);
    expect(home.headers.get("location") ?? "").toMatch(new RegExp(`^${HOME[who]}`));
  });

  it("a mentor's list holds only their districts' participants of their agency", async () => {
    const body = await (await get(server.url, "/peserta", cookies.mentorCakung)).text();
    const total = Number(/(\d+) peserta/.exec(body)?.[1]);
    const expected = server.sql
      .prepare(
        `SELECT count(*) AS n FROM participants p JOIN mentor_districts md ON md.district_id = p.district_id
         JOIN users u ON u.id = md.mentor_id WHERE u.email = 'mentor.cakung@pas.demo' AND p.agency_id = u.agency_id`,
      )
      .get() as { n: number };
    expect(total).toBe(expected.n);
    pairs++;
  });

  it("the participant page's data carries the masked NIK only, never the full NIK, its cipher or the snapshot", async () => {
    const full = server.sql
      .prepare("SELECT nik_cipher AS cipher, nik_hmac AS hmac, snapshot, phone FROM participants WHERE id = ?")
      .get(targets.siti.id) as { cipher: string; hmac: string; snapshot: string; phone: string };
    for (const path of [`/peserta/${targets.siti.id}`, `/peserta/${targets.siti.id}.data`]) {
      const body = await (await get(server.url, path, cookies.mentorCakung)).text();
      pairs++;
      expect(body).toContain(targets.siti.nikMasked);
      for (const secret of [full.cipher, full.hmac, full.phone, "3172015508900001", '"machineVersion"', "nikCipher", "nikHmac"]) {
        if (body.includes(secret)) leaks.push(`${path} contains ${secret}`);
        expect(body).not.toContain(secret);
      }
    }
  });
});

const hold = (id: number) => ({ intent: "move", formId: "move-HOLD", version: String(version(id)), event: "HOLD", reason: "Uji akses" });

describe("moving", () => {
  it.each(WHO)("%s: a move on a participant outside their scope is 404 and changes nothing", async (who) => {
    for (const target of TARGETS) {
      if (SCOPE[who].includes(target)) continue;
      const id = targets[target].id;
      const before = fingerprint(id);
      const response = await postForm(server.url, `/peserta/${id}`, hold(id), { cookie: cookies[who] });
      pairs++;
      const expected = who === "anonymous" ? [302, 303] : [404];
      if (!expected.includes(response.status) || fingerprint(id) !== before) {
        leaks.push(`${who} POST /peserta/${id} (${target}): ${response.status}`);
      }
      expect(expected, `${who} POST ${target}`).toContain(response.status);
      expect(fingerprint(id)).toBe(before);
      // The same through the data endpoint a script would use.
      const data = await postForm(server.url, `/peserta/${id}.data`, hold(id), { cookie: cookies[who] });
      pairs++;
      expect(fingerprint(id)).toBe(before);
      if (data.status === 200 && who !== "anonymous") leaks.push(`${who} POST /peserta/${id}.data: 200`);
    }
  });

  it("an entrepreneur cannot move their own record through the staff page", async () => {
    const id = targets.siti.id;
    const before = fingerprint(id);
    const response = await postForm(server.url, `/peserta/${id}`, { ...hold(id), event: "COMPLETE", stage: "training" }, { cookie: cookies.entrepreneur });
    pairs++;
    expect(response.status).toBe(404);
    expect(fingerprint(id)).toBe(before);
  });

  it("a move made against a stale version is refused with 409 and a clear message, and changes nothing", async () => {
    const id = targets.cakungPeer.id;
    const before = fingerprint(id);
    const response = await postForm(server.url, `/peserta/${id}`, { ...hold(id), version: String(version(id) - 1) }, { cookie: cookies.mentorCakung });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Data peserta ini baru saja diubah orang lain. Muat ulang dan coba lagi.");
    expect(fingerprint(id)).toBe(before);
  });

  it("bad input gets 400 with the error on the form, and changes nothing", async () => {
    const id = targets.cakungPeer.id;
    const before = fingerprint(id);
    for (const fields of [
      { ...hold(id), reason: "" },
      { ...hold(id), event: "DESTROY" },
      { ...hold(id), version: "abc" },
      { intent: "evidence", formId: "evidence-training", version: String(version(id)), stage: "training", kind: "licence", occurredOn: "2099-01-01" },
      { intent: "evidence", formId: "evidence-capital", version: String(version(id)), stage: "capital", kind: "capital_disbursed", occurredOn: "2026-01-01", lender: "Bank", amount: "1.000.000" },
    ]) {
      const response = await postForm(server.url, `/peserta/${id}`, fields as Record<string, string>, { cookie: cookies.mentorCakung });
      expect(response.status, JSON.stringify(fields)).toBe(400);
    }
    expect(fingerprint(id)).toBe(before);
  });
});

describe("cross-site requests", () => {
  // Two locks refuse a cross-site POST before any action runs. The server answers a foreign Origin
  // with 403 and a short page before the body is read or Remix is reached (http/body-limits and
  // origin.server's headers-only check in app/server/worker.ts; Remix's own guard would answer 500);
  // ours in the actions (requireSameOrigin, called by requireUser and the public actions) answers 403
  // for Sec-Fetch-Site, which browsers send even where they omit Origin. Either way nothing runs and
  // nothing changes.
  const SERVER_ORIGIN_GUARD = 403;
  const OUR_GUARD = 403;

  it("a cross-site POST is refused before anything runs, and changes nothing", async () => {
    const id = targets.siti.id;
    const before = fingerprint(id);
    const own = server.url;
    const cases: [Record<string, string>, number][] = [
      [{ Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }, SERVER_ORIGIN_GUARD],
      [{ Origin: "https://evil.example" }, SERVER_ORIGIN_GUARD],
      [{ Origin: "null", "Sec-Fetch-Site": "cross-site" }, SERVER_ORIGIN_GUARD],
      [{ Origin: "https://sub.evil.example", "Sec-Fetch-Site": "same-site" }, SERVER_ORIGIN_GUARD],
      [{ "Sec-Fetch-Site": "cross-site" }, OUR_GUARD],
      [{ "Sec-Fetch-Site": "same-site" }, OUR_GUARD],
      [{ Origin: own, "Sec-Fetch-Site": "cross-site" }, OUR_GUARD],
    ];
    for (const [headers, expected] of cases) {
      for (const path of [`/peserta/${id}`, `/peserta/${id}.data`]) {
        const response = await fetch(`${server.url}${path}`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.mentorCakung!, ...headers },
          body: new URLSearchParams(hold(id)),
        });
        pairs++;
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(expected);
        if (response.status < 400) leaks.push(`cross-site POST ${path} ${JSON.stringify(headers)}: ${response.status}`);
      }
    }
    expect(fingerprint(id)).toBe(before);

    // Sign-in, sign-out and the language switch are refused too.
    const crossSite: Record<string, string>[] = [
      { "Sec-Fetch-Site": "cross-site" },
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of crossSite) {
      const signInAttempt = await fetch(`${server.url}/masuk`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ email: "mentor.cakung@pas.demo", password: "demo-pas-2026" }),
      });
      expect(signInAttempt.status).toBeGreaterThanOrEqual(403);
      expect(signInAttempt.headers.get("set-cookie")).toBeNull();
      const signOut = await fetch(`${server.url}/keluar`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: cookies.mentorCakung!, ...headers },
      });
      expect(signOut.status).toBeGreaterThanOrEqual(403);
      expect((await get(server.url, "/peserta", cookies.mentorCakung)).status).toBe(200);
      const language = await fetch(`${server.url}/bahasa`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ lng: "en" }),
      });
      expect(language.status).toBeGreaterThanOrEqual(403);
      expect(language.headers.get("set-cookie")).toBeNull();
      pairs += 3;
    }
  });

  it("a same-origin POST is accepted", async () => {
    const id = targets.cakungPeer.id;
    const response = await postForm(server.url, `/peserta/${id}`, hold(id), { cookie: cookies.mentorCakung });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/peserta/${id}`);
    const resume = await postForm(server.url, `/peserta/${id}`, { intent: "move", formId: "move-RESUME", version: String(version(id)), event: "RESUME" }, { cookie: cookies.mentorCakung });
    expect(resume.status).toBe(303);
  });
});

describe("headers", () => {
  it("pages carry CSP with a fresh nonce, frame-ancestors 'none', nosniff, Referrer-Policy, HSTS and no-store", async () => {
    const nonces = new Set<string>();
    for (const [path, cookie] of [
      ["/masuk", undefined],
      ["/peserta", cookies.mentorCakung],
      [`/peserta/${targets.siti.id}`, cookies.mentorCakung],
      ["/saya", cookies.entrepreneur],
      ["/no-such-page", cookies.mentorCakung],
    ] as const) {
      const response = await get(server.url, path, cookie);
      const csp = response.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      const body = await response.text();
      // Every script on the page carries the nonce.
      const scripts = body.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      pairs++;
    }
    expect(nonces.size).toBe(5);
  });

  it("data responses carry nosniff and no-store too", async () => {
    const response = await get(server.url, `/peserta/${targets.siti.id}.data`, cookies.mentorCakung);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("the session cookie is HttpOnly, SameSite=Lax, Path=/ and Secure in production", async () => {
    const response = await postForm(server.url, "/masuk", { email: "mitra@pas.demo", password: "demo-pas-2026" });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^pas_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Secure");
  });
});

describe("the whole matrix", () => {
  it("found no leaks", () => {
    expect(leaks).toEqual([]);
    expect(pairs).toBeGreaterThan(200);
  });
});
