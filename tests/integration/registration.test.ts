// Registration (P1) over HTTP against the real server: self-registration on /daftar and a mentor's
// walk-in entry on /peserta/baru. Every refusal answers with a clear message in place and leaves
// the database exactly as it was (no participant, no account, no session, no log entry).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { registerWalkIn } from "../../app/modules/participants/registration.server";
import { walkInSchema } from "../../app/modules/participants/registration";
import { freshDatabase } from "../helpers/db";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

const id = JSON.parse(readFileSync("app/locales/id/common.json", "utf8")) as {
  registration: Record<string, string> & {
    nik: Record<string, string>;
    documentsRequired: Record<string, string>;
    walkIn: Record<string, string>;
  };
};
const entrepreneur = JSON.parse(readFileSync("app/locales/id/entrepreneur.json", "utf8")) as { self: { next: Record<string, string> } };
const msg = id.registration;
const account = JSON.parse(readFileSync("app/locales/id/account.json", "utf8")) as { signup: Record<string, string> };

let server: TestServer;
let mentorCookie: string;
let refusalsChecked = 0;

beforeAll(async () => {
  server = await startServer({ label: "registration" });
  mentorCookie = await signIn(server.url, "mentor.cakung@pas.demo");
});

afterAll(async () => {
  console.log(`registration: ${refusalsChecked} refusals checked, rows changed by them: 0`);
  await server?.stop();
});

function districtId(name: string): number {
  return (server.sql.prepare("SELECT id FROM districts WHERE name = ?").get(name) as { id: number }).id;
}

/** Everything a refused registration must leave untouched. */
function fingerprint(): string {
  return JSON.stringify(
    ["users", "participants", "transition_log", "stage_evidence", "sessions"].map(
      (table) => server.sql.prepare(`SELECT count(*) AS n, max(rowid) AS last FROM ${table}`).get(),
    ),
  );
}

/** The page's text with the HTML entities React writes turned back into characters. */
function text(html: string): string {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

let serial = 0;
/** A complete, valid self-registration; each call a new email and a new NIK (Jakarta Timur, a woman born 15-08-1990). */
function validForm(overrides: Record<string, string> = {}): Record<string, string> {
  serial++;
  return {
    fullName: `Dewi Lestari ${serial}`,
    nik: `31740155089099${String(serial).padStart(2, "0")}`,
    phone: "0812 3456 7890",
    email: `dewi${serial}@contoh.id`,
    password: "kue lapis legit buatan ibu",
    track: "pemula",
    businessName: `Dapur Dewi ${serial}`,
    sector: "kuliner",
    districtId: String(districtId("Cakung")),
    businessPlan: "on",
    ...overrides,
  };
}

/** Both steps of a self-registration: the form, then the code the demo keeps in its outbox. */
async function signUpWithCode(form: Record<string, string>): Promise<Response> {
  const started = await postForm(server.url, "/daftar", form);
  expect(started.status).toBe(303);
  const ticket = new URL(started.headers.get("location")!, server.url).searchParams.get("n")!;
  const { target } = server.sql.prepare("SELECT target FROM one_time_codes WHERE id = ?").get(Number(ticket)) as { target: string };
  const { body } = server.sql.prepare("SELECT body FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1").get(target) as { body: string };
  return postForm(server.url, "/daftar/kode", { n: ticket, code: /(\d{6})/.exec(body)![1]! });
}

async function expectRefused(path: string, form: Record<string, string>, message: string, cookie?: string) {
  const before = fingerprint();
  const response = await postForm(server.url, path, form, { cookie });
  const body = text(await response.text());
  expect(response.status).toBe(400);
  expect(response.headers.get("set-cookie")).toBeNull();
  expect(body).toContain(message);
  expect(fingerprint()).toBe(before);
  refusalsChecked++;
  return body;
}

describe("self-registration refusals", () => {
  it.each([
    ["a letter among the digits", "31740155O8900001", msg.nik.digits],
    ["too few digits", "317401550890", msg.nik.length],
    ["too many digits", "31740155089000011", msg.nik.length],
    ["an unknown province code", "9974015508900001", msg.nik.province],
    ["an impossible birth day", "3174013508900001", msg.nik.birthDay],
    ["an impossible birth month", "3174015513900001", msg.nik.birthMonth],
  ])("refuses an NIK with %s", async (_what, nik, message) => {
    const body = await expectRefused("/daftar", validForm({ nik }), message!);
    // The form keeps what was typed (but never the password).
    expect(body).toContain(nik);
    expect(body).not.toContain("kue lapis legit buatan ibu");
  });

  it("refuses a non-DKI NIK without a domicile basis, and one whose basis is neither", async () => {
    await expectRefused("/daftar", validForm({ nik: "3201011201859901" }), msg.domicileRequired!);
    await expectRefused("/daftar", validForm({ nik: "3201011201859902", domicileBasis: "none" }), msg.domicileRefused!);
  });

  it("refuses a password shorter than 8 characters", async () => {
    await expectRefused("/daftar", validForm({ password: "1234567" }), msg.passwordTooShort!);
  });

  it("refuses an unknown district", async () => {
    await expectRefused("/daftar", validForm({ districtId: "999999" }), msg.districtUnknown!);
  });

  it("refuses a missing documents statement for the track", async () => {
    await expectRefused("/daftar", validForm({ businessPlan: "" }), msg.documentsRequired.businessPlanRequired!);
    await expectRefused(
      "/daftar",
      validForm({ track: "naik_kelas", businessPlan: "", developmentPlan: "on" }),
      msg.documentsRequired.ownershipProofRequired!,
    );
  });

  it("answers an email that already has an account like any new person, and makes nothing yet", async () => {
    const before = fingerprint();
    const response = await postForm(server.url, "/daftar", validForm({ email: "UMKM@pas.demo" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/daftar\/kode\?n=\d+$/);
    expect(text(await response.text())).not.toContain(msg.emailTaken!);
    expect(fingerprint()).toBe(before);
  });

  it("refuses a cross-site post and stores nothing", async () => {
    const before = fingerprint();
    const response = await postForm(server.url, "/daftar", validForm(), {
      // Our own guard in the action (a foreign Origin is refused earlier, by Remix, with a 500).
      headers: { Origin: server.url, "Sec-Fetch-Site": "cross-site" },
    });
    expect(response.status).toBe(403);
    expect(fingerprint()).toBe(before);
  });
});

describe("self-registration", () => {
  it("creates the account and the participant in P1 once the code is entered, signs the person in, and answers the same NIK again neutrally", async () => {
    const form = validForm({ nik: "3201011201859903", domicileBasis: "lurah_letter" });
    const participantsBefore = server.sql.prepare("SELECT count(*) AS n FROM participants").get();
    const response = await signUpWithCode(form);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/saya");
    expect(server.sql.prepare("SELECT count(*) AS n FROM participants").get()).not.toEqual(participantsBefore);
    const cookie = response.headers.get("set-cookie")!.split(";")[0]!;

    const user = server.sql.prepare("SELECT id, role, password_hash AS hash FROM users WHERE email = ?").get(form.email) as {
      id: number;
      role: string;
      hash: string;
    };
    expect(user.role).toBe("entrepreneur");
    expect(user.hash).toMatch(/^\$argon2id\$/);
    const participant = server.sql
      .prepare(
        `SELECT p.p1_state, p.channel, p.domicile_basis, p.track, p.documents_statement, u.email AS mentor, d.name AS district
         FROM participants p JOIN users u ON u.id = p.mentor_id JOIN districts d ON d.id = p.district_id WHERE p.user_id = ?`,
      )
      .get(user.id);
    expect(participant).toMatchObject({
      p1_state: "submitted",
      channel: "web",
      domicile_basis: "lurah_letter",
      track: "pemula",
      mentor: "mentor.cakung@pas.demo",
      district: "Cakung",
    });

    const mine = await get(server.url, "/saya", cookie);
    expect(mine.status).toBe(200);
    expect(text(await mine.text())).toContain(entrepreneur.self.next.awaitingVerification!);

    // The same person again, with another email: after the code, the neutral answer, and no second account.
    const again = await signUpWithCode({ ...form, email: "dewi.lagi@contoh.id" });
    expect(again.status).toBe(200);
    const body = text(await again.text());
    expect(body).toContain(account.signup.neutralDuplicate!);
    expect(body).not.toContain(msg.nikTaken!);
    expect(server.sql.prepare("SELECT count(*) AS n FROM users WHERE email = 'dewi.lagi@contoh.id'").get()).toEqual({ n: 0 });
  });
});

describe("walk-in registration by a mentor", () => {
  it("is a mentor's page only", async () => {
    const coordinator = await signIn(server.url, "koordinator@pas.demo");
    expect((await get(server.url, "/peserta/baru", coordinator)).status).toBe(404);
    expect((await get(server.url, "/peserta/baru")).status).toBe(302);
    const page = await get(server.url, "/peserta/baru", mentorCookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Pulo Gadung");
    expect(html).not.toContain(">Gambir<");
  });

  it("refuses a district outside the mentor's own", async () => {
    const { email: _e, password: _p, ...form } = validForm({ districtId: String(districtId("Gambir")) });
    await expectRefused("/peserta/baru", form, msg.districtNotYours!, mentorCookie);
  });

  it("refuses a bad NIK", async () => {
    const { email: _e, password: _p, ...form } = validForm({ nik: "3174015513900001" });
    await expectRefused("/peserta/baru", form, msg.nik.birthMonth!, mentorCookie);
  });

  it("registers a walk-in in the mentor's district without an account and opens their page", async () => {
    const { email: _e, password: _p, ...form } = validForm({ districtId: String(districtId("Pulo Gadung")) });
    const users = server.sql.prepare("SELECT count(*) AS n FROM users").get();
    const response = await postForm(server.url, "/peserta/baru", form, { cookie: mentorCookie });
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/peserta\/\d+$/);
    const participant = server.sql
      .prepare("SELECT p1_state, channel, user_id, mentor_id, full_name FROM participants WHERE id = ?")
      .get(Number(location.split("/").at(-1)));
    const mentor = server.sql.prepare("SELECT id FROM users WHERE email = 'mentor.cakung@pas.demo'").get() as { id: number };
    expect(participant).toMatchObject({ p1_state: "submitted", channel: "office", user_id: null, mentor_id: mentor.id, full_name: form.fullName });
    expect(server.sql.prepare("SELECT count(*) AS n FROM users").get()).toEqual(users);
    expect((await get(server.url, location, mentorCookie)).status).toBe(200);

    // The same NIK again, by the same mentor: refused, pointing at the record (tests/integration/evidence-meaning.test.ts).
    await expectRefused("/peserta/baru", { ...form, fullName: "Orang Lain" }, msg.walkIn.nikTaken, mentorCookie);
  });
});

describe("a registration's documents are dated by the day in Jakarta", () => {
  it("a walk-in at 00:30 WIB on 3 December (17:30 UTC on the 2nd) has its evidence dated 3 December", () => {
    const fresh = freshDatabase("registration-midnight");
    try {
      fresh.db.insert(t.mentorDistricts).values({ mentorId: fresh.mentor.id, districtId: fresh.district.id }).run();
      const value = walkInSchema.parse({
        fullName: "Rina Marlina",
        nik: "3172015508900001",
        phone: "081234567890",
        track: "pemula",
        businessName: "Warung Rina",
        sector: "kuliner",
        districtId: fresh.district.id,
        businessPlan: true,
      });
      const { participantId } = registerWalkIn(fresh.db, fresh.mentor, value, Date.parse("2026-12-02T17:30:00Z"));
      const evidence = fresh.db.$client
        .prepare("SELECT occurred_on FROM stage_evidence WHERE participant_id = ? AND stage = 'registration'")
        .get(participantId);
      expect(evidence).toEqual({ occurred_on: "2026-12-03" });
    } finally {
      fresh.close();
    }
  });
});
