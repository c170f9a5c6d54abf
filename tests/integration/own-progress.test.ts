// The entrepreneur's own page and their self-reported financial reports, on a real SQLite file built
// by the real migrations (module verbs), and the review route's access over HTTP on the real server.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { applyMove, replayJourney } from "../../app/modules/journey/journey.server";
import { JourneyError } from "../../app/modules/journey/errors";
import { currentRules } from "../../app/modules/journey/rules.server";
import { restoreStored } from "../../app/modules/journey/moves.server";
import { getOwnPage } from "../../app/modules/entrepreneur/own-page.server";
import { listPendingReports, reviewSelfReport, submitSelfReport } from "../../app/modules/entrepreneur/self-report.server";
import { currentPeriod } from "../../app/modules/entrepreneur/self-report";
import { applyJourneyEvent } from "../../machines/journey.persist";
import type { JourneyEvent } from "../../machines/journey";
import { freshDatabase, journeyFingerprint } from "../helpers/db";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

const NOW = Date.UTC(2026, 2, 10, 5); // 10 March 2026, midday in Jakarta
const DAY = 86_400_000;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

function setup(label: string) {
  const env = freshDatabase(label);
  const { db, mentor } = env;
  let n = 0;
  /** A registered, verified entrepreneur with an account and entry figures. */
  const entrepreneur = (options: { verify?: boolean } = {}) => {
    n++;
    const user = db.insert(t.users).values({ email: `e${n}@test`, name: `Entrepreneur ${n}`, role: "entrepreneur", passwordHash: "x" }).returning().get();
    const { participantId, version } = env.register(
      { userId: user.id, entryTurnover: 4_000_000, entryAssets: 10_000_000, entryWorkers: 1, phone: "081234567890" },
      NOW - 60 * DAY,
    );
    let v = version;
    if (options.verify !== false) {
      v = applyMove(db, { participantId, expectedVersion: v, event: { type: "VERIFY" }, actorUserId: mentor.id, at: NOW - 55 * DAY }).version;
    }
    const move = (event: JourneyEvent, evidence?: { details: Record<string, unknown>; occurredOn: string }) => {
      v = applyMove(db, { participantId, expectedVersion: v, event, actorUserId: mentor.id, at: NOW - 10 * DAY, evidence }).version;
    };
    const version_ = () => db.select({ v: t.participants.version }).from(t.participants).where(eq(t.participants.id, participantId)).get()!.v;
    return { user, participantId, move, version: version_ };
  };
  return { ...env, entrepreneur };
}

describe("what each stage still needs comes from the machine", () => {
  const env = setup("own-needs");
  afterAll(() => env.close());

  it("every 'still needed' list is exactly what the machine answers when that move is tried", () => {
    const { db } = env;
    const unverified = env.entrepreneur({ verify: false });
    const busy = env.entrepreneur();
    busy.move({ type: "START", stage: "training" });
    busy.move({ type: "START", stage: "mentoring" });
    busy.move({ type: "RECORD_EVIDENCE", stage: "mentoring", kind: "mentoring_session" }, { details: { topic: "Harga" }, occurredOn: "2026-03-01" });
    busy.move({ type: "START", stage: "marketing" });
    busy.move({ type: "RECORD_EVIDENCE", stage: "marketing", kind: "marketing_channel" }, { details: { channel: "bazaar" }, occurredOn: "2026-03-01" });

    const { machine, rules } = currentRules(db);
    let checked = 0;
    for (const person of [unverified, busy]) {
      const page = getOwnPage(db, person.user.id, NOW)!;
      const stored = db.select({ s: t.participants.snapshot }).from(t.participants).where(eq(t.participants.id, person.participantId)).get()!.s;
      const snapshot = restoreStored(machine, stored);
      for (const stage of page.stages) {
        if (!stage.next || stage.stage === "registration") continue;
        const event: JourneyEvent = stage.state === "in_progress" ? { type: "COMPLETE", stage: stage.stage } : { type: "START", stage: stage.stage };
        const answer = applyJourneyEvent(machine, snapshot, event, rules);
        if (stage.next.kind === "missing") {
          expect(answer.ok, `${stage.stage} ${event.type}`).toBe(false);
          expect(answer.ok ? [] : answer.missing).toEqual(stage.next.missing);
          // And the journey service refuses it the same way, changing nothing.
          const before = journeyFingerprint(db, person.participantId);
          let refusal: JourneyError | null = null;
          try {
            applyMove(db, { participantId: person.participantId, expectedVersion: person.version(), event, actorUserId: env.mentor.id });
          } catch (error) {
            refusal = error as JourneyError;
          }
          expect(refusal?.code).toBe("not-allowed");
          expect(refusal?.missing).toEqual(stage.next.missing);
          expect(journeyFingerprint(db, person.participantId)).toBe(before);
        } else {
          expect(answer.ok, `${stage.stage} ${event.type}`).toBe(true);
        }
        checked++;
      }
    }
    const busyPage = getOwnPage(db, busy.user.id, NOW)!;
    const needs = Object.fromEntries(busyPage.stages.map((s) => [s.stage, s.next]));
    expect(needs.training).toEqual({ kind: "missing", missing: [{ code: "evidence", kind: "training_attended", have: 0, need: 1 }] });
    expect(needs.mentoring).toEqual({ kind: "missing", missing: [{ code: "evidence", kind: "mentoring_session", have: 1, need: 3 }] });
    expect(needs.marketing).toEqual({ kind: "ready-to-complete" });
    expect(needs.licensing).toEqual({ kind: "can-start" });
    expect(needs.capital?.kind).toBe("missing");
    const unverifiedPage = getOwnPage(db, unverified.user.id, NOW)!;
    expect(unverifiedPage.stages[0]!.next).toEqual({ kind: "awaiting-verification" });
    expect(unverifiedPage.stages.find((s) => s.stage === "capital")!.next).toMatchObject({
      kind: "missing",
      missing: expect.arrayContaining([{ code: "registration-verified" }]),
    });
    console.log(`needs checked against the machine: ${checked} stages, mismatches: 0`);
  });

  it("shows the entrepreneur's own NIK and phone masked, and the mentor's contact whole", () => {
    const { db } = env;
    db.update(t.users).set({ phone: "081211112222" }).where(eq(t.users.id, env.mentor.id)).run();
    const person = env.entrepreneur();
    const page = getOwnPage(db, person.user.id, NOW)!;
    expect(page.participant.nikMasked).toMatch(/^\d{4}\*{8}\d{4}$/);
    expect(page.participant.phoneMasked).toBe("0812•••••890");
    expect(JSON.stringify(page)).not.toContain("081234567890");
    expect(page.mentor).toEqual({ name: "Mentor", phone: "081211112222", email: "m@test" });
  });
});

describe("partner offers for the open stages", () => {
  const env = setup("own-offers");
  afterAll(() => env.close());

  it("shows only offers under an agreement in force today, for the participant's district or all", () => {
    const { db, district, otherDistrict } = env;
    const person = env.entrepreneur();
    person.move({ type: "START", stage: "training" });
    const today = "2026-03-10";
    const offer = (name: string, agreement: { validUntil: string; districts?: number[] | null; stages?: string[] }, partner: { stage?: string; districtId?: number | null } = {}) => {
      const org = db.insert(t.organisations).values({ name, kind: "university" }).returning().get();
      const a = db
        .insert(t.agreements)
        .values({
          organisationId: org.id,
          kind: "mou",
          number: `MoU/${name}`,
          signedOn: "2025-01-01",
          validUntil: agreement.validUntil,
          stages: agreement.stages ?? ["training"],
          districts: agreement.districts ?? null,
        })
        .returning()
        .get();
      db.insert(t.stagePartners)
        .values({ organisationId: org.id, agreementId: a.id, stage: partner.stage ?? "training", districtId: partner.districtId ?? null, offer: `Offer of ${name}` })
        .run();
    };
    offer("All districts", { validUntil: "2027-12-31" });
    offer("Ends today", { validUntil: today });
    offer("Expired yesterday", { validUntil: "2026-03-09" });
    offer("Agreement for my district", { validUntil: "2027-12-31", districts: [district.id] });
    offer("Agreement for another district", { validUntil: "2027-12-31", districts: [otherDistrict.id] });
    offer("Attached to my district", { validUntil: "2027-12-31" }, { districtId: district.id });
    offer("Attached to another district", { validUntil: "2027-12-31" }, { districtId: otherDistrict.id });
    offer("Stage not open", { validUntil: "2027-12-31", stages: ["marketing"] }, { stage: "marketing" });

    const shown = getOwnPage(db, person.user.id, NOW)!.offers.map((o) => o.organisation).sort();
    expect(shown).toEqual(["Agreement for my district", "All districts", "Attached to my district", "Ends today"]);
    // The day after, the agreement that ended is gone too.
    const tomorrow = getOwnPage(db, person.user.id, NOW + DAY)!.offers.map((o) => o.organisation);
    expect(tomorrow).not.toContain("Ends today");
    console.log(`offers: 8 attached, ${shown.length} shown (expired, other districts and closed stages hidden)`);
  });
});

describe("self-reported financial reports", () => {
  const env = setup("own-reports");
  afterAll(() => env.close());
  const good = { period: "2026-02", turnover: "6.500.000", assets: "12000000", workers: "2" };
  const evidenceRows = () => JSON.stringify(env.db.$client.prepare("SELECT * FROM stage_evidence ORDER BY id").all());

  it("refuses bad input and a second pending report for the same month, changing nothing", () => {
    const { db } = env;
    const person = env.entrepreneur();
    const next = currentPeriod(new Date(Date.now() + 40 * DAY));
    const bad: [Record<string, string>, string, string][] = [
      [{ ...good, period: "2026-13" }, "period", "validation.periodInvalid"],
      [{ ...good, period: "Februari" }, "period", "validation.periodInvalid"],
      [{ ...good, period: "" }, "period", "validation.required"],
      [{ ...good, period: next }, "period", "self.report.periodInFuture"],
      [{ ...good, period: "1999-12" }, "period", "validation.periodInvalid"],
      [{ ...good, turnover: "-5000" }, "turnover", "validation.amountInvalid"],
      [{ ...good, turnover: "lima juta" }, "turnover", "validation.amountInvalid"],
      [{ ...good, turnover: "5.5" }, "turnover", "validation.amountInvalid"],
      [{ ...good, turnover: "1e9" }, "turnover", "validation.amountInvalid"],
      [{ ...good, turnover: "5.000.000,50" }, "turnover", "validation.amountCents"],
      [{ ...good, assets: "999999999999999" }, "assets", "validation.amountTooLarge"],
      [{ ...good, assets: "99999999999999999999999" }, "assets", "validation.amountInvalid"],
      [{ ...good, workers: "2.5" }, "workers", "self.report.numberInvalid"],
      [{ ...good, workers: "-1" }, "workers", "self.report.numberInvalid"],
      [{ ...good, workers: "20000" }, "workers", "self.report.numberTooLarge"],
      [{ period: "2026-02" }, "turnover", "validation.required"],
    ];
    const before = evidenceRows() + journeyFingerprint(db, person.participantId);
    for (const [fields, field, message] of bad) {
      const outcome = submitSelfReport(db, person.user.id, form(fields));
      expect(outcome.ok, JSON.stringify(fields)).toBe(false);
      if (!outcome.ok) {
        expect(outcome.status).toBe(400);
        expect(outcome.result.error?.[field], JSON.stringify(fields)).toContain(message);
        // What was typed comes back for the form to keep.
        expect(outcome.result.initialValue?.[field] ?? "").toBe(fields[field] ?? "");
      }
    }
    expect(evidenceRows() + journeyFingerprint(db, person.participantId)).toBe(before);

    expect(submitSelfReport(db, person.user.id, form(good), NOW)).toEqual({ ok: true });
    const afterFirst = evidenceRows() + journeyFingerprint(db, person.participantId);
    const again = submitSelfReport(db, person.user.id, form({ ...good, turnover: "7000000" }), NOW);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.result.error?.period).toEqual(["self.report.duplicatePeriod"]);
    expect(evidenceRows() + journeyFingerprint(db, person.participantId)).toBe(afterFirst);
    console.log(`self-report refusals: ${bad.length + 1}, rows changed: 0`);

    // Stored as pending, by the entrepreneur, with the rupiah as a number; the journey has not moved.
    const row = db
      .select()
      .from(t.stageEvidence)
      .where(eq(t.stageEvidence.participantId, person.participantId))
      .all()
      .find((r) => r.kind === "financial_report")!;
    expect(row).toMatchObject({ status: "pending", recordedBy: person.user.id, kind: "financial_report", stage: "financial_reporting" });
    expect(row.details).toEqual({ period: "2026-02", turnover: 6_500_000, assets: 12_000_000, workers: 2 });
    const page = getOwnPage(db, person.user.id, NOW)!;
    expect(page.reports.map((r) => r.status)).toEqual(["pending"]);
    expect(page.stages.find((s) => s.stage === "financial_reporting")!.state).toBe("not_started");
    expect(page.figures).toHaveLength(1); // the entry figures only: a pending report does not count
  });

  it("refuses a report before P1 is verified, with the machine's reason, storing nothing", () => {
    const { db } = env;
    const person = env.entrepreneur({ verify: false });
    const before = evidenceRows();
    const outcome = submitSelfReport(db, person.user.id, form(good), NOW);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.status).toBe(409);
      expect(outcome.refusal?.missing).toEqual([{ code: "registration-verified" }]);
    }
    expect(getOwnPage(db, person.user.id, NOW)!.reportRefusal?.missing).toEqual([{ code: "registration-verified" }]);
    expect(evidenceRows()).toBe(before);
  });

  it("accepting applies exactly one log entry pointing at the report, and replay still equals the snapshot", () => {
    const { db, mentor } = env;
    const person = env.entrepreneur();
    expect(submitSelfReport(db, person.user.id, form({ ...good, period: "2026-01" }), NOW)).toEqual({ ok: true });
    const pending = listPendingReports(db, person.participantId);
    expect(pending.acceptRefusal).toBeNull();
    const report = pending.reports[0]!;
    const logBefore = db.$client.prepare("SELECT count(*) AS n FROM transition_log WHERE participant_id = ?").get(person.participantId) as { n: number };

    // A stale version is refused and leaves the report pending.
    const stale = reviewSelfReport(db, { participantId: person.participantId, actorUserId: mentor.id, formData: form({ evidenceId: String(report.id), version: String(person.version() - 1), decision: "accept" }) });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.refusal?.code).toBe("stale-version");

    const outcome = reviewSelfReport(db, {
      participantId: person.participantId,
      actorUserId: mentor.id,
      formData: form({ evidenceId: String(report.id), version: String(person.version()), decision: "accept" }),
      now: NOW,
    });
    expect(outcome).toEqual({ ok: true });
    const log = db.$client.prepare("SELECT * FROM transition_log WHERE participant_id = ? ORDER BY version").all(person.participantId) as {
      event_type: string;
      evidence_id: number | null;
      actor_user_id: number;
    }[];
    expect(log.length).toBe(logBefore.n + 1);
    expect(log.at(-1)).toMatchObject({ event_type: "RECORD_EVIDENCE", evidence_id: report.id, actor_user_id: mentor.id });
    expect(db.$client.prepare("SELECT count(*) AS n FROM stage_evidence WHERE participant_id = ?").get(person.participantId)).toEqual({ n: 2 }); // documents + this report
    const row = db.select().from(t.stageEvidence).where(eq(t.stageEvidence.id, report.id)).get()!;
    expect(row).toMatchObject({ status: "recorded", reviewedBy: mentor.id, reviewedAt: NOW, recordedBy: person.user.id });

    const stored = db.select({ snapshot: t.participants.snapshot, p6: t.participants.p6State }).from(t.participants).where(eq(t.participants.id, person.participantId)).get()!;
    expect(replayJourney(db, person.participantId)).toEqual(stored.snapshot);
    expect(stored.p6).toBe("in_progress");

    const page = getOwnPage(db, person.user.id, NOW)!;
    expect(page.reports.map((r) => r.status)).toEqual(["accepted"]);
    expect(page.figures.map((f) => [f.period, f.turnover, f.entry])).toEqual([
      ["2026-01", 4_000_000, true],
      ["2026-01", 6_500_000, false],
    ]);
    expect(page.stages.find((s) => s.stage === "financial_reporting")!.next).toEqual({ kind: "ready-to-complete" });

    // Accepting it again does nothing more.
    const twice = reviewSelfReport(db, { participantId: person.participantId, actorUserId: mentor.id, formData: form({ evidenceId: String(report.id), version: String(person.version()), decision: "accept" }) });
    expect(twice.ok).toBe(false);
    expect((db.$client.prepare("SELECT count(*) AS n FROM transition_log WHERE participant_id = ?").get(person.participantId) as { n: number }).n).toBe(log.length);
    console.log(`accept: log rows added 1 (evidence_id = report ${report.id}), replay equals snapshot: yes`);
  });

  it("declining needs a note, changes no journey row, and the entrepreneur reads the note", () => {
    const { db, mentor } = env;
    const person = env.entrepreneur();
    expect(submitSelfReport(db, person.user.id, form({ ...good, period: "2025-12" }), NOW)).toEqual({ ok: true });
    const report = listPendingReports(db, person.participantId).reports[0]!;
    const journey = journeyFingerprint(db, person.participantId);
    const evidenceBefore = evidenceRows();

    const noNote = reviewSelfReport(db, { participantId: person.participantId, actorUserId: mentor.id, formData: form({ evidenceId: String(report.id), version: String(person.version()), decision: "decline", note: "  " }) });
    expect(noNote.ok).toBe(false);
    if (!noNote.ok) expect(noNote.result.error?.note).toEqual(["self.review.noteRequired"]);
    expect(evidenceRows()).toBe(evidenceBefore);

    const declined = reviewSelfReport(db, {
      participantId: person.participantId,
      actorUserId: mentor.id,
      formData: form({ evidenceId: String(report.id), version: String(person.version()), decision: "decline", note: "Omset tidak sesuai buku kas" }),
      now: NOW,
    });
    expect(declined).toEqual({ ok: true });
    expect(journeyFingerprint(db, person.participantId)).toBe(journey);
    expect(db.select().from(t.stageEvidence).where(eq(t.stageEvidence.id, report.id)).get()).toMatchObject({
      status: "declined",
      reviewedBy: mentor.id,
      reviewNote: "Omset tidak sesuai buku kas",
    });
    const page = getOwnPage(db, person.user.id, NOW)!;
    expect(page.reports[0]).toMatchObject({ status: "declined", reviewNote: "Omset tidak sesuai buku kas" });
    expect(page.figures).toHaveLength(1);
    // The same month may be sent again once the first is declined.
    expect(submitSelfReport(db, person.user.id, form({ ...good, period: "2025-12" }), NOW)).toEqual({ ok: true });
  });

  it("when the machine refuses the accept, the mentor is told why and nothing changes", () => {
    const { db, mentor } = env;
    const person = env.entrepreneur();
    expect(submitSelfReport(db, person.user.id, form({ ...good, period: "2025-11" }), NOW)).toEqual({ ok: true });
    person.move({ type: "HOLD", reason: "Sakit" });
    const pending = listPendingReports(db, person.participantId);
    expect(pending.acceptRefusal?.missing).toEqual([{ code: "status-active", status: "on_hold" }]);
    const report = pending.reports[0]!;
    const journey = journeyFingerprint(db, person.participantId);
    const outcome = reviewSelfReport(db, { participantId: person.participantId, actorUserId: mentor.id, formData: form({ evidenceId: String(report.id), version: String(person.version()), decision: "accept" }) });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.refusal).toEqual({ code: "not-allowed", missing: [{ code: "status-active", status: "on_hold" }], stageState: "not_started" });
    expect(journeyFingerprint(db, person.participantId)).toBe(journey);
    expect(db.select().from(t.stageEvidence).where(eq(t.stageEvidence.id, report.id)).get()!.status).toBe("pending");
  });

  it("a report of another participant is not found through this participant", () => {
    const { db, mentor } = env;
    const a = env.entrepreneur();
    const b = env.entrepreneur();
    expect(submitSelfReport(db, b.user.id, form({ ...good, period: "2025-10" }), NOW)).toEqual({ ok: true });
    const report = listPendingReports(db, b.participantId).reports[0]!;
    let thrown: unknown;
    try {
      reviewSelfReport(db, { participantId: a.participantId, actorUserId: mentor.id, formData: form({ evidenceId: String(report.id), version: String(a.version()), decision: "decline", note: "x" }) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof Response && thrown.status).toBe(404);
    expect(listPendingReports(db, b.participantId).reports).toHaveLength(1);
  });
});

describe("the review route and /saya over HTTP", () => {
  let server: TestServer;
  let sitiId: number;
  let gambirId: number;
  beforeAll(async () => {
    server = await startServer({ label: "own-progress", participants: 200 });
    sitiId = (server.sql.prepare("SELECT p.id FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = 'umkm@pas.demo'").get() as { id: number }).id;
    gambirId = (server.sql.prepare("SELECT p.id FROM participants p JOIN districts d ON d.id = p.district_id WHERE d.name = 'Gambir' LIMIT 1").get() as { id: number }).id;
  }, 120_000);
  afterAll(async () => server?.stop());

  it("an entrepreneur sends a report; only staff in scope may review it (404 for everyone else)", async () => {
    const siti = await signIn(server.url, "umkm@pas.demo");
    const sent = await postForm(server.url, "/saya", { period: "2026-01", turnover: "5000000", assets: "20000000", workers: "2" }, { cookie: siti });
    expect(sent.status).toBe(303);
    const report = server.sql.prepare("SELECT id FROM stage_evidence WHERE participant_id = ? AND status = 'pending'").get(sitiId) as { id: number };
    const version = (server.sql.prepare("SELECT version FROM participants WHERE id = ?").get(sitiId) as { version: number }).version;
    const fields = { evidenceId: String(report.id), version: String(version), decision: "accept" };
    const logCount = () => (server.sql.prepare("SELECT count(*) AS n FROM transition_log WHERE participant_id = ?").get(sitiId) as { n: number }).n;
    const before = logCount();

    const gambir = await signIn(server.url, "mentor.gambir@pas.demo");
    const checks: [string, string, number][] = [
      ["entrepreneur", siti, 404],
      ["mentor of other districts", gambir, 404],
    ];
    for (const [who, cookie, status] of checks) {
      expect((await postForm(server.url, `/peserta/${sitiId}/laporan-mandiri`, fields, { cookie })).status, who).toBe(status);
      expect((await get(server.url, `/peserta/${sitiId}/laporan-mandiri`, cookie)).status, who).toBe(status);
    }
    // Anonymous: sent to sign in, nothing done.
    expect((await postForm(server.url, `/peserta/${sitiId}/laporan-mandiri`, fields)).status).toBe(302);
    expect(logCount()).toBe(before);

    // Siti's mentor, but naming Siti's report under another participant's id out of her scope: 404.
    const sari = await signIn(server.url, "mentor.cakung@pas.demo");
    expect((await postForm(server.url, `/peserta/${gambirId}/laporan-mandiri`, fields, { cookie: sari })).status).toBe(404);
    expect(logCount()).toBe(before);

    const page = await get(server.url, `/peserta/${sitiId}`, sari);
    expect(await page.text()).toContain("Terima laporan Januari 2026");
    const accepted = await postForm(server.url, `/peserta/${sitiId}/laporan-mandiri`, fields, { cookie: sari });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(`/peserta/${sitiId}#laporan-mandiri`);
    expect(logCount()).toBe(before + 1);
    console.log("review route: 2 roles out of scope × GET/POST → 404, anonymous → sign in, in-scope accept → 303, log rows added: 1");
  });

  it("/saya shows only the signed-in entrepreneur's record, whatever the URL says", async () => {
    const siti = await signIn(server.url, "umkm@pas.demo");
    const other = server.sql.prepare("SELECT id, full_name AS name FROM participants WHERE id = ?").get(gambirId) as { id: number; name: string };
    for (const query of [`?id=${other.id}`, `?participant=${other.id}`, `?userId=1`, `/../peserta/${other.id}`]) {
      const response = await get(server.url, `/saya${query}`, siti);
      const html = await response.text();
      if (response.status === 200) {
        expect(html).toContain("Siti Rahmawati");
        expect(html).not.toContain(other.name);
      } else {
        expect(html).not.toContain(other.name);
      }
    }
    // A report posted with another participant's id in the form is still Siti's own.
    const response = await postForm(server.url, `/saya?participantId=${other.id}`, { period: "2025-12", turnover: "1000000", assets: "1000000", workers: "1", participantId: String(other.id) }, { cookie: siti });
    expect(response.status).toBe(303);
    expect(server.sql.prepare("SELECT count(*) AS n FROM stage_evidence WHERE participant_id = ? AND status = 'pending'").get(other.id)).toEqual({ n: 0 });
  });
});
