// Partners on stages, on real SQLite files: offers in force, referrals and their refusals, what
// partner staff may see (module and over HTTP against the real server), outcomes recorded as stage
// evidence, and the performance figures coordinators see. Each test prints the figures it proves.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import * as t from "../../db/schema";
import { JourneyError } from "../../app/modules/journey/errors";
import { applyMove } from "../../app/modules/journey/journey.server";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { participantScope, type Viewer } from "../../app/modules/access/scope.server";
import type { OutcomeValue } from "../../app/modules/partners/forms";
import { activeOffersFor } from "../../app/modules/partners/offers.server";
import { attachToStage, listOrganisations, PartnerChangeRefused } from "../../app/modules/partners/organisations.server";
import { getPartnerParticipantPage, listReferredParticipants, recordPartnerOutcome } from "../../app/modules/partners/partner-staff.server";
import { partnerPerformance } from "../../app/modules/partners/performance.server";
import { referParticipant } from "../../app/modules/partners/referrals.server";
import { freshDatabase, journeyFingerprint } from "../helpers/db";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

const TODAY = jakartaDate();
const VALID = "2099-12-31";
const EXPIRED = "2020-12-31";
const DAY = 86_400_000;

let env: ReturnType<typeof freshDatabase>;
let db: Db;
let otherCityDistrict: number;
beforeAll(() => {
  env = freshDatabase("partners");
  db = env.db;
  const region = db.select().from(t.regions).get()!;
  const city = db.insert(t.cities).values({ regionId: region.id, name: "Jakarta Pusat" }).returning().get();
  otherCityDistrict = db.insert(t.districts).values({ cityId: city.id, name: "Gambir" }).returning().get().id;
});
afterAll(() => env.close());

/** An organisation with one agreement and its stage attachments. */
function partner(name: string, options: { stages: string[]; validUntil?: string; districts?: number[] | null; attachDistrict?: number | null }) {
  const org = db.insert(t.organisations).values({ name, kind: "university" }).returning().get();
  const agreement = db
    .insert(t.agreements)
    .values({
      organisationId: org.id,
      kind: "pks",
      number: `PKS/${name}`,
      signedOn: "2020-01-01",
      validUntil: options.validUntil ?? VALID,
      stages: options.stages,
      districts: options.districts ?? null,
    })
    .returning()
    .get();
  const attachments = options.stages.map(
    (stage) =>
      db
        .insert(t.stagePartners)
        .values({ organisationId: org.id, agreementId: agreement.id, stage, districtId: options.attachDistrict ?? null, offer: `${name} offer` })
        .returning()
        .get().id,
  );
  return { id: org.id, agreementId: agreement.id, attachment: attachments[0]! };
}

/** A participant with P1 verified and P2 (training) in progress. */
function inTraining(districtId = env.district.id) {
  const { participantId, version } = env.register({ districtId });
  let v = applyMove(db, { participantId, expectedVersion: version, event: { type: "VERIFY" }, actorUserId: env.mentor.id }).version;
  v = applyMove(db, { participantId, expectedVersion: v, event: { type: "START", stage: "training" }, actorUserId: env.mentor.id }).version;
  return { id: participantId, version: v };
}

const referralCount = () => db.$client.prepare("SELECT count(*) AS n FROM referrals").get() as { n: number };
const versionOf = (id: number) => db.select({ v: t.participants.version }).from(t.participants).where(eq(t.participants.id, id)).get()!.v;

describe("offers in force", () => {
  it("hides offers of expired agreements and shows each offer only where its agreement and attachment reach", () => {
    const valid = partner("Valid Uni", { stages: ["training"] });
    partner("Expired Uni", { stages: ["training"], validUntil: EXPIRED });
    // Yesterday's agreement has expired today; today's is still valid (valid until the end of its day).
    const yesterday = new Date(Date.parse(`${TODAY}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
    partner("Ended Yesterday", { stages: ["training"], validUntil: yesterday });
    const endsToday = partner("Ends Today", { stages: ["training"], validUntil: TODAY });
    const cakungOnly = partner("Cakung Agreement", { stages: ["training"], districts: [env.district.id] });
    const attachedToMatraman = partner("Matraman Attachment", { stages: ["training"], attachDistrict: env.otherDistrict.id });
    partner("Licensing Only", { stages: ["licensing"] });

    const names = (districtId: number) => activeOffersFor(db, { stage: "training", districtId, today: TODAY }).map((o) => o.organisationName);
    expect(names(env.district.id).sort()).toEqual(["Cakung Agreement", "Ends Today", "Valid Uni"]);
    expect(names(env.otherDistrict.id).sort()).toEqual(["Ends Today", "Matraman Attachment", "Valid Uni"]);
    expect(activeOffersFor(db, { stage: "licensing", districtId: env.district.id, today: TODAY }).map((o) => o.organisationName)).toEqual(["Licensing Only"]);
    // Once an agreement's last day has passed, its offers go.
    const later = "2100-01-01";
    expect(names(env.district.id).length).toBe(3);
    expect(activeOffersFor(db, { stage: "training", districtId: env.district.id, today: later })).toEqual([]);
    // The coordinators' list counts valid agreements and shows only stages with an offer in force.
    const listed = new Map(listOrganisations(db, TODAY).map((o) => [o.name, o]));
    expect(listed.get("Expired Uni")).toMatchObject({ agreements: 1, validAgreements: 0, activeStages: [] });
    expect(listed.get("Valid Uni")).toMatchObject({ agreements: 1, validAgreements: 1, activeStages: ["training"] });
    console.log(
      `offers: Cakung ${names(env.district.id).length}, Matraman ${names(env.otherDistrict.id).length} of 6 training partners (2 expired hidden); ids ${valid.id},${endsToday.id},${cakungOnly.id},${attachedToMatraman.id}`,
    );
  });

  it("refuses to attach an organisation under an expired agreement, or one not covering the stage or district", () => {
    const expired = partner("Lapsed Bank", { stages: ["capital"], validUntil: EXPIRED });
    const narrow = partner("Narrow Bank", { stages: ["capital"], districts: [env.district.id] });
    const before = db.$client.prepare("SELECT count(*) AS n FROM stage_partners").get();
    const refusedWith = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (error instanceof PartnerChangeRefused) return error.messageKey;
        throw error;
      }
      return "accepted";
    };
    const offer = "Loan";
    expect(refusedWith(() => attachToStage(db, expired.id, { intent: "attach", stage: "capital", agreementId: expired.agreementId, offer }, TODAY))).toBe(
      "partners.validation.agreementExpired",
    );
    expect(refusedWith(() => attachToStage(db, narrow.id, { intent: "attach", stage: "training", agreementId: narrow.agreementId, offer }, TODAY))).toBe(
      "partners.validation.agreementStage",
    );
    expect(
      refusedWith(() =>
        attachToStage(db, narrow.id, { intent: "attach", stage: "capital", agreementId: narrow.agreementId, districtId: env.otherDistrict.id, offer }, TODAY),
      ),
    ).toBe("partners.validation.agreementDistrict");
    // Another organisation's agreement is not one to choose.
    expect(refusedWith(() => attachToStage(db, narrow.id, { intent: "attach", stage: "capital", agreementId: expired.agreementId, offer }, TODAY))).toBe(
      "validation.choose",
    );
    expect(db.$client.prepare("SELECT count(*) AS n FROM stage_partners").get()).toEqual(before);
    console.log("attachments: 4 refusals, rows changed: 0");
  });
});

describe("referrals", () => {
  it("refers only to an offer in force for the participant's district; refusals change nothing", () => {
    const p = inTraining();
    const ok = partner("Referral Uni", { stages: ["training"] });
    const expired = partner("Referral Expired", { stages: ["training"], validUntil: EXPIRED });
    const elsewhere = partner("Referral Elsewhere", { stages: ["training"], districts: [env.otherDistrict.id] });
    const attachedElsewhere = partner("Referral Attached Elsewhere", { stages: ["training"], attachDistrict: env.otherDistrict.id });
    const notAttached = db.insert(t.organisations).values({ name: "Referral Unattached", kind: "ngo" }).returning().get();

    const refuse = (stagePartnerId: number) => {
      const before = referralCount();
      try {
        referParticipant(db, { participantId: p.id, stagePartnerId, actorUserId: env.mentor.id, today: TODAY });
      } catch (error) {
        if (!(error instanceof PartnerChangeRefused)) throw error;
        expect(referralCount()).toEqual(before);
        return error.messageKey;
      }
      throw new Error("expected a refusal");
    };
    const refusals = [expired.attachment, elsewhere.attachment, attachedElsewhere.attachment, 999_999].map(refuse);
    expect(refusals).toEqual(Array(4).fill("partners.validation.offerUnavailable"));
    expect(db.select().from(t.referrals).where(eq(t.referrals.organisationId, notAttached.id)).all()).toEqual([]);

    const id = referParticipant(db, { participantId: p.id, stagePartnerId: ok.attachment, actorUserId: env.mentor.id, today: TODAY });
    expect(db.select().from(t.referrals).where(eq(t.referrals.id, id)).get()).toMatchObject({
      participantId: p.id,
      organisationId: ok.id,
      stage: "training",
      stagePartnerId: ok.attachment,
      referredBy: env.mentor.id,
      outcomeEvidenceId: null,
    });
    expect(refuse(ok.attachment)).toBe("partners.validation.alreadyReferred");
    console.log(`referrals: 5 refusals (expired, district not covered, attached elsewhere, unknown, twice), rows changed: 0; 1 accepted`);
  });
});

describe("what partner staff see, and the outcomes they record", () => {
  it("sees exactly the participants referred to their organisation for stages their valid agreements cover", () => {
    const bank = partner("Scope Bank", { stages: ["training", "licensing"], districts: [env.district.id] });
    const lapsed = db.insert(t.agreements).values({ organisationId: bank.id, kind: "mou", number: "MoU/old", signedOn: "2019-01-01", validUntil: EXPIRED, stages: ["marketing"] }).run();
    expect(lapsed.changes).toBe(1);
    const other = partner("Scope Other", { stages: ["training"] });
    const [a, b, c, d, e] = [inTraining(), inTraining(), inTraining(), inTraining(env.otherDistrict.id), inTraining()];
    const refer = (participantId: number, organisationId: number, stage: string) =>
      db.insert(t.referrals).values({ participantId, organisationId, stage, referredAt: Date.now() - 5 * DAY }).run();
    refer(a.id, bank.id, "training"); // seen
    refer(b.id, bank.id, "licensing"); // seen
    refer(c.id, bank.id, "marketing"); // only the expired agreement covers marketing: not seen
    refer(d.id, bank.id, "training"); // district not covered by the agreement: not seen
    refer(e.id, other.id, "training"); // another organisation's referral: not seen
    refer(a.id, other.id, "training");

    const viewer: Viewer = { id: 0, role: "partner", cityId: null, agencyId: null, organisationId: bank.id };
    const visible = db.select({ id: t.participants.id }).from(t.participants).where(participantScope(db, viewer)).all().map((r) => r.id);
    expect(visible.sort()).toEqual([a.id, b.id].sort());
    expect(listReferredParticipants(db, bank.id, TODAY).map((r) => [r.participantId, r.stage])).toEqual(
      expect.arrayContaining([
        [a.id, "training"],
        [b.id, "licensing"],
      ]),
    );
    expect(listReferredParticipants(db, bank.id, TODAY)).toHaveLength(2);
    // The page shows only the bank's referral of `a`, not the other organisation's.
    expect(getPartnerParticipantPage(db, bank.id, a.id, TODAY)!.referrals.map((r) => r.stage)).toEqual(["training"]);
    for (const hidden of [c, d, e]) expect(getPartnerParticipantPage(db, bank.id, hidden.id, TODAY)).toBeNull();
    // No organisation, no one.
    expect(db.select().from(t.participants).where(participantScope(db, { ...viewer, organisationId: null })).all()).toEqual([]);
    console.log(`partner scope: 6 referrals, visible ${visible.length} (expected 2), leaks 0`);
  });

  it("records an outcome as stage evidence of their organisation that counts for the stage guard, and marks the referral once", () => {
    const uni = partner("Outcome Uni", { stages: ["training"] });
    const p = inTraining();
    const referralId = referParticipant(db, {
      participantId: p.id,
      stagePartnerId: uni.attachment,
      actorUserId: env.mentor.id,
      today: TODAY,
    });
    const staff = db.insert(t.users).values({ email: "staff@uni.test", name: "Staff", role: "partner", passwordHash: "x", organisationId: uni.id }).returning().get();
    // Before: completing P2 is refused (no training attended).
    expect(() => applyMove(db, { participantId: p.id, expectedVersion: p.version, event: { type: "COMPLETE", stage: "training" }, actorUserId: env.mentor.id })).toThrow(JourneyError);

    const value: OutcomeValue = { referralId, stage: "training", version: p.version, occurredOn: TODAY, topic: "Manajemen usaha", skill: "soft" };
    const at = Date.now();
    const { evidenceId } = recordPartnerOutcome(db, { organisationId: uni.id, participantId: p.id, actorUserId: staff.id, value, today: TODAY, at });
    const evidence = db.select().from(t.stageEvidence).where(eq(t.stageEvidence.id, evidenceId)).get()!;
    expect(evidence).toMatchObject({ participantId: p.id, stage: "training", kind: "training_attended", organisationId: uni.id, recordedBy: staff.id, status: "recorded" });
    expect(evidence.details).toEqual({ topic: "Manajemen usaha", skill: "soft", organisationId: uni.id, partnerName: "Outcome Uni" });
    expect(db.select().from(t.referrals).where(eq(t.referrals.id, referralId)).get()).toMatchObject({ outcomeEvidenceId: evidenceId, outcomeAt: at });

    // A second outcome is evidence too, but the referral keeps its first outcome.
    const second = recordPartnerOutcome(db, {
      organisationId: uni.id,
      participantId: p.id,
      actorUserId: staff.id,
      value: { ...value, version: versionOf(p.id), topic: "Pemasaran digital" },
      today: TODAY,
      at: at + 1000,
    });
    expect(second.evidenceId).not.toBe(evidenceId);
    expect(db.select().from(t.referrals).where(eq(t.referrals.id, referralId)).get()).toMatchObject({ outcomeEvidenceId: evidenceId, outcomeAt: at });

    // The machine now lets the mentor complete P2.
    applyMove(db, { participantId: p.id, expectedVersion: versionOf(p.id), event: { type: "COMPLETE", stage: "training" }, actorUserId: env.mentor.id });
    expect(db.select({ s: t.participants.p2State }).from(t.participants).where(eq(t.participants.id, p.id)).get()!.s).toBe("done");

    // Refused outcomes change nothing: another organisation's staff, a stale version, a stage that is not the referral's.
    const q = inTraining();
    const qReferral = referParticipant(db, { participantId: q.id, stagePartnerId: uni.attachment, actorUserId: env.mentor.id, today: TODAY });
    const other = partner("Outcome Other", { stages: ["training"] });
    const attempts: [string, () => unknown, string][] = [
      ["other organisation", () => recordPartnerOutcome(db, { organisationId: other.id, participantId: q.id, actorUserId: null, value: { ...value, referralId: qReferral, version: q.version }, today: TODAY }), "not-found"],
      ["referral of another participant", () => recordPartnerOutcome(db, { organisationId: uni.id, participantId: q.id, actorUserId: null, value: { ...value, referralId, version: q.version }, today: TODAY }), "not-found"],
      ["stale version", () => recordPartnerOutcome(db, { organisationId: uni.id, participantId: q.id, actorUserId: null, value: { ...value, referralId: qReferral, version: q.version - 1 }, today: TODAY }), "stale-version"],
      ["wrong stage", () => recordPartnerOutcome(db, { organisationId: uni.id, participantId: q.id, actorUserId: null, value: { referralId: qReferral, stage: "licensing", version: q.version, occurredOn: TODAY, licenceType: "nib", licenceNumber: "1" }, today: TODAY }), "invalid"],
      ["agreement expired since", () => recordPartnerOutcome(db, { organisationId: uni.id, participantId: q.id, actorUserId: null, value: { ...value, referralId: qReferral, version: q.version }, today: "2100-01-01" }), "not-found"],
    ];
    const before = journeyFingerprint(db, q.id) + JSON.stringify(db.select().from(t.referrals).where(eq(t.referrals.id, qReferral)).get());
    for (const [label, attempt, code] of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(caught, label).toBeInstanceOf(JourneyError);
      expect((caught as JourneyError).code, label).toBe(code);
    }
    expect(journeyFingerprint(db, q.id) + JSON.stringify(db.select().from(t.referrals).where(eq(t.referrals.id, qReferral)).get())).toBe(before);
    console.log(`outcomes: evidence ${evidenceId} with organisation_id ${uni.id} completed P2; ${attempts.length} refusals, rows changed: 0`);
  });

  it("gives coordinators per-partner figures equal to a direct SQL count, scoped to a city coordinator's city", () => {
    const perf = partner("Perf Bank", { stages: ["training"] });
    const referredAt = Date.UTC(2026, 0, 1);
    // Outcomes after 2, 5, 9 and 20 days, one without; and one in another city.
    const plan: [number, number | null][] = [
      [env.district.id, 2],
      [env.district.id, 5],
      [env.otherDistrict.id, 9],
      [env.district.id, 20],
      [env.district.id, null],
      [otherCityDistrict, 1],
    ];
    for (const [districtId, days] of plan) {
      const p = inTraining(districtId);
      db.insert(t.referrals)
        .values({ participantId: p.id, organisationId: perf.id, stage: "training", referredAt, outcomeAt: days === null ? null : referredAt + days * DAY + 3600_000 })
        .run();
    }
    const jaktim = db.select().from(t.cities).where(eq(t.cities.name, "Jakarta Timur")).get()!;
    const direct = (cityId: number | null) =>
      db.$client
        .prepare(
          `SELECT o.id AS organisationId, count(r.id) AS referrals, count(r.outcome_at) AS outcomes
           FROM organisations o LEFT JOIN referrals r ON r.organisation_id = o.id
             AND r.participant_id IN (SELECT p.id FROM participants p JOIN districts d ON d.id = p.district_id WHERE ? IS NULL OR d.city_id = ?)
           GROUP BY o.id ORDER BY o.id`,
        )
        .all(cityId, cityId) as { organisationId: number; referrals: number; outcomes: number }[];
    const directMedian = (cityId: number | null, organisationId: number) => {
      const days = (
        db.$client
          .prepare(
            `SELECT CAST((r.outcome_at - r.referred_at) / 86400000 AS INTEGER) AS d FROM referrals r
             JOIN participants p ON p.id = r.participant_id JOIN districts dd ON dd.id = p.district_id
             WHERE r.organisation_id = ? AND r.outcome_at IS NOT NULL AND (? IS NULL OR dd.city_id = ?)
             ORDER BY d`,
          )
          .all(organisationId, cityId, cityId) as { d: number }[]
      ).map((r) => r.d);
      if (!days.length) return null;
      const mid = Math.floor(days.length / 2);
      return days.length % 2 ? days[mid] : (days[mid - 1]! + days[mid]!) / 2;
    };
    for (const [viewer, cityId] of [
      [{ id: 0, role: "coordinator", cityId: null, agencyId: null }, null],
      [{ id: 0, role: "coordinator", cityId: jaktim.id, agencyId: null }, jaktim.id],
    ] as [Viewer, number | null][]) {
      const rows = partnerPerformance(db, viewer);
      const expected = direct(cityId);
      expect(rows.map((r) => ({ organisationId: r.organisationId, referrals: r.referrals, outcomes: r.outcomes })).sort((x, y) => x.organisationId - y.organisationId)).toEqual(expected);
      for (const row of rows) {
        expect(row.medianDaysToOutcome).toBe(directMedian(cityId, row.organisationId));
        expect(row.outcomeShare).toBe(row.referrals ? row.outcomes / row.referrals : null);
      }
      const mine = rows.find((r) => r.organisationId === perf.id)!;
      console.log(`performance (${cityId === null ? "province" : "Jakarta Timur"}): Perf Bank referrals ${mine.referrals}, outcomes ${mine.outcomes}, median ${mine.medianDaysToOutcome} days; ${rows.length} organisations equal to SQL`);
    }
    const province = partnerPerformance(db, { id: 0, role: "coordinator", cityId: null, agencyId: null }).find((r) => r.organisationId === perf.id)!;
    expect(province).toMatchObject({ referrals: 6, outcomes: 5, medianDaysToOutcome: 5 });
    const city = partnerPerformance(db, { id: 0, role: "coordinator", cityId: jaktim.id, agencyId: null }).find((r) => r.organisationId === perf.id)!;
    expect(city).toMatchObject({ referrals: 5, outcomes: 4, medianDaysToOutcome: 7 });
  });
});

// ─── Over HTTP, against the real server on a fresh demo database ─────────────

describe("partner pages over HTTP", () => {
  let server: TestServer;
  let bankId: number;
  const cookies: Record<string, string> = {};
  const one = <T>(query: string, ...params: unknown[]) => server.sql.prepare(query).get(...params) as T;
  const all = <T>(query: string, ...params: unknown[]) => server.sql.prepare(query).all(...params) as T[];

  beforeAll(async () => {
    server = await startServer({ label: "partners-http" });
    bankId = one<{ id: number }>("SELECT id FROM organisations WHERE name = 'Bank DKI'").id;
    for (const email of ["mitra@pas.demo", "mentor.cakung@pas.demo", "koordinator@pas.demo"]) cookies[email] = await signIn(server.url, email);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const fingerprint = (participantId: number) =>
    JSON.stringify({
      row: one("SELECT version, snapshot FROM participants WHERE id = ?", participantId),
      evidence: one("SELECT count(*) AS n FROM stage_evidence"),
      referrals: all("SELECT * FROM referrals ORDER BY id"),
    });

  it("lists on /mitra exactly the referred participants of covered stages, and answers 404 for everyone else (GET and POST)", async () => {
    const today = jakartaDate();
    const expected = all<{ participant_id: number; full_name: string }>(
      `SELECT DISTINCT r.participant_id, p.full_name FROM referrals r JOIN participants p ON p.id = r.participant_id
       JOIN agreements a ON a.organisation_id = r.organisation_id
       WHERE r.organisation_id = ? AND a.valid_until >= ? AND EXISTS (SELECT 1 FROM json_each(a.stages) WHERE value = r.stage)`,
      bankId,
      today,
    );
    expect(expected.length).toBeGreaterThan(2);
    const list = await get(server.url, "/mitra", cookies["mitra@pas.demo"]);
    expect(list.status).toBe(200);
    const html = await list.text();
    const links = [...html.matchAll(/href="\/mitra\/(\d+)"/g)].map((m) => Number(m[1]));
    expect([...new Set(links)].sort((x, y) => x - y)).toEqual(expected.map((r) => r.participant_id).sort((x, y) => x - y));

    // A referral to another organisation (the university), a referral to the bank for a stage its
    // agreement does not cover, and someone never referred: all 404, reading and writing.
    const university = one<{ participant_id: number }>(
      "SELECT participant_id FROM referrals WHERE organisation_id <> ? AND participant_id NOT IN (SELECT participant_id FROM referrals WHERE organisation_id = ?)",
      bankId,
      bankId,
    ).participant_id;
    const uncovered = one<{ id: number }>(
      "SELECT id FROM participants WHERE status = 'active' AND user_id IS NULL AND id NOT IN (SELECT participant_id FROM referrals) ORDER BY id LIMIT 1",
    ).id;
    server.sql.prepare("INSERT INTO referrals (participant_id, organisation_id, stage, referred_at) VALUES (?, ?, 'marketing', ?)").run(uncovered, bankId, Date.now());
    const never = one<{ id: number }>("SELECT id FROM participants WHERE id NOT IN (SELECT participant_id FROM referrals) ORDER BY id DESC LIMIT 1").id;
    let checked = 0;
    for (const id of [university, uncovered, never, 99_999_999]) {
      for (const path of [`/mitra/${id}`, `/mitra/${id}.data`]) {
        expect((await get(server.url, path, cookies["mitra@pas.demo"])).status, path).toBe(404);
        checked++;
      }
      const before = id === 99_999_999 ? "" : fingerprint(id);
      const referral = one<{ id: number } | undefined>("SELECT id FROM referrals WHERE participant_id = ? LIMIT 1", id);
      const post = await postForm(
        server.url,
        `/mitra/${id}`,
        { referralId: String(referral?.id ?? 1), stage: "capital", version: "1", occurredOn: today, loanStatus: "capital_disbursed", product: "KUR", amount: "1000000" },
        { cookie: cookies["mitra@pas.demo"] },
      );
      expect(post.status).toBe(404);
      checked++;
      if (before) expect(fingerprint(id)).toBe(before);
    }
    // Staff pages refuse partner staff even for participants they may see on /mitra.
    for (const path of [`/peserta/${expected[0]!.participant_id}`, `/peserta/${expected[0]!.participant_id}/rujuk`, "/peserta", "/organisasi", "/organisasi/kinerja"]) {
      expect((await get(server.url, path, cookies["mitra@pas.demo"])).status, path).toBe(404);
      checked++;
    }
    // Partner pages refuse staff.
    for (const path of ["/mitra", `/mitra/${expected[0]!.participant_id}`]) {
      expect((await get(server.url, path, cookies["mentor.cakung@pas.demo"])).status, path).toBe(404);
      checked++;
    }
    // The page shows the masked NIK, never the phone.
    const page = await (await get(server.url, `/mitra/${expected[0]!.participant_id}`, cookies["mitra@pas.demo"])).text();
    const person = one<{ nik_masked: string; phone: string }>("SELECT nik_masked, phone FROM participants WHERE id = ?", expected[0]!.participant_id);
    expect(page).toContain(person.nik_masked);
    expect(page).not.toContain(person.phone);
    console.log(`/mitra lists ${expected.length} referred participants (equal to SQL); ${checked} refused requests checked, leaks 0`);
  });

  it("an outcome posted by partner staff for another organisation's referral of a visible participant is 404, nothing changed", async () => {
    // A participant referred to the bank and also to the university: the bank's staff may open the
    // page, but posting against the university's referral is as if it did not exist.
    const target = one<{ participant_id: number }>("SELECT participant_id FROM referrals WHERE organisation_id = ? AND stage = 'capital' ORDER BY id LIMIT 1", bankId).participant_id;
    const university = one<{ id: number }>("SELECT id FROM organisations WHERE name = 'Universitas Negeri Jakarta'").id;
    server.sql.prepare("INSERT INTO referrals (participant_id, organisation_id, stage, referred_at) VALUES (?, ?, 'training', ?)").run(target, university, Date.now());
    const foreign = one<{ id: number }>("SELECT id FROM referrals WHERE participant_id = ? AND organisation_id = ?", target, university).id;
    const version = one<{ version: number }>("SELECT version FROM participants WHERE id = ?", target).version;
    const before = fingerprint(target);
    const response = await postForm(
      server.url,
      `/mitra/${target}`,
      { referralId: String(foreign), stage: "training", version: String(version), occurredOn: jakartaDate(), topic: "Tata boga", skill: "hard" },
      { cookie: cookies["mitra@pas.demo"] },
    );
    expect(response.status).toBe(404);
    expect(fingerprint(target)).toBe(before);
  });

  it("refers over HTTP: refusals answer 400 with the message and change nothing; an offer in force is accepted", async () => {
    const cakung = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Cakung'").id;
    const participant = one<{ id: number }>(
      "SELECT id FROM participants WHERE district_id = ? AND user_id IS NULL AND agency_id = (SELECT agency_id FROM users WHERE email = 'mentor.cakung@pas.demo') AND id NOT IN (SELECT participant_id FROM referrals) ORDER BY id LIMIT 1",
      cakung,
    ).id;
    const koperasi = one<{ id: number }>("SELECT sp.id FROM stage_partners sp JOIN organisations o ON o.id = sp.organisation_id WHERE o.name = 'Koperasi Jasa Keuangan Sejahtera'").id;
    const shopee = one<{ id: number }>("SELECT sp.id FROM stage_partners sp JOIN organisations o ON o.id = sp.organisation_id WHERE o.name = 'Shopee'").id;
    // An attachment to another district only.
    const gambir = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Gambir'").id;
    const gambirOnly = Number(
      server.sql.prepare("INSERT INTO stage_partners (organisation_id, agreement_id, stage, district_id, offer) SELECT organisation_id, agreement_id, stage, ?, 'Gambir only' FROM stage_partners WHERE id = ?").run(gambir, shopee).lastInsertRowid,
    );
    const cookie = cookies["mentor.cakung@pas.demo"];
    const before = fingerprint(participant);
    for (const [label, stagePartnerId] of [
      ["expired agreement", koperasi],
      ["attached to another district", gambirOnly],
      ["unknown", 99_999],
    ] as const) {
      const response = await postForm(server.url, `/peserta/${participant}/rujuk`, { stagePartnerId: String(stagePartnerId) }, { cookie });
      expect(response.status, label).toBe(400);
      expect(await response.text()).toContain("Penawaran ini tidak tersedia untuk peserta ini");
    }
    expect(fingerprint(participant)).toBe(before);
    // The expired partner's offer is not even on the form.
    const form = await (await get(server.url, `/peserta/${participant}/rujuk`, cookie)).text();
    expect(form).not.toContain("Koperasi Jasa Keuangan Sejahtera");
    expect(form).toContain("Shopee");
    expect(form).not.toContain("Gambir only");

    const ok = await postForm(server.url, `/peserta/${participant}/rujuk`, { stagePartnerId: String(shopee) }, { cookie });
    expect(ok.status).toBe(303);
    expect(all("SELECT organisation_id, stage FROM referrals WHERE participant_id = ?", participant)).toEqual([
      { organisation_id: one<{ organisation_id: number }>("SELECT organisation_id FROM stage_partners WHERE id = ?", shopee).organisation_id, stage: "marketing" },
    ]);
    // Another district's mentor cannot refer this participant at all.
    const gambirMentor = await signIn(server.url, "mentor.gambir@pas.demo");
    expect((await get(server.url, `/peserta/${participant}/rujuk`, gambirMentor)).status).toBe(404);
    expect((await postForm(server.url, `/peserta/${participant}/rujuk`, { stagePartnerId: String(shopee) }, { cookie: gambirMentor })).status).toBe(404);
    console.log("referrals over HTTP: 3 refusals (400, rows changed: 0), 1 accepted, other district 404 twice");
  });

  it("lets coordinators manage organisations: create, refuse a taken name with the typed values kept, add an agreement shown as expired", async () => {
    const cookie = cookies["koordinator@pas.demo"];
    const count = () => one<{ n: number }>("SELECT count(*) AS n FROM organisations").n;
    const before = count();
    const taken = await postForm(server.url, "/organisasi", { intent: "organisation", name: "bank dki", kind: "bank", contactName: "Budi" }, { cookie });
    expect(taken.status).toBe(400);
    const takenHtml = await taken.text();
    expect(takenHtml).toContain("Nama organisasi ini sudah ada.");
    expect(takenHtml).toContain('value="Budi"');
    const invalid = await postForm(server.url, "/organisasi", { intent: "organisation", name: "", kind: "castle" }, { cookie });
    expect(invalid.status).toBe(400);
    expect(count()).toBe(before);

    const created = await postForm(server.url, "/organisasi", { intent: "organisation", name: "Komunitas UMKM Timur", kind: "community" }, { cookie });
    expect(created.status).toBe(303);
    const id = Number(created.headers.get("location")!.split("/").pop());
    const agreement = new URLSearchParams({ intent: "agreement", kind: "mou", number: "MoU/9/2023", signedOn: "2023-01-01", validUntil: "2024-01-01" });
    agreement.append("stages", "training");
    agreement.append("stages", "marketing");
    const added = await fetch(`${server.url}/organisasi/${id}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body: agreement,
    });
    expect(added.status).toBe(303);
    expect(one("SELECT stages, districts, valid_until FROM agreements WHERE organisation_id = ?", id)).toEqual({
      stages: '["training","marketing"]',
      districts: null,
      valid_until: "2024-01-01",
    });
    const page = await (await get(server.url, `/organisasi/${id}`, cookie)).text();
    expect(page).toContain("Berakhir");
    // With only an expired agreement there is nothing to attach under.
    expect(page).toContain("Tambahkan perjanjian yang masih berlaku dulu");
    const expiredId = one<{ id: number }>("SELECT id FROM agreements WHERE organisation_id = ?", id).id;
    const validAgreement = new URLSearchParams({ intent: "agreement", kind: "pks", number: "PKS/10/2026", signedOn: "2026-01-01", validUntil: "2099-12-31", stages: "training" });
    const cakung = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Cakung'").id;
    validAgreement.append("districts", String(cakung));
    expect((await postForm(server.url, `/organisasi/${id}`, Object.fromEntries(validAgreement), { cookie })).status).toBe(303);
    const validId = one<{ id: number }>("SELECT id FROM agreements WHERE organisation_id = ? AND valid_until = '2099-12-31'", id).id;
    expect(one<{ districts: string }>("SELECT districts FROM agreements WHERE id = ?", validId).districts).toBe(`[${cakung}]`);
    const gambir = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Gambir'").id;
    for (const [fields, message] of [
      [{ stage: "training", agreementId: String(expiredId) }, "Perjanjian ini sudah berakhir."],
      [{ stage: "marketing", agreementId: String(validId) }, "Perjanjian ini tidak mencakup tahap tersebut."],
      [{ stage: "training", agreementId: String(validId), districtId: String(gambir) }, "Perjanjian ini tidak mencakup kecamatan tersebut."],
    ] as const) {
      const refused = await postForm(server.url, `/organisasi/${id}`, { intent: "attach", offer: "Kelas", ...fields }, { cookie });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(message);
    }
    expect(one<{ n: number }>("SELECT count(*) AS n FROM stage_partners WHERE organisation_id = ?", id).n).toBe(0);
    const attached = await postForm(server.url, `/organisasi/${id}`, { intent: "attach", stage: "training", agreementId: String(validId), offer: "Kelas tata boga" }, { cookie });
    expect(attached.status).toBe(303);
    expect(one("SELECT stage, district_id, offer FROM stage_partners WHERE organisation_id = ?", id)).toEqual({ stage: "training", district_id: null, offer: "Kelas tata boga" });
    console.log("organisations over HTTP: 2 create refusals, 3 attach refusals (rows changed: 0), created, 2 agreements, 1 attachment");
    // Mentors have no organisation pages.
    expect((await get(server.url, `/organisasi/${id}`, cookies["mentor.cakung@pas.demo"])).status).toBe(404);
  });
});
