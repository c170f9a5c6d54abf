// The mentors' workspace: stall notes (whom a stalled participant waits on, when to follow up),
// handoffs to another mentor or district, and who else serves the same person. Module verbs on a
// fresh migrated database, then the routes over HTTP against the real built server: refusals change
// nothing, and a participant out of scope is a 404 for both routes, GET and POST.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { applyMove } from "../../app/modules/journey/journey.server";
import { handOff, HandoffRefused } from "../../app/modules/participants/handoffs.server";
import { otherAgencyRecords } from "../../app/modules/participants/other-agencies.server";
import { listParticipantsInScope } from "../../app/modules/participants/participants.server";
import { clearStallNote, currentStallNote, saveStallNote, StallNoteRefused } from "../../app/modules/stall-notes/stall-notes.server";
import { addDays } from "../../app/modules/stall-notes/stall-notes";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { freshDatabase, journeyFingerprint } from "../helpers/db";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

const today = jakartaDate();
const inDays = (n: number) => addDays(today, n)!;

describe("stall notes and handoffs (module verbs)", () => {
  const fx = freshDatabase("stalls-handoffs");
  const { db } = fx;
  const addMentor = (email: string, agencyId: number, districtIds: number[]) => {
    const user = db.insert(t.users).values({ email, name: email, role: "mentor", passwordHash: "x", agencyId }).returning().get();
    for (const districtId of districtIds) db.insert(t.mentorDistricts).values({ mentorId: user.id, districtId }).run();
    return user;
  };
  db.insert(t.mentorDistricts).values({ mentorId: fx.mentor.id, districtId: fx.district.id }).run();
  const sameAgencyOther = addMentor("m2@test", fx.agency.id, [fx.otherDistrict.id]);
  const otherAgencyOther = addMentor("m3@test", fx.otherAgency.id, [fx.otherDistrict.id]);
  const sameAgencyHere = addMentor("m4@test", fx.agency.id, [fx.district.id]);
  // A district of another region, with a mentor of the same agency.
  const region2 = db.insert(t.regions).values({ name: "Jawa Barat", provinceCode: "32" }).returning().get();
  const city2 = db.insert(t.cities).values({ regionId: region2.id, name: "Bekasi" }).returning().get();
  const farDistrict = db.insert(t.districts).values({ cityId: city2.id, name: "Bekasi Utara" }).returning().get();
  const farMentor = addMentor("m5@test", fx.agency.id, [farDistrict.id]);

  // Registered 100 days ago: stalled by inactivity now, not yet dormant. Registered today: not stalled.
  const stalled = fx.register({}, Date.now() - 100 * 86_400_000);
  const fresh = fx.register({}, Date.now());
  const notes = () => db.$client.prepare("SELECT id, waits_on, follow_up_on, cleared_at FROM stall_notes ORDER BY id").all();

  afterAll(() => fx.close());

  it("saves a note on a stalled participant, replaces it, and clears it", () => {
    const first = saveStallNote(db, { participantId: stalled.participantId, actorUserId: fx.mentor.id, value: { intent: "save", waitsOn: "bank", followUpOn: inDays(7), note: "Menunggu BI checking" } });
    expect(currentStallNote(db, stalled.participantId)).toMatchObject({ id: first, waitsOn: "bank", followUpOn: inDays(7), note: "Menunggu BI checking" });

    const second = saveStallNote(db, { participantId: stalled.participantId, actorUserId: fx.mentor.id, value: { intent: "save", waitsOn: "entrepreneur", followUpOn: today } });
    expect(currentStallNote(db, stalled.participantId)).toMatchObject({ id: second, waitsOn: "entrepreneur", note: null });
    // The replaced note is kept, cleared; exactly one is current.
    const open = db.$client.prepare("SELECT count(*) n FROM stall_notes WHERE participant_id = ? AND cleared_at IS NULL").get(stalled.participantId) as { n: number };
    expect(open.n).toBe(1);

    // Clearing the replaced note is refused (it is no longer current); clearing the current one works.
    expect(() => clearStallNote(db, { participantId: stalled.participantId, noteId: first, actorUserId: fx.mentor.id })).toThrow(StallNoteRefused);
    clearStallNote(db, { participantId: stalled.participantId, noteId: second, actorUserId: fx.mentor.id });
    expect(currentStallNote(db, stalled.participantId)).toBeNull();
    expect(notes()).toHaveLength(2);
  });

  it("refuses a note on a participant who is not stalled, and changes nothing", () => {
    const before = JSON.stringify(notes());
    let refusal: unknown;
    try {
      saveStallNote(db, { participantId: fresh.participantId, actorUserId: fx.mentor.id, value: { intent: "save", waitsOn: "bank", followUpOn: inDays(3) } });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StallNoteRefused);
    expect((refusal as StallNoteRefused).code).toBe("not-stalled");
    expect(JSON.stringify(notes())).toBe(before);
  });

  it("shows the waits-on and follow-up on stalled rows of the list, and filters by waits-on", () => {
    saveStallNote(db, { participantId: stalled.participantId, actorUserId: fx.mentor.id, value: { intent: "save", waitsOn: "partner", followUpOn: today } });
    const viewer = { id: fx.mentor.id, role: "mentor" as const, cityId: null, agencyId: fx.agency.id };
    const row = listParticipantsInScope(db, viewer).rows.find((r) => r.id === stalled.participantId)!;
    expect(row.stallNote).toEqual({ waitsOn: "partner", followUpOn: today, followUp: "due" });
    expect(listParticipantsInScope(db, viewer, { waitsOn: "partner" }).rows.map((r) => r.id)).toEqual([stalled.participantId]);
    expect(listParticipantsInScope(db, viewer, { waitsOn: "bank" }).total).toBe(0);
  });

  it("hands a participant to another district's mentor: mentor and district change, journey, evidence and notes stay", () => {
    // Started P2 100 days ago: stalled now, not dormant.
    const ago = (days: number) => Date.now() - days * 86_400_000;
    const p = fx.register({}, ago(101));
    const verified = applyMove(db, { participantId: p.participantId, expectedVersion: p.version, event: { type: "VERIFY" }, actorUserId: fx.mentor.id, at: ago(101) });
    applyMove(db, { participantId: p.participantId, expectedVersion: verified.version, event: { type: "START", stage: "training" }, actorUserId: fx.mentor.id, at: ago(100) });
    const noteId = saveStallNote(db, { participantId: p.participantId, actorUserId: fx.mentor.id, value: { intent: "save", waitsOn: "bank", followUpOn: inDays(2) } });
    const journey = () =>
      JSON.stringify({
        row: db.$client.prepare("SELECT version, snapshot, status, p1_state, p2_state, p2_entered_at, last_activity_at FROM participants WHERE id = ?").get(p.participantId),
        log: db.$client.prepare("SELECT count(*) n FROM transition_log WHERE participant_id = ?").get(p.participantId),
        evidence: db.$client.prepare("SELECT count(*) n FROM stage_evidence WHERE participant_id = ?").get(p.participantId),
      });
    const before = journey();
    const row = db.$client.prepare("SELECT version FROM participants WHERE id = ?").get(p.participantId) as { version: number };

    handOff(db, {
      participantId: p.participantId,
      actorUserId: fx.mentor.id,
      value: { districtId: fx.otherDistrict.id, mentorId: sameAgencyOther.id, reason: "Pindah domisili", version: row.version, fromDistrictId: fx.district.id, fromMentorId: fx.mentor.id },
    });
    const after = db.$client.prepare("SELECT mentor_id, district_id FROM participants WHERE id = ?").get(p.participantId);
    expect(after).toEqual({ mentor_id: sameAgencyOther.id, district_id: fx.otherDistrict.id });
    expect(journey()).toBe(before);
    expect(currentStallNote(db, p.participantId)?.id).toBe(noteId);
    const logged = db.$client.prepare("SELECT from_mentor_id, to_mentor_id, from_district_id, to_district_id, reason FROM handoffs WHERE participant_id = ?").all(p.participantId);
    expect(logged).toEqual([{ from_mentor_id: fx.mentor.id, to_mentor_id: sameAgencyOther.id, from_district_id: fx.district.id, to_district_id: fx.otherDistrict.id, reason: "Pindah domisili" }]);
  });

  it("refuses a mentor of another agency, a mentor not assigned to the district, another region, a stale form and no change; nothing changes", () => {
    const p = fx.register();
    const base = { reason: "Beban kerja", version: p.version, fromDistrictId: fx.district.id, fromMentorId: fx.mentor.id };
    const cases: [string, typeof base & { districtId: number; mentorId: number }, string][] = [
      ["other agency", { ...base, districtId: fx.otherDistrict.id, mentorId: otherAgencyOther.id }, "handoff.errors.mentor"],
      ["not assigned there", { ...base, districtId: fx.otherDistrict.id, mentorId: sameAgencyHere.id }, "handoff.errors.mentor"],
      ["other region", { ...base, districtId: farDistrict.id, mentorId: farMentor.id }, "handoff.errors.district"],
      ["stale version", { ...base, version: p.version - 1, districtId: fx.district.id, mentorId: sameAgencyHere.id }, "handoff.errors.stale"],
      ["stale mentor", { ...base, fromMentorId: sameAgencyHere.id, districtId: fx.district.id, mentorId: sameAgencyHere.id }, "handoff.errors.stale"],
      ["unchanged", { ...base, districtId: fx.district.id, mentorId: fx.mentor.id }, "handoff.errors.unchanged"],
    ];
    const before = journeyFingerprint(db, p.participantId);
    const handoffsBefore = db.$client.prepare("SELECT count(*) n FROM handoffs").get();
    for (const [name, value, key] of cases) {
      let refusal: unknown;
      try {
        handOff(db, { participantId: p.participantId, actorUserId: fx.mentor.id, value });
      } catch (error) {
        refusal = error;
      }
      expect(refusal, name).toBeInstanceOf(HandoffRefused);
      expect((refusal as HandoffRefused).messageKey, name).toBe(key);
    }
    expect(journeyFingerprint(db, p.participantId)).toBe(before);
    expect(db.$client.prepare("SELECT count(*) n FROM handoffs").get()).toEqual(handoffsBefore);
    console.log(`handoff refusals: ${cases.length}, rows changed: 0`);
  });

  it("who else serves this person: the other agency's summary only, linked only when in the viewer's scope", () => {
    const nik = "3172015508900777";
    const here = fx.register({ nik });
    const there = fx.register({ nik, agencyId: fx.otherAgency.id, mentorId: otherAgencyOther.id, districtId: fx.otherDistrict.id, businessName: "Rahasia Usaha", phone: "089911112222" });
    const mentorViewer = { id: fx.mentor.id, role: "mentor" as const, cityId: null, agencyId: fx.agency.id };
    const records = otherAgencyRecords(db, mentorViewer, here.participantId);
    expect(records).toEqual([
      { agencyName: "Agency Two", mentorName: "m3@test", status: "active", stages: ["submitted", "not_started", "not_started", "not_started", "not_started", "not_started", "not_started"], linkId: null },
    ]);
    expect(JSON.stringify(records)).not.toMatch(/Rahasia|0899/);
    // A province coordinator may open both records, so the link is offered.
    const coordinator = { id: 999, role: "coordinator" as const, cityId: null, agencyId: null };
    expect(otherAgencyRecords(db, coordinator, here.participantId)[0]!.linkId).toBe(there.participantId);
  });
});

// ─── Over HTTP, against the real server ──────────────────────────────────────

describe("stall note and handoff routes over HTTP", () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  let target: number; // a stalled Cakung participant of Sari's
  let gambirParticipant: number;
  let siti: number;

  const one = <T>(sql: string, ...params: unknown[]) => server.sql.prepare(sql).get(...params) as T;
  const userId = (email: string) => one<{ id: number }>("SELECT id FROM users WHERE email = ?", email).id;
  const state = (id: number) =>
    JSON.stringify({
      row: server.sql.prepare("SELECT version, snapshot, mentor_id, district_id FROM participants WHERE id = ?").get(id),
      notes: server.sql.prepare("SELECT * FROM stall_notes WHERE participant_id = ? ORDER BY id").all(id),
      handoffs: server.sql.prepare("SELECT count(*) n FROM handoffs WHERE participant_id = ?").get(id),
    });

  beforeAll(async () => {
    server = await startServer({ label: "stalls-handoffs" });
    target = one<{ id: number }>(
      `SELECT p.id FROM participants p JOIN districts d ON d.id = p.district_id JOIN agencies a ON a.id = p.agency_id
       WHERE d.name = 'Cakung' AND a.code = 'PPKUKM' AND p.user_id IS NULL AND p.status = 'active'
       AND p.id NOT IN (SELECT participant_id FROM stall_notes) ORDER BY p.id LIMIT 1`,
    ).id;
    // Arrange: nothing recorded for 100 days, so the stall rule holds whatever the seed made.
    server.sql.prepare("UPDATE participants SET last_activity_at = ? WHERE id = ?").run(Date.now() - 100 * 86_400_000, target);
    gambirParticipant = one<{ id: number }>("SELECT p.id FROM participants p JOIN districts d ON d.id = p.district_id WHERE d.name = 'Gambir' ORDER BY p.id LIMIT 1").id;
    siti = one<{ id: number }>("SELECT p.id FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = 'umkm@pas.demo'").id;
    for (const [who, email] of Object.entries({ sari: "mentor.cakung@pas.demo", yusuf: "mentor.gambir@pas.demo", entrepreneur: "umkm@pas.demo", partner: "mitra@pas.demo" })) {
      cookies[who] = await signIn(server.url, email);
    }
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses bad stall notes with 400 and a message in place, changing nothing", async () => {
    const before = state(target);
    const bad: [string, Record<string, string>, string][] = [
      ["missing waits-on", { intent: "save", followUpOn: inDays(3) }, "Pilih siapa yang ditunggu."],
      ["past date", { intent: "save", waitsOn: "bank", followUpOn: inDays(-1) }, "Tanggal tindak lanjut tidak boleh di masa lalu."],
      ["bad date", { intent: "save", waitsOn: "bank", followUpOn: "2026-02-30" }, "Masukkan tanggal yang benar."],
      ["too far", { intent: "save", waitsOn: "bank", followUpOn: inDays(400) }, "Tanggal tindak lanjut paling lambat setahun dari hari ini."],
      ["unknown waits-on", { intent: "save", waitsOn: "lurah", followUpOn: inDays(3) }, "Pilih siapa yang ditunggu."],
      ["note too long", { intent: "save", waitsOn: "bank", followUpOn: inDays(3), note: "x".repeat(501) }, "Terlalu panjang."],
    ];
    for (const [name, fields, message] of bad) {
      const response = await postForm(server.url, `/peserta/${target}/hambatan`, fields, { cookie: cookies.sari });
      expect(response.status, name).toBe(400);
      expect(await response.text(), name).toContain(message);
    }
    // Not stalled (Siti is recent): refused with its own message.
    const sitiBefore = state(siti);
    const notStalled = await postForm(server.url, `/peserta/${siti}/hambatan`, { intent: "save", waitsOn: "bank", followUpOn: inDays(3) }, { cookie: cookies.sari });
    expect(notStalled.status).toBe(400);
    expect(await notStalled.text()).toContain("tidak sedang macet");
    expect(state(target)).toBe(before);
    expect(state(siti)).toBe(sitiBefore);
    console.log(`stall note refusals: ${bad.length + 1}, rows changed: 0`);
  });

  it("saves a note (303 to the participant page), shows it there and in the list, and clears it", async () => {
    const saved = await postForm(server.url, `/peserta/${target}/hambatan`, { intent: "save", waitsOn: "bank", followUpOn: today, note: "Menunggu Bank DKI" }, { cookie: cookies.sari });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/peserta/${target}`);
    const page = await (await get(server.url, `/peserta/${target}`, cookies.sari)).text();
    expect(page).toContain("Menunggu Bank · tindak lanjut");
    expect(page).toContain("Tindak lanjut hari ini");
    expect(page).toContain("Menunggu Bank DKI");
    const list = await (await get(server.url, "/peserta?waitsOn=bank", cookies.sari)).text();
    expect(list).toContain(`href="/peserta/${target}"`);
    expect(list).toContain("Menunggu Bank ·");

    const noteId = one<{ id: number }>("SELECT id FROM stall_notes WHERE participant_id = ? AND cleared_at IS NULL", target).id;
    const cleared = await postForm(server.url, `/peserta/${target}/hambatan`, { intent: "clear", noteId: String(noteId) }, { cookie: cookies.sari });
    expect(cleared.status).toBe(303);
    expect(one<{ n: number }>("SELECT count(*) n FROM stall_notes WHERE participant_id = ? AND cleared_at IS NULL", target).n).toBe(0);
    const again = await postForm(server.url, `/peserta/${target}/hambatan`, { intent: "clear", noteId: String(noteId) }, { cookie: cookies.sari });
    expect(again.status).toBe(400);
  });

  it("answers 404 for both routes, GET and POST, out of scope; sends the anonymous to sign in", async () => {
    const routes = ["hambatan", "alihkan"];
    const bodies: Record<string, Record<string, string>> = {
      hambatan: { intent: "save", waitsOn: "bank", followUpOn: inDays(3) },
      alihkan: { districtId: "1", mentorId: String(userId("mentor.gambir@pas.demo")), reason: "x", version: "1", fromDistrictId: "1" },
    };
    const cases: [string, string | undefined, number][] = [
      ["yusuf (another district)", cookies.yusuf, target],
      ["entrepreneur", cookies.entrepreneur, target],
      ["partner", cookies.partner, target],
      ["sari on a Gambir participant", cookies.sari, gambirParticipant],
    ];
    const before = state(target) + state(gambirParticipant);
    let pairs = 0;
    for (const route of routes) {
      for (const [who, cookie, id] of cases) {
        for (const path of [`/peserta/${id}/${route}`, `/peserta/${id}/${route}.data`]) {
          expect((await get(server.url, path, cookie)).status, `${who} GET ${path}`).toBe(404);
          pairs++;
        }
        expect((await postForm(server.url, `/peserta/${id}/${route}`, bodies[route]!, { cookie })).status, `${who} POST ${route}`).toBe(404);
        pairs++;
      }
      const anonymous = await get(server.url, `/peserta/${target}/${route}`);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toMatch(/^\/masuk\?redirectTo=/);
      const anonymousPost = await postForm(server.url, `/peserta/${target}/${route}`, bodies[route]!);
      expect(anonymousPost.status).toBe(302);
      pairs += 2;
    }
    expect(state(target) + state(gambirParticipant)).toBe(before);
    console.log(`workspace routes: ${pairs} role × route × method pairs checked, leaks 0, rows changed: 0`);
  });

  it("refuses a handoff to another agency's mentor or a mentor not assigned to that district", async () => {
    const cakung = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Cakung'").id;
    const gambir = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Gambir'").id;
    const row = one<{ version: number; mentor_id: number }>("SELECT version, mentor_id FROM participants WHERE id = ?", target);
    const base = { reason: "Pindah", version: String(row.version), fromDistrictId: String(cakung), fromMentorId: String(row.mentor_id) };
    const before = state(target);
    const otherAgency = await postForm(server.url, `/peserta/${target}/alihkan`, { ...base, districtId: String(cakung), mentorId: String(userId("pendamping.cakung@nakertransgi.demo")) }, { cookie: cookies.sari });
    expect(otherAgency.status).toBe(400);
    expect(await otherAgency.text()).toContain("Pilih pendamping dari instansi ini yang bertugas di kecamatan tersebut.");
    const notAssigned = await postForm(server.url, `/peserta/${target}/alihkan`, { ...base, districtId: String(gambir), mentorId: String(row.mentor_id) }, { cookie: cookies.sari });
    expect(notAssigned.status).toBe(400);
    const noReason = await postForm(server.url, `/peserta/${target}/alihkan`, { ...base, reason: "", districtId: String(gambir), mentorId: String(userId("mentor.gambir@pas.demo")) }, { cookie: cookies.sari });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Tulis alasannya.");
    expect(state(target)).toBe(before);
  });

  it("hands a participant to Gambir: the old mentor goes back to the list and gets 404, the new one sees them", async () => {
    const gambir = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Gambir'").id;
    const row = one<{ version: number; mentor_id: number; district_id: number }>("SELECT version, mentor_id, district_id FROM participants WHERE id = ?", target);
    const form = await (await get(server.url, `/peserta/${target}/alihkan?kecamatan=${gambir}`, cookies.sari)).text();
    expect(form).toContain("Yusuf Maulana");
    const response = await postForm(
      server.url,
      `/peserta/${target}/alihkan?kecamatan=${gambir}`,
      { districtId: String(gambir), mentorId: String(userId("mentor.gambir@pas.demo")), reason: "Pindah tempat usaha ke Gambir", version: String(row.version), fromDistrictId: String(row.district_id), fromMentorId: String(row.mentor_id) },
      { cookie: cookies.sari },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/peserta?dialihkan=1");
    expect(await (await get(server.url, "/peserta?dialihkan=1", cookies.sari)).text()).toContain("Peserta telah dialihkan.");
    expect((await get(server.url, `/peserta/${target}`, cookies.sari)).status).toBe(404);
    const seen = await get(server.url, `/peserta/${target}`, cookies.yusuf);
    expect(seen.status).toBe(200);
    const page = await seen.text();
    expect(page).toContain("Pindah tempat usaha ke Gambir");
    expect(page).toContain("Sari Wulandari");
    // Not a journey move: the version is what it was.
    expect(one<{ version: number }>("SELECT version FROM participants WHERE id = ?", target).version).toBe(row.version);
  });

  it("shows who else serves Siti: the other agency, its mentor and stages, never that record's business name or phone", async () => {
    const other = one<{ id: number; mentor: string }>(
      "SELECT p.id, u.name AS mentor FROM participants p JOIN users u ON u.id = p.mentor_id WHERE p.nik_hmac = (SELECT nik_hmac FROM participants WHERE id = ?) AND p.id <> ?",
      siti,
      siti,
    );
    server.sql.prepare("UPDATE participants SET business_name = 'Penanda Rahasia Lain', phone = '089977776666' WHERE id = ?").run(other.id);
    const response = await get(server.url, `/peserta/${siti}`, cookies.sari);
    const page = await response.text();
    expect(page).toContain("Juga dilayani oleh");
    expect(page).toContain("Dinas Tenaga Kerja, Transmigrasi dan Energi");
    expect(page).toContain(other.mentor);
    for (const secret of ["Penanda Rahasia Lain", "089977776666", "0899", `/peserta/${other.id}"`]) expect(page).not.toContain(secret);
  });
});
