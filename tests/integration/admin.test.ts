// Coordinator administration over HTTP against the real server: cohorts (create, rename, members),
// stage rules (logged, in force at once, bad values refused), users (invitations, deactivation,
// who may manage whom) and that no other role reaches any of it. Every refusal is checked to change
// nothing; the figures are printed at the end.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { registerParticipant } from "../../app/modules/journey/journey.server";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
const cookies: Record<string, string> = {};
let refusals = 0;
let routeChecks = 0;

const one = <T>(query: string, ...params: unknown[]) => server.sql.prepare(query).get(...params) as T;
const idOf = (query: string, ...params: unknown[]) => one<{ id: number }>(query, ...params).id;
const districtId = (name: string) => idOf("SELECT id FROM districts WHERE name = ?", name);
const agencyId = (code: string) => idOf("SELECT id FROM agencies WHERE code = ?", code);
const userId = (email: string) => idOf("SELECT id FROM users WHERE email = ?", email);

/** Every table the administration pages write: a refused request must leave all of it as it was. */
function fingerprint(): string {
  const all = (query: string) => server.sql.prepare(query).all();
  return JSON.stringify({
    cohorts: all("SELECT * FROM cohorts ORDER BY id"),
    members: all("SELECT id, cohort_id, version FROM participants ORDER BY id"),
    cohortMentors: all("SELECT * FROM cohort_mentors ORDER BY cohort_id, mentor_id"),
    users: all("SELECT id, email, role, city_id, agency_id, active, password_hash FROM users ORDER BY id"),
    mentorDistricts: all("SELECT * FROM mentor_districts ORDER BY mentor_id, district_id"),
    invitations: all("SELECT * FROM invitations ORDER BY id"),
    stageSettings: all("SELECT * FROM stage_settings ORDER BY stage"),
    settings: all("SELECT * FROM settings ORDER BY key"),
    rules: all("SELECT version FROM journey_rules ORDER BY version"),
    settingsChanges: all("SELECT id FROM settings_changes"),
    audit: all("SELECT id FROM audit_log"),
    log: all("SELECT count(*) AS n FROM transition_log"),
  });
}

/** Posts, expects the refusal status, and checks that nothing changed. Returns the body. */
async function refused(status: number, path: string, fields: Record<string, string>, cookie: string): Promise<string> {
  const before = fingerprint();
  const response = await postForm(server.url, path, fields, { cookie });
  expect(response.status, `${path} ${JSON.stringify(fields)}`).toBe(status);
  expect(fingerprint(), `${path} changed something`).toBe(before);
  refusals++;
  return response.text();
}

function rulesInForce(): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const row of server.sql.prepare("SELECT stage, time_limit_days FROM stage_settings").all() as { stage: string; time_limit_days: number }[]) {
    fields[`limit_${row.stage}`] = String(row.time_limit_days);
  }
  const setting = (key: string) => one<{ value: string }>("SELECT value FROM settings WHERE key = ?", key).value;
  fields.inactivityDays = setting("stall_inactivity_days");
  fields.cohortThresholdPercent = String(Math.round(Number(setting("cohort_stall_threshold")) * 100));
  // Saved only once changed: until then the defaults hold (journey/stalled.ts, cohorts/lifecycle.ts).
  const optional = (key: string, fallback: string) => one<{ value: string } | undefined>("SELECT value FROM settings WHERE key = ?", key)?.value ?? fallback;
  fields.dormantDays = optional("dormant_days", "180");
  fields.cohortLengthMonths = optional("cohort_length_months", "12");
  const rules = JSON.parse(one<{ rules: string }>("SELECT rules FROM journey_rules ORDER BY version DESC LIMIT 1").rules);
  fields.mentoringSessions = String(rules.mentoringSessionsRequired);
  return fields;
}

beforeAll(async () => {
  server = await startServer({ label: "admin" });
  db = openDatabase(server.dbPath);
  const accounts = {
    province: "koordinator@pas.demo",
    jaktim: "koordinator.jaktim@pas.demo",
    mentor: "mentor.cakung@pas.demo",
    gambirMentor: "mentor.gambir@pas.demo",
    entrepreneur: "umkm@pas.demo",
    partner: "mitra@pas.demo",
  };
  for (const [who, email] of Object.entries(accounts)) cookies[who] = await signIn(server.url, email);
});

afterAll(async () => {
  console.log(`admin: ${refusals} refusals checked (rows changed by them: 0), ${routeChecks} role × route requests answered 404`);
  db?.$client.close();
  await server?.stop();
});

describe("cohorts", () => {
  let cohortId: number;

  it("a province coordinator creates a cohort; refusals (blank name, bad date, other city's district) change nothing", async () => {
    const fields = { name: "Cakung Angkatan Uji", districtId: String(districtId("Cakung")), agencyId: String(agencyId("PPKUKM")), intakeDate: "2026-03-02" };
    expect((await refused(400, "/kohort/baru", { ...fields, name: "   " }, cookies.province!))).toContain("Wajib diisi.");
    expect(await refused(400, "/kohort/baru", { ...fields, intakeDate: "2026-02-30" }, cookies.province!)).toContain("Masukkan tanggal yang benar.");
    await refused(400, "/kohort/baru", { ...fields, agencyId: "999999" }, cookies.province!);
    // A city coordinator cannot use another city's district (Gambir is in Jakarta Pusat).
    await refused(400, "/kohort/baru", { ...fields, districtId: String(districtId("Gambir")) }, cookies.jaktim!);

    const response = await postForm(server.url, "/kohort/baru", fields, { cookie: cookies.province });
    expect(response.status).toBe(303);
    cohortId = idOf("SELECT id FROM cohorts WHERE name = 'Cakung Angkatan Uji'");
    expect(response.headers.get("location")).toBe(`/kohort/${cohortId}/anggota`);
    expect(one("SELECT intake_date AS d FROM cohorts WHERE id = ?", cohortId)).toEqual({ d: "2026-03-02" });
    expect(one("SELECT count(*) AS n FROM audit_log WHERE action = 'cohort.created' AND subject = ?", `cohort:${cohortId}`)).toEqual({ n: 1 });
  });

  it("renames and moves the intake date; another city's coordinator and unknown ids get 404", async () => {
    expect((await get(server.url, `/kohort/${cohortId}/ubah`, cookies.jaktim)).status).toBe(200);
    const response = await postForm(server.url, `/kohort/${cohortId}/ubah`, { name: "Cakung Maret 2026", intakeDate: "2026-03-09" }, { cookie: cookies.jaktim });
    expect(response.status).toBe(303);
    expect(one("SELECT name, intake_date AS d FROM cohorts WHERE id = ?", cohortId)).toEqual({ name: "Cakung Maret 2026", d: "2026-03-09" });
    const audit = one<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'cohort.updated' AND subject = ?", `cohort:${cohortId}`);
    expect(JSON.parse(audit.detail).from).toEqual({ name: "Cakung Angkatan Uji", intakeDate: "2026-03-02" });

    await refused(400, `/kohort/${cohortId}/ubah`, { name: "", intakeDate: "2026-03-09" }, cookies.province!);
    const gambirCohort = idOf("SELECT c.id FROM cohorts c JOIN districts d ON d.id = c.district_id WHERE d.name = 'Gambir' LIMIT 1");
    expect((await get(server.url, `/kohort/${gambirCohort}/ubah`, cookies.jaktim)).status).toBe(404);
    await refused(404, `/kohort/${gambirCohort}/ubah`, { name: "Diambil alih", intakeDate: "2026-01-01" }, cookies.jaktim!);
    await refused(404, `/kohort/${gambirCohort}/anggota`, { intent: "add-mentor", memberId: String(userId("mentor.cakung@pas.demo")) }, cookies.jaktim!);
    for (const bad of ["999999", "0", "abc"]) {
      expect((await get(server.url, `/kohort/${bad}/anggota`, cookies.province)).status).toBe(404);
      await refused(404, `/kohort/${bad}/ubah`, { name: "X", intakeDate: "2026-01-01" }, cookies.province!);
    }
  });

  it("assigns participants of the cohort's district and agency (not a journey move), refuses others, removes them", async () => {
    const candidate = one<{ id: number; full_name: string; version: number; cohort_id: number | null }>(
      `SELECT p.id, p.full_name, p.version, p.cohort_id FROM participants p JOIN districts d ON d.id = p.district_id
       WHERE d.name = 'Cakung' AND p.agency_id = ? AND (p.cohort_id IS NULL OR p.cohort_id <> ?) ORDER BY p.id LIMIT 1`,
      agencyId("PPKUKM"),
      cohortId,
    );
    const search = await (await get(server.url, `/kohort/${cohortId}/anggota?q=${encodeURIComponent(candidate.full_name)}`, cookies.province)).text();
    expect(search).toContain(candidate.full_name);

    const logBefore = one<{ n: number }>("SELECT count(*) AS n FROM transition_log").n;
    const add = await postForm(server.url, `/kohort/${cohortId}/anggota`, { intent: "add-participant", memberId: String(candidate.id) }, { cookie: cookies.province });
    expect(add.status).toBe(303);
    expect(one("SELECT cohort_id AS c, version AS v FROM participants WHERE id = ?", candidate.id)).toEqual({ c: cohortId, v: candidate.version });
    expect(one<{ n: number }>("SELECT count(*) AS n FROM transition_log").n).toBe(logBefore);
    const audit = one<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'cohort.participant_added' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(audit.detail)).toEqual({ participantId: candidate.id, fromCohortId: candidate.cohort_id });

    // Another district, another agency in the same district, unknown, already a member: 404, nothing changed.
    const gambirPerson = idOf("SELECT p.id FROM participants p JOIN districts d ON d.id = p.district_id WHERE d.name = 'Gambir' LIMIT 1");
    const ids = one<{ district: number; agency: number; mentor: number }>(
      "SELECT d.id AS district, a.id AS agency, u.id AS mentor FROM districts d, agencies a, users u WHERE d.name = 'Cakung' AND a.code = 'NAKERTRANSGI' AND u.email LIKE 'pendamping.cakung@%'",
    );
    const { participantId: otherAgency } = registerParticipant(
      db,
      { fullName: "Dewi Lintas Instansi", nik: "3172015508850077", phone: "081311113333", track: "pemula", domicileBasis: "ktp_dki", channel: "office", businessName: "Warung Dewi", sector: "kuliner", documentsStatement: "Rencana usaha", districtId: ids.district, agencyId: ids.agency, mentorId: ids.mentor },
      ids.mentor,
    );
    for (const memberId of [gambirPerson, otherAgency, 99999999, candidate.id]) {
      await refused(404, `/kohort/${cohortId}/anggota`, { intent: "add-participant", memberId: String(memberId) }, cookies.province!);
    }
    await refused(400, `/kohort/${cohortId}/anggota`, { intent: "promote", memberId: String(candidate.id) }, cookies.province!);
    expect(await (await get(server.url, `/kohort/${cohortId}/anggota?q=Dewi%20Lintas`, cookies.province)).text()).not.toContain("Warung Dewi");

    const remove = await postForm(server.url, `/kohort/${cohortId}/anggota`, { intent: "remove-participant", memberId: String(candidate.id) }, { cookie: cookies.province });
    expect(remove.status).toBe(303);
    expect(one("SELECT cohort_id AS c FROM participants WHERE id = ?", candidate.id)).toEqual({ c: null });
    await refused(404, `/kohort/${cohortId}/anggota`, { intent: "remove-participant", memberId: String(candidate.id) }, cookies.province!);
  });

  it("assigns mentors of the cohort's agency only", async () => {
    const sari = userId("mentor.cakung@pas.demo");
    const add = await postForm(server.url, `/kohort/${cohortId}/anggota`, { intent: "add-mentor", memberId: String(sari) }, { cookie: cookies.jaktim });
    expect(add.status).toBe(303);
    expect(one("SELECT count(*) AS n FROM cohort_mentors WHERE cohort_id = ? AND mentor_id = ?", cohortId, sari)).toEqual({ n: 1 });
    // The other agency's Cakung mentor, and a mentor of another city for the city coordinator: 404.
    await refused(404, `/kohort/${cohortId}/anggota`, { intent: "add-mentor", memberId: String(userId("pendamping.cakung@nakertransgi.demo")) }, cookies.province!);
    await refused(404, `/kohort/${cohortId}/anggota`, { intent: "add-mentor", memberId: String(userId("mentor.gambir@pas.demo")) }, cookies.jaktim!);
    await refused(404, `/kohort/${cohortId}/anggota`, { intent: "add-mentor", memberId: String(sari) }, cookies.province!);
    const remove = await postForm(server.url, `/kohort/${cohortId}/anggota`, { intent: "remove-mentor", memberId: String(sari) }, { cookie: cookies.province });
    expect(remove.status).toBe(303);
    expect(one("SELECT count(*) AS n FROM cohort_mentors WHERE cohort_id = ?", cohortId)).toEqual({ n: 0 });
  });
});

describe("stage rules", () => {
  it("refuses values that are not whole numbers within bounds, with a clear message, changing nothing", async () => {
    const base = rulesInForce();
    const cases: [string, string, string][] = [
      ["limit_training", "0", "Masukkan angka 1 sampai 365."],
      ["limit_capital", "366", "Masukkan angka 1 sampai 365."],
      ["limit_mentoring", "-3", "Masukkan angka 1 sampai 365."],
      ["limit_licensing", "1.5", "Masukkan bilangan bulat."],
      ["inactivityDays", "abc", "Masukkan bilangan bulat."],
      ["inactivityDays", "", "Wajib diisi."],
      ["cohortThresholdPercent", "101", "Masukkan angka 1 sampai 100."],
      ["mentoringSessions", "0", "Masukkan angka 1 sampai 20."],
      ["mentoringSessions", "21", "Masukkan angka 1 sampai 20."],
    ];
    for (const [field, value, message] of cases) {
      expect(await refused(400, "/aturan", { ...base, [field]: value }, cookies.province!), `${field}=${value}`).toContain(message);
    }
    // A city coordinator sees the rules read-only and cannot change them.
    const page = await (await get(server.url, "/aturan", cookies.jaktim)).text();
    expect(page).toContain("hanya koordinator provinsi yang dapat mengubahnya");
    expect(page).not.toContain("Simpan aturan");
    await refused(404, "/aturan", { ...base, limit_training: "1" }, cookies.jaktim!);
  });

  it("a stage time limit of 1 day stalls a participant in the list at once, and the change is logged", async () => {
    const now = Date.now();
    const day = 86_400_000;
    const candidates = server.sql
      .prepare(
        `SELECT id, full_name AS name FROM participants WHERE status = 'active' AND p2_state = 'in_progress'
         AND p2_entered_at < ? AND last_activity_at > ? ORDER BY id LIMIT 20`,
      )
      .all(now - 3 * day, now - 30 * day) as { id: number; name: string }[];
    const listed = async (name: string, stalled: "yes" | "no") => {
      const page = await (await get(server.url, `/peserta?${new URLSearchParams({ q: name, stalled })}`, cookies.province)).text();
      return page.includes(`>${name}</a>`);
    };
    let target: { id: number; name: string } | undefined;
    for (const c of candidates) {
      if ((await listed(c.name, "no")) && !(await listed(c.name, "yes"))) {
        target = c;
        break;
      }
    }
    expect(target, "a participant in P2 for a few days who is not stalled").toBeDefined();

    const response = await postForm(server.url, "/aturan", { ...rulesInForce(), limit_training: "1" }, { cookie: cookies.province });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/aturan?diubah=1");
    expect(one("SELECT time_limit_days AS d FROM stage_settings WHERE stage = 'training'")).toEqual({ d: 1 });
    const change = one<{ key: string; old_value: string; new_value: string; changed_by: number }>("SELECT * FROM settings_changes ORDER BY id DESC LIMIT 1");
    expect(change).toMatchObject({ key: "stage_time_limit_days.training", old_value: "60", new_value: "1", changed_by: userId("koordinator@pas.demo") });
    expect(await listed(target!.name, "yes")).toBe(true);
    expect(await (await get(server.url, "/aturan", cookies.province)).text()).toContain("dari 60 hari menjadi 1 hari");
    console.log(`stage rules: ${target!.name} stalled in the list right after the P2 limit went 60 → 1 day`);
  });

  it("mentoring sessions for P3 write a new rules version that the participant page explains at once", async () => {
    const versionBefore = one<{ v: number }>("SELECT max(version) AS v FROM journey_rules").v;
    const p3 = one<{ id: number } | undefined>(
      "SELECT id FROM participants WHERE status = 'active' AND p3_state = 'in_progress' AND (SELECT count(*) FROM stage_evidence e WHERE e.participant_id = participants.id AND e.kind = 'mentoring_session') < 7 LIMIT 1",
    );
    const response = await postForm(server.url, "/aturan", { ...rulesInForce(), mentoringSessions: "7", inactivityDays: "44", cohortThresholdPercent: "25" }, { cookie: cookies.province });
    expect(response.headers.get("location")).toBe("/aturan?diubah=3");
    const latest = one<{ version: number; rules: string; created_by: number }>("SELECT * FROM journey_rules ORDER BY version DESC LIMIT 1");
    expect(latest.version).toBe(versionBefore + 1);
    expect(JSON.parse(latest.rules).mentoringSessionsRequired).toBe(7);
    expect(one("SELECT value FROM settings WHERE key = 'cohort_stall_threshold'")).toEqual({ value: "0.25" });
    const keys = (server.sql.prepare("SELECT key FROM settings_changes ORDER BY id DESC LIMIT 3").all() as { key: string }[]).map((r) => r.key).sort();
    expect(keys).toEqual(["cohort_stall_threshold", "journey_rules.mentoring_sessions_required", "stall_inactivity_days"]);
    expect(p3, "a participant with P3 in progress").toBeDefined();
    expect(await (await get(server.url, `/peserta/${p3!.id}`, cookies.province)).text()).toMatch(/Perlu 7 sesi pendampingan/);
    // The same values again change nothing.
    const same = await postForm(server.url, "/aturan", rulesInForce(), { cookie: cookies.province });
    expect(same.headers.get("location")).toBe("/aturan?diubah=0");
  });

  it("settings_changes refuses UPDATE and DELETE", () => {
    expect(() => server.sql.prepare("UPDATE settings_changes SET new_value = 'x'").run()).toThrow(/append-only/);
    expect(() => server.sql.prepare("DELETE FROM settings_changes").run()).toThrow(/append-only/);
    expect(() => server.sql.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });
});

describe("users", () => {
  const tokenIn = (body: string) => body.match(/\/undangan\/([A-Za-z0-9_-]{43})/)?.[1];
  const digest = (token: string) => createHash("sha256").update(token).digest("base64url");

  it("invite a mentor → accept with a password → sign in and see the districts' participants; the token is stored hashed and works once", async () => {
    const invite = { role: "mentor", name: "Rina Pendamping", email: "rina.baru@pas.demo", agencyId: String(agencyId("PPKUKM")), districtIds: String(districtId("Cakung")) };
    expect(await refused(400, "/pengguna/undang", { ...invite, email: "mentor.gambir@pas.demo" }, cookies.province!)).toContain("Email ini sudah dipakai");
    expect(await refused(400, "/pengguna/undang", { ...invite, districtIds: "" }, cookies.province!)).toContain("Pilih setidaknya satu kecamatan.");
    await refused(400, "/pengguna/undang", { ...invite, districtIds: String(districtId("Gambir")) }, cookies.jaktim!);

    const response = await postForm(server.url, "/pengguna/undang", invite, { cookie: cookies.jaktim });
    expect(response.status).toBe(200);
    const token = tokenIn(await response.text())!;
    expect(token).toBeDefined();
    const rina = one<{ id: number; active: number }>("SELECT id, active FROM users WHERE email = 'rina.baru@pas.demo'");
    expect(rina.active).toBe(0);
    const stored = one<{ token_hash: string; expires_at: number; created_at: number }>("SELECT * FROM invitations WHERE user_id = ?", rina.id);
    expect(stored.token_hash).toBe(digest(token));
    expect(stored.expires_at - stored.created_at).toBe(7 * 86_400_000);
    expect(JSON.stringify(server.sql.prepare("SELECT * FROM invitations").all())).not.toContain(token);
    expect(one("SELECT count(*) AS n FROM audit_log WHERE action = 'user.invited' AND subject = ?", `user:${rina.id}`)).toEqual({ n: 1 });
    await expect(signIn(server.url, "rina.baru@pas.demo", "")).rejects.toThrow();

    expect((await get(server.url, `/undangan/${token}`)).status).toBe(200);
    expect(await refused(400, `/undangan/${token}`, { password: "pendek", confirm: "pendek" }, "")).toContain("minimal 8 karakter");
    expect(await refused(400, `/undangan/${token}`, { password: "kata sandi panjang", confirm: "kata sandi lain" }, "")).toContain("tidak sama");
    const accept = await postForm(server.url, `/undangan/${token}`, { password: "kebun raya bogor 1817", confirm: "kebun raya bogor 1817" });
    expect(accept.status).toBe(303);
    expect(accept.headers.get("location")).toBe("/undangan/diterima");

    const cookie = await signIn(server.url, "rina.baru@pas.demo", "kebun raya bogor 1817");
    const list = await (await get(server.url, "/peserta", cookie)).text();
    const cakungName = one<{ n: string }>("SELECT p.full_name AS n FROM participants p JOIN districts d ON d.id = p.district_id WHERE d.name = 'Cakung' AND p.agency_id = ? ORDER BY p.status = 'active' DESC, p.last_activity_at LIMIT 1", agencyId("PPKUKM")).n;
    expect(list).toContain("Peserta di kecamatan Anda");
    expect(list).toContain(cakungName);

    // Used: the link no longer works, and nothing changes.
    expect((await get(server.url, `/undangan/${token}`)).status).toBe(410);
    await refused(410, `/undangan/${token}`, { password: "kata sandi pengganti", confirm: "kata sandi pengganti" }, "");
  });

  it("an expired or unknown link is refused", async () => {
    const response = await postForm(server.url, "/pengguna/undang", { role: "coordinator", name: "Koordinator Baru", email: "koord.baru@pas.demo", cityId: "" }, { cookie: cookies.province });
    const token = tokenIn(await response.text())!;
    const newbie = userId("koord.baru@pas.demo");
    expect(one("SELECT role, city_id AS c, active FROM users WHERE id = ?", newbie)).toEqual({ role: "coordinator", c: null, active: 0 });
    server.sql.prepare("UPDATE invitations SET expires_at = ? WHERE user_id = ?").run(Date.now() - 1, newbie);
    expect((await get(server.url, `/undangan/${token}`)).status).toBe(410);
    await refused(410, `/undangan/${token}`, { password: "kata sandi panjang", confirm: "kata sandi panjang" }, "");
    await refused(410, `/undangan/${"x".repeat(43)}`, { password: "kata sandi panjang", confirm: "kata sandi panjang" }, "");

    // A new link replaces it and works.
    const reissue = await postForm(server.url, `/pengguna/${newbie}`, { intent: "reissue" }, { cookie: cookies.province });
    expect(reissue.status).toBe(200);
    const fresh = tokenIn(await reissue.text())!;
    expect((await get(server.url, `/undangan/${fresh}`)).status).toBe(200);
  });

  it("deactivation ends the person's sessions at once; reactivation lets them sign in again", async () => {
    const yusuf = userId("mentor.gambir@pas.demo");
    expect((await get(server.url, "/peserta", cookies.gambirMentor)).status).toBe(200);
    const response = await postForm(server.url, `/pengguna/${yusuf}`, { intent: "deactivate" }, { cookie: cookies.province });
    expect(response.status).toBe(303);
    expect(one("SELECT count(*) AS n FROM sessions WHERE user_id = ?", yusuf)).toEqual({ n: 0 });
    const after = await get(server.url, "/peserta", cookies.gambirMentor);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/masuk/);
    await expect(signIn(server.url, "mentor.gambir@pas.demo")).rejects.toThrow();

    expect((await postForm(server.url, `/pengguna/${yusuf}`, { intent: "reactivate" }, { cookie: cookies.province })).status).toBe(303);
    cookies.gambirMentor = await signIn(server.url, "mentor.gambir@pas.demo");
    const actions = (server.sql.prepare("SELECT action FROM audit_log WHERE subject = ? ORDER BY id").all(`user:${yusuf}`) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(["user.deactivated", "user.reactivated"]);
  });

  it("nobody changes their own account; a city coordinator neither reaches another city's mentor nor creates coordinators", async () => {
    const me = userId("koordinator@pas.demo");
    const lina = userId("koordinator.jaktim@pas.demo");
    expect(await refused(403, `/pengguna/${me}`, { intent: "deactivate" }, cookies.province!)).toContain("tidak dapat mengubah akun Anda sendiri");
    await refused(403, `/pengguna/${me}`, { intent: "scope", cityId: "1" }, cookies.province!);
    // The city coordinator cannot widen their own scope to the province.
    await refused(403, `/pengguna/${lina}`, { intent: "scope", cityId: "" }, cookies.jaktim!);
    await refused(403, `/pengguna/${lina}`, { intent: "deactivate" }, cookies.jaktim!);
    // Nor touch the province coordinator, nor invite any coordinator.
    await refused(404, `/pengguna/${me}`, { intent: "deactivate" }, cookies.jaktim!);
    expect(await refused(400, "/pengguna/undang", { role: "coordinator", name: "X", email: "x.prov@pas.demo", cityId: "" }, cookies.jaktim!)).toContain(
      "Hanya koordinator provinsi",
    );

    const yusuf = userId("mentor.gambir@pas.demo");
    expect((await get(server.url, `/pengguna/${yusuf}`, cookies.jaktim)).status).toBe(404);
    await refused(404, `/pengguna/${yusuf}`, { intent: "deactivate" }, cookies.jaktim!);
    await refused(404, `/pengguna/${yusuf}`, { intent: "districts", districtIds: String(districtId("Cakung")) }, cookies.jaktim!);
    expect(await (await get(server.url, "/pengguna?peran=mentor", cookies.jaktim)).text()).not.toContain("mentor.gambir@pas.demo");

    // Within their city they change Sari's districts, but cannot hand her another city's district.
    const sari = userId("mentor.cakung@pas.demo");
    await refused(400, `/pengguna/${sari}`, { intent: "districts", districtIds: String(districtId("Gambir")) }, cookies.jaktim!);
    await refused(400, `/pengguna/${sari}`, { intent: "districts" }, cookies.jaktim!);
    const body = new URLSearchParams([["intent", "districts"], ["districtIds", String(districtId("Cakung"))], ["districtIds", String(districtId("Pulo Gadung"))], ["districtIds", String(districtId("Matraman"))]]);
    const response = await fetch(`${server.url}/pengguna/${sari}`, { method: "POST", redirect: "manual", body, headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: cookies.jaktim! } });
    expect(response.status).toBe(303);
    const names = (server.sql.prepare("SELECT d.name FROM mentor_districts md JOIN districts d ON d.id = md.district_id WHERE md.mentor_id = ? ORDER BY d.name").all(sari) as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(["Cakung", "Matraman", "Pulo Gadung"]);
  });
});

describe("access", () => {
  it("mentors, entrepreneurs and partners get 404 on every administration page and action", async () => {
    const cohort = idOf("SELECT id FROM cohorts ORDER BY id LIMIT 1");
    const someone = userId("mentor.cakung@pas.demo");
    const paths = ["/kohort/baru", `/kohort/${cohort}/ubah`, `/kohort/${cohort}/anggota`, "/aturan", "/pengguna", "/pengguna/undang", `/pengguna/${someone}`];
    for (const who of ["mentor", "entrepreneur", "partner"]) {
      for (const path of paths) {
        for (const variant of [path, `${path}.data`]) {
          const response = await get(server.url, variant, cookies[who]);
          expect(response.status, `${who} GET ${variant}`).toBe(404);
          routeChecks++;
        }
        // /pengguna is a list without an action: a POST there is refused by Remix itself (405).
        if (path === "/pengguna") continue;
        await refused(404, path, { intent: "deactivate", name: "X", districtId: "1", agencyId: "1", intakeDate: "2026-01-01", limit_training: "1" }, cookies[who]!);
        routeChecks++;
      }
    }
    // Signed out: sent to sign in.
    for (const path of paths) expect((await get(server.url, path)).status).toBe(302);
  });
});
