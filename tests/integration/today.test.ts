// A mentor's day ("Hari ini") and who sees a participant's phone. Module verbs on a fresh migrated
// database: each kind of item appears, and leaves once it is handled. Then over HTTP against the real
// built server: the page, its count in the navigation, who may open it, and the phone number shown in
// full only to the mentor who serves the participant (list, page, export); everyone else sees the mask.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { applyMove } from "../../app/modules/journey/journey.server";
import { DAY_MS } from "../../machines/time";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { handOff } from "../../app/modules/participants/handoffs.server";
import { maskPhone } from "../../app/modules/identity/nik";
import { displayPhone, internationalPhone, telHref, whatsAppHref } from "../../app/modules/identity/phone";
import { reviewSelfReport, submitSelfReport } from "../../app/modules/entrepreneur/self-report.server";
import { clearStallNote, saveStallNote } from "../../app/modules/stall-notes/stall-notes.server";
import { addDays } from "../../app/modules/stall-notes/stall-notes";
import { countToday, listToday, reachParticipant } from "../../app/modules/today/today.server";
import { itemAction, type TodayKind } from "../../app/modules/today/today";
import { answerCorrection, requestAboutOwnData } from "../../app/modules/entrepreneur/own-data.server";
import { freshDatabase } from "../helpers/db";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

describe("wa.me and tel: numbers", () => {
  it.each([
    ["081234567890", "6281234567890"],
    ["0812-3456-7890", "6281234567890"],
    ["0812 3456 7890", "6281234567890"],
    ["+62 812-3456-7890", "6281234567890"],
    ["+6281234567890", "6281234567890"],
    ["6281234567890", "6281234567890"],
    ["62 812 3456 7890", "6281234567890"],
    ["(0812) 3456.7890", "6281234567890"],
    ["81234567890", "6281234567890"],
  ])("%s → %s", (raw, expected) => {
    expect(internationalPhone(raw)).toBe(expected);
    expect(telHref(raw)).toBe(`tel:+${expected}`);
    expect(whatsAppHref(raw)).toBe(`https://wa.me/${expected}`);
  });

  it.each([null, "", "  ", "12345", "+1 415 555 0100", "0812abc4567", "0000000000", "6200000"])("refuses %s", (raw) => {
    expect(internationalPhone(raw)).toBeNull();
    expect(whatsAppHref(raw, "Halo")).toBeNull();
  });

  it("prefills the message, encoded, and shows the number as people write it", () => {
    expect(whatsAppHref("0812 3456 7890", "Halo Bu Siti, untuk P3 & P4?")).toBe(
      "https://wa.me/6281234567890?text=Halo%20Bu%20Siti%2C%20untuk%20P3%20%26%20P4%3F",
    );
    expect(displayPhone("+62 812-3456-7890")).toBe("0812-3456-7890");
  });
});

describe("a mentor's day (module verbs)", () => {
  const fx = freshDatabase("today");
  const { db } = fx;
  db.insert(t.mentorDistricts).values({ mentorId: fx.mentor.id, districtId: fx.district.id }).run();
  const colleague = db.insert(t.users).values({ email: "m2@test", name: "Dewi Lestari", role: "mentor", passwordHash: "x", agencyId: fx.agency.id }).returning().get();
  db.insert(t.mentorDistricts).values({ mentorId: colleague.id, districtId: fx.district.id }).run();
  const me = { id: fx.mentor.id, role: "mentor" as const, cityId: null, agencyId: fx.agency.id };
  const now = Date.now();
  const today = jakartaDate(new Date(now));
  const version = (id: number) => db.select({ v: t.participants.version }).from(t.participants).where(eq(t.participants.id, id)).get()!.v;
  const move = (id: number, event: Parameters<typeof applyMove>[1]["event"], at: number, evidence?: { details: Record<string, unknown>; occurredOn: string }) =>
    applyMove(db, { participantId: id, expectedVersion: version(id), event, actorUserId: fx.mentor.id, at, evidence });
  const session = (id: number, at: number) =>
    move(id, { type: "RECORD_EVIDENCE", stage: "mentoring", kind: "mentoring_session" }, at, { details: { topic: "Harga pokok" }, occurredOn: jakartaDate(new Date(at)) });
  /** Registered, verified and in P3 at `at`: nothing recorded since. */
  const inMentoring = (at: number, overrides = {}) => {
    const { participantId } = fx.register(overrides, at);
    move(participantId, { type: "VERIFY" }, at);
    move(participantId, { type: "START", stage: "mentoring" }, at);
    return participantId;
  };
  const kinds = (at = now) => listToday(db, me, at).items.map((item) => `${item.kind}:${item.participantId}`);
  const has = (kind: TodayKind, id: number, at = now) => kinds(at).includes(`${kind}:${id}`);

  afterAll(() => fx.close());

  it("lists a registration waiting for verification, and drops it once verified", () => {
    const { participantId } = fx.register({}, now - DAY_MS);
    expect(has("verify", participantId)).toBe(true);
    move(participantId, { type: "VERIFY" }, now);
    expect(has("verify", participantId)).toBe(false);
  });

  it("lists a person's open request to correct their data, with the way to answer it, and drops it once answered", () => {
    const { participantId } = fx.register({}, now - 10 * DAY_MS);
    move(participantId, { type: "VERIFY" }, now - 9 * DAY_MS);
    const user = db.insert(t.users).values({ email: `koreksi-${participantId}@test`, name: "Peserta", role: "entrepreneur", passwordHash: "x" }).returning().get();
    db.update(t.participants).set({ userId: user.id }).where(eq(t.participants.id, participantId)).run();
    expect(has("correction", participantId)).toBe(false);
    expect(requestAboutOwnData(db, user.id, "correction", "Nama usaha saya salah tulis", now - DAY_MS)).toBe("sent");

    const item = listToday(db, me, now).items.find((i) => i.kind === "correction" && i.participantId === participantId)!;
    expect(item).toMatchObject({ kind: "correction", message: "Nama usaha saya salah tulis", requestedAt: now - DAY_MS });
    expect(itemAction(item)).toEqual({ key: "correction", href: `/permintaan-data#permintaan-${(item as { requestId: number }).requestId}` });
    expect(countToday(db, fx.mentor.id, now).correction).toBe(1);
    // Not on a colleague's day: the request is for the mentor who serves the person.
    expect(listToday(db, { ...me, id: colleague.id }, now).items.some((i) => i.kind === "correction")).toBe(false);

    expect(answerCorrection(db, fx.mentor.id, (item as { requestId: number }).requestId, "done", "Sudah dibetulkan", now)).toBeNull();
    expect(has("correction", participantId)).toBe(false);
    expect(countToday(db, fx.mentor.id, now).correction).toBe(0);
  });

  it("lists a stall that began this week with what P3 still needs, and drops it once the session is recorded", () => {
    // Nothing recorded for 50 days: stalled since 5 days ago (the inactivity limit is 45 days).
    const fresh = inMentoring(now - 50 * DAY_MS);
    // Nothing recorded for 60 days: stalled for 15 days, no longer new.
    const older = inMentoring(now - 60 * DAY_MS);
    expect(has("new-stall", fresh)).toBe(true);
    expect(has("new-stall", older)).toBe(false);
    const item = listToday(db, me, now).items.find((i) => i.kind === "new-stall" && i.participantId === fresh)!;
    expect(item.reach.next).toEqual({ kind: "evidence", stage: "mentoring", evidence: "mentoring_session", remaining: 3 });
    session(fresh, now);
    expect(has("new-stall", fresh)).toBe(false);
  });

  it("hands a new stall over to its follow-up once the mentor notes whom it waits on", () => {
    const id = inMentoring(now - 48 * DAY_MS);
    expect(has("new-stall", id)).toBe(true);
    saveStallNote(db, { participantId: id, actorUserId: fx.mentor.id, value: { intent: "save", waitsOn: "bank", followUpOn: addDays(today, 2)! }, now });
    expect(has("new-stall", id)).toBe(false);
    // Not due yet; due on its date (seen from two days on).
    expect(has("follow-up", id)).toBe(false);
    expect(has("follow-up", id, now + 2 * DAY_MS)).toBe(true);
  });

  it("lists follow-ups due today or overdue, and drops one when the note is cleared or something is recorded after it", () => {
    const dueToday = inMentoring(now - 100 * DAY_MS);
    const overdue = inMentoring(now - 100 * DAY_MS);
    const cleared = inMentoring(now - 100 * DAY_MS);
    for (const id of [dueToday, cleared]) {
      saveStallNote(db, { participantId: id, actorUserId: fx.mentor.id, value: { intent: "save", waitsOn: "entrepreneur", followUpOn: today }, now: now - 1000 });
    }
    // A note written a week ago for three days ago (the form refuses past dates; the clock moved on).
    db.insert(t.stallNotes).values({ participantId: overdue, waitsOn: "partner", followUpOn: addDays(today, -3)!, recordedBy: fx.mentor.id, recordedAt: now - 7 * DAY_MS }).run();
    expect(has("follow-up", dueToday)).toBe(true);
    expect(has("follow-up", cleared)).toBe(true);
    const late = listToday(db, me, now).items.find((i) => i.kind === "follow-up" && i.participantId === overdue)!;
    expect(late).toMatchObject({ waitsOn: "partner", overdueDays: 3 });
    // Overdue comes before due today: most urgent first.
    const order = kinds().filter((k) => k.startsWith("follow-up:"));
    expect(order.indexOf(`follow-up:${overdue}`)).toBeLessThan(order.indexOf(`follow-up:${dueToday}`));

    session(overdue, now);
    const note = db.select().from(t.stallNotes).where(eq(t.stallNotes.participantId, cleared)).get()!;
    clearStallNote(db, { participantId: cleared, noteId: note.id, actorUserId: fx.mentor.id, now });
    expect(has("follow-up", overdue)).toBe(false);
    expect(has("follow-up", cleared)).toBe(false);
    expect(has("follow-up", dueToday)).toBe(true);
  });

  it("lists a self-reported financial report waiting for review, and drops it once declined", () => {
    const user = db.insert(t.users).values({ email: "umkm@test", name: "Siti", role: "entrepreneur", passwordHash: "x" }).returning().get();
    const { participantId } = fx.register({ userId: user.id }, now - 10 * DAY_MS);
    move(participantId, { type: "VERIFY" }, now - 10 * DAY_MS);
    const form = new FormData();
    for (const [k, v] of Object.entries({ period: today.slice(0, 7), turnover: "5000000", assets: "9000000", workers: "2" })) form.set(k, v);
    expect(submitSelfReport(db, user.id, form, now - DAY_MS)).toEqual({ ok: true });
    const item = listToday(db, me, now).items.find((i) => i.kind === "self-report" && i.participantId === participantId);
    expect(item).toMatchObject({ period: today.slice(0, 7) });
    const evidence = db.select().from(t.stageEvidence).where(and(eq(t.stageEvidence.participantId, participantId), eq(t.stageEvidence.status, "pending"))).get()!;
    const review = new FormData();
    for (const [k, v] of Object.entries({ evidenceId: String(evidence.id), version: String(version(participantId)), decision: "decline", note: "Angka omset belum sesuai" })) review.set(k, v);
    expect(reviewSelfReport(db, { participantId, actorUserId: fx.mentor.id, formData: review, now })).toEqual({ ok: true });
    expect(has("self-report", participantId)).toBe(false);
  });

  it("lists a participant handed over to the mentor, until something is recorded for them", () => {
    const id = inMentoring(now - 20 * DAY_MS, { mentorId: colleague.id });
    expect(has("handover", id)).toBe(false);
    handOff(db, {
      participantId: id,
      actorUserId: colleague.id,
      value: { districtId: fx.district.id, mentorId: fx.mentor.id, reason: "Dekat rumah pendamping", version: version(id), fromDistrictId: fx.district.id, fromMentorId: colleague.id },
      now: now - DAY_MS,
    });
    const item = listToday(db, me, now).items.find((i) => i.kind === "handover" && i.participantId === id);
    expect(item).toMatchObject({ fromMentor: "Dewi Lestari", reason: "Dekat rumah pendamping" });
    // Two weeks on, a handover is no longer news.
    expect(has("handover", id, now + 14 * DAY_MS)).toBe(false);
    session(id, now);
    expect(has("handover", id)).toBe(false);
  });

  it("lists a partner's outcome of the last week, until something is recorded after it", () => {
    const id = inMentoring(now - 3 * DAY_MS);
    move(id, { type: "START", stage: "training" }, now - 3 * DAY_MS);
    const org = db.insert(t.organisations).values({ name: "Universitas Uji", kind: "university" }).returning().get();
    const outcomeAt = now - 2 * DAY_MS;
    const { logId } = applyMove(db, {
      participantId: id,
      expectedVersion: version(id),
      event: { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" },
      actorUserId: null,
      at: outcomeAt,
      evidence: { details: { topic: "Pemasaran digital", skill: "soft" }, occurredOn: jakartaDate(new Date(outcomeAt)), organisationId: org.id },
    });
    const evidenceId = db.select({ id: t.transitionLog.evidenceId }).from(t.transitionLog).where(eq(t.transitionLog.id, logId)).get()!.id;
    db.insert(t.referrals).values({ participantId: id, organisationId: org.id, stage: "training", referredAt: now - 5 * DAY_MS, outcomeAt, outcomeEvidenceId: evidenceId }).run();
    const item = listToday(db, me, now).items.find((i) => i.kind === "outcome" && i.participantId === id);
    expect(item).toMatchObject({ organisation: "Universitas Uji", stage: "training" });
    // A week after the outcome it has left the list on its own.
    expect(has("outcome", id, outcomeAt + 8 * DAY_MS)).toBe(false);
    move(id, { type: "COMPLETE", stage: "training" }, now);
    expect(has("outcome", id)).toBe(false);
  });

  it("counts exactly what it lists, and only for the serving mentor", () => {
    const list = listToday(db, me, now);
    const counted = countToday(db, me.id, now);
    for (const kind of Object.keys(counted) as TodayKind[]) {
      expect(list.items.filter((i) => i.kind === kind).length, kind).toBe(counted[kind]);
    }
    expect(list.total).toBeGreaterThan(0);
    // The colleague of the same district and agency serves none of these.
    const theirs = listToday(db, { ...me, id: colleague.id }, now);
    expect(theirs.items.filter((i) => list.items.some((m) => m.participantId === i.participantId))).toEqual([]);
  });

  it("gives the number, the greeting and the next step only to the serving mentor", () => {
    // Women's NIKs add 40 to the birth day: 55 → the 15th, a woman ("Bu").
    const id = inMentoring(now - 2 * DAY_MS, { fullName: "Siti Aminah", phone: "0812-3456 7890" });
    expect(reachParticipant(db, me, id, now)).toEqual({
      contact: { display: "0812-3456-7890", tel: "tel:+6281234567890", whatsApp: "6281234567890" },
      greeting: { name: "Siti", honorific: "bu" },
      next: { kind: "evidence", stage: "mentoring", evidence: "mentoring_session", remaining: 3 },
    });
    expect(reachParticipant(db, { ...me, id: colleague.id }, id, now)).toBeNull();
    expect(reachParticipant(db, { id: 999, role: "coordinator", cityId: null, agencyId: null }, id, now)).toBeNull();
  });
});

describe("Hari ini and phones over HTTP", () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  let siti: { id: number; phone: string; fullName: string };

  beforeAll(async () => {
    server = await startServer({ label: "today-http" });
    // Another mentor of Sari's agency, assigned to Cakung too (same password as the demo accounts).
    server.sql
      .prepare(
        `INSERT INTO users (email, name, role, password_hash, agency_id, active, created_at)
         SELECT 'mentor2.cakung@pas.demo', 'Dewi Lestari', 'mentor', password_hash, agency_id, 1, created_at FROM users WHERE email = 'mentor.cakung@pas.demo'`,
      )
      .run();
    server.sql
      .prepare(
        `INSERT INTO mentor_districts (mentor_id, district_id) SELECT (SELECT id FROM users WHERE email = 'mentor2.cakung@pas.demo'), district_id
         FROM mentor_districts WHERE mentor_id = (SELECT id FROM users WHERE email = 'mentor.cakung@pas.demo')`,
      )
      .run();
    siti = server.sql
      .prepare("SELECT p.id, p.phone, p.full_name AS fullName FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = 'umkm@pas.demo'")
      .get() as typeof siti;
    for (const [who, email] of Object.entries({
      sari: "mentor.cakung@pas.demo",
      dewi: "mentor2.cakung@pas.demo",
      jaktim: "koordinator.jaktim@pas.demo",
      province: "koordinator@pas.demo",
      entrepreneur: "umkm@pas.demo",
      partner: "mitra@pas.demo",
    })) {
      cookies[who] = await signIn(server.url, email);
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("Siti is served by Sari and has a phone number", () => {
    expect(siti.phone).toBeTruthy();
    const served = server.sql.prepare("SELECT u.email FROM participants p JOIN users u ON u.id = p.mentor_id WHERE p.id = ?").get(siti.id) as { email: string };
    expect(served.email).toBe("mentor.cakung@pas.demo");
  });

  it("signs a mentor in to Hari ini; other roles get 404 and anonymous visitors the sign-in page", async () => {
    const response = await postForm(server.url, "/masuk", { email: "mentor.cakung@pas.demo", password: "demo-pas-2026" });
    expect(response.headers.get("location")).toBe("/hari-ini");
    expect((await get(server.url, "/", cookies.sari)).headers.get("location")).toBe("/hari-ini");
    expect((await get(server.url, "/hari-ini", cookies.sari)).status).toBe(200);
    for (const who of ["jaktim", "province", "entrepreneur", "partner"]) {
      expect((await get(server.url, "/hari-ini", cookies[who])).status, who).toBe(404);
      expect((await get(server.url, "/hari-ini.data", cookies[who])).status, who).toBe(404);
    }
    const anonymous = await get(server.url, "/hari-ini");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/masuk?redirectTo=%2Fhari-ini");
  });

  it("lists a registration of Sari's with the WhatsApp link and counts it in the navigation", async () => {
    const id = Number(
      (
        server.sql
          .prepare(
            `SELECT p.id FROM participants p WHERE p.mentor_id = (SELECT id FROM users WHERE email = 'mentor.cakung@pas.demo')
             AND p.status = 'active' AND p.p1_state = 'verified' AND p.user_id IS NULL ORDER BY p.id LIMIT 1`,
          )
          .get() as { id: number }
      ).id,
    );
    // Arranged: a recent registration of Sari's, still waiting (as a walk-in entered today would be).
    server.sql
      .prepare("UPDATE participants SET p1_state = 'submitted', p1_entered_at = ?, last_activity_at = ?, phone = '0813 1111 2222', full_name = 'Rina Uji Hari Ini' WHERE id = ?")
      .run(Date.now() - 3_600_000, Date.now() - 3_600_000, id);
    const body = await (await get(server.url, "/hari-ini", cookies.sari)).text();
    expect(body).toContain("Rina Uji Hari Ini");
    expect(body).toContain('href="tel:+6281311112222"');
    expect(body).toMatch(/href="https:\/\/wa\.me\/6281311112222\?text=Halo%20(Bu|Pak)%20Rina%2C%20saya%20Sari%20Wulandari/);
    const count = /Hari ini \((\d+)\)/.exec(body);
    expect(Number(count?.[1])).toBeGreaterThan(0);
    // The list on the page holds as many lines as the navigation counts (the limit per kind is not reached here).
    const lines = body.match(/<li class="rounded-lg border border-slate-200 bg-white p-3 sm:p-4">/g) ?? [];
    expect(lines.length).toBe(Number(count?.[1]));
  });

  it("shows Siti's number in full to Sari on the list, the page and her export; masked to everyone else", async () => {
    const international = internationalPhone(siti.phone)!;
    const full = [international, displayPhone(siti.phone), siti.phone.replace(/\D/g, "")];
    const masked = maskPhone(siti.phone);
    const q = encodeURIComponent(siti.fullName);
    const pages = [`/peserta?q=${q}`, `/peserta/${siti.id}`, `/peserta/${siti.id}.data`, `/ekspor/peserta?format=csv&q=${q}`];
    let checked = 0;
    for (const path of pages) {
      const sari = await (await get(server.url, path, cookies.sari)).text();
      expect(full.some((number) => sari.includes(number)), `Sari ${path}`).toBe(true);
      if (!path.includes(".data") && !path.startsWith("/ekspor")) {
        expect(sari, `Sari ${path}`).toContain(`href="tel:+${international}"`);
        expect(sari, `Sari ${path}`).toContain(`https://wa.me/${international}`);
      }
      for (const who of ["dewi", "jaktim", "province"]) {
        const response = await get(server.url, path, cookies[who]);
        expect(response.status, `${who} ${path}`).toBe(200);
        const body = await response.text();
        checked++;
        for (const number of full) expect(body.includes(number), `${who} ${path} shows ${number}`).toBe(false);
        expect(body, `${who} ${path}`).not.toContain("wa.me/");
        if (!path.startsWith("/peserta?")) expect(body, `${who} ${path}`).toContain(masked);
      }
    }
    console.log(`phones: ${pages.length} pages × 3 viewers who must see the mask checked (${checked}), Sari sees the number on all ${pages.length}`);
  });
});
