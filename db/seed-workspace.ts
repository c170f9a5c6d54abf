// Demo data for the mentors' workspace: Siti Rahmawati (umkm@pas.demo) also registered with the second
// agency (so her page shows who else serves her), and Sari's day ("Hari ini"): stall notes on a few of
// her stalled participants (a follow-up due today, one overdue), three participants who stalled this
// week, two registrations waiting for her verification, a financial report an entrepreneur sent
// herself, and a participant handed to her two days ago. (The partner outcome of her day is recorded
// with the other referrals, seed-partners.ts.)
// Deterministic: its own seeded random source, so it does not shift the main seed's sequence.
import { and, asc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { jakartaDate } from "../app/modules/i18n/jakarta";
import { applyMove, registerParticipant, type EvidenceInput, type RegistrationInput } from "../app/modules/journey/journey.server";
import { isDormant, stallReasons } from "../app/modules/journey/stalled";
import { loadStallSettings } from "../app/modules/journey/stalled.server";
import { submitSelfReport } from "../app/modules/entrepreneur/self-report.server";
import { handOff } from "../app/modules/participants/handoffs.server";
import { decryptNik } from "../app/modules/identity/identity.server";
import type { JourneyEvent } from "../machines/journey";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "../machines/time";
import type { Db } from "./client";
import { seededRandom } from "./random";
import * as t from "./schema";


/** Returns how many participants it added. */
export function seedWorkspace(db: Db, now: number, passwordHash: string): number {
  const rng = seededRandom(7);
  const user = (email: string) => db.select().from(t.users).where(eq(t.users.email, email)).get()!;
  const sari = user("mentor.cakung@pas.demo");
  const siti = db.select().from(t.participants).where(eq(t.participants.userId, user("umkm@pas.demo").id)).get()!;
  const cakung = siti.districtId;
  let added = 0;

  // Siti with the second agency too: the same NIK (by its HMAC), a mentor of that agency in Cakung.
  const other = db
    .select({ mentorId: t.users.id, agencyId: t.users.agencyId })
    .from(t.mentorDistricts)
    .innerJoin(t.users, eq(t.users.id, t.mentorDistricts.mentorId))
    .where(and(eq(t.mentorDistricts.districtId, cakung), ne(t.users.agencyId, siti.agencyId)))
    .orderBy(asc(t.users.id))
    .get();
  if (other?.agencyId != null) {
    const at = now - 40 * DAY;
    const p = registerParticipant(
      db,
      {
        fullName: siti.fullName,
        nik: decryptNik(siti.nikCipher),
        phone: "081298765432",
        track: "pemula",
        domicileBasis: "ktp_dki",
        channel: "office",
        businessName: "Katering Rahma",
        sector: "kuliner",
        documentsStatement: "Rencana usaha terlampir",
        districtId: cakung,
        agencyId: other.agencyId,
        mentorId: other.mentorId,
        entryTurnover: 4_000_000,
        entryAssets: 10_000_000,
        entryWorkers: 1,
        entryHasNib: false,
      },
      other.mentorId,
      at,
    );
    const verified = applyMove(db, { participantId: p.participantId, expectedVersion: p.version, event: { type: "VERIFY" }, actorUserId: other.mentorId, at: at + 3 * DAY });
    applyMove(db, { participantId: p.participantId, expectedVersion: verified.version, event: { type: "START", stage: "mentoring" }, actorUserId: other.mentorId, at: at + 6 * DAY });
    added++;
  }

  added += seedSarisDay(db, now, sari.id, siti.agencyId, passwordHash);

  // Stall notes on three of Sari's stalled participants (by the stall rule itself), longest idle first.
  const settings = loadStallSettings(db);
  const sariDistricts = db.select({ id: t.mentorDistricts.districtId }).from(t.mentorDistricts).where(eq(t.mentorDistricts.mentorId, sari.id));
  const stalled = db
    .select()
    .from(t.participants)
    .where(and(inArray(t.participants.districtId, sariDistricts), eq(t.participants.mentorId, sari.id), eq(t.participants.status, "active")))
    .orderBy(asc(t.participants.lastActivityAt), asc(t.participants.id))
    .all()
    .filter((p) => stallReasons(p, settings, now).length > 0)
    .slice(0, 3);
  const notes = [
    { waitsOn: "bank", followUpDays: 5, note: "Menunggu keputusan kredit dari Bank DKI." },
    { waitsOn: "entrepreneur", followUpDays: -3, note: "Belum mengirim laporan omset bulan lalu." },
    { waitsOn: "partner", followUpDays: 0, note: null },
  ] as const;
  stalled.forEach((row, i) => {
    const spec = notes[i]!;
    db.insert(t.stallNotes)
      .values({
        participantId: row.id,
        waitsOn: spec.waitsOn,
        followUpOn: jakartaDate(now + spec.followUpDays * DAY),
        note: spec.note,
        recordedBy: sari.id,
        recordedAt: now - rng.int(4, 10) * DAY,
      })
      .run();
  });

  // One participant handed to Cakung (to Sari) two days ago from another district of Jakarta Timur,
  // through the same verb the handoff form uses: someone still in touch (not dormant), nothing
  // recorded since.
  const moved = db
    .select({
      id: t.participants.id,
      version: t.participants.version,
      districtId: t.participants.districtId,
      mentorId: t.participants.mentorId,
      status: t.participants.status,
      lastActivityAt: t.participants.lastActivityAt,
    })
    .from(t.participants)
    .innerJoin(t.districts, eq(t.districts.id, t.participants.districtId))
    .where(
      and(
        eq(t.participants.agencyId, siti.agencyId),
        eq(t.participants.status, "active"),
        eq(t.districts.cityId, db.select({ cityId: t.districts.cityId }).from(t.districts).where(eq(t.districts.id, cakung))),
        sql`${t.participants.districtId} NOT IN (SELECT district_id FROM mentor_districts WHERE mentor_id = ${sari.id})`,
      ),
    )
    .orderBy(asc(t.participants.id))
    .all()
    .find((p) => !isDormant(p, settings, now) && p.lastActivityAt < now - 2 * DAY);
  if (moved) {
    handOff(db, {
      participantId: moved.id,
      actorUserId: moved.mentorId ?? sari.id,
      value: {
        districtId: cakung,
        mentorId: sari.id,
        reason: "Pindah domisili dan tempat usaha ke Cakung.",
        version: moved.version,
        fromDistrictId: moved.districtId,
        fromMentorId: moved.mentorId ?? undefined,
      },
      now: now - 2 * DAY,
    });
  }
  return added;
}

const SARIS_PEOPLE = {
  newlyStalled: [
    { fullName: "Wulan Permata", businessName: "Dapur Wulan", sector: "kuliner", stalledDaysAgo: 1 },
    { fullName: "Agus Setiawan", businessName: "Kebun Agus", sector: "pertanian_perkotaan", stalledDaysAgo: 3 },
    { fullName: "Maya Susanti", businessName: "Butik Maya", sector: "fesyen", stalledDaysAgo: 5 },
  ],
  toVerify: [
    { fullName: "Tuti Maharani", businessName: "Kriya Tuti", sector: "kriya", daysAgo: 1 },
    { fullName: "Irfan Nasution", businessName: "Jasa Irfan", sector: "jasa", daysAgo: 2 },
  ],
  selfReporting: { fullName: "Ratna Halim", businessName: "Toko Ratna", sector: "perdagangan", email: "umkm.ratna@pas.demo", phone: "081298760002" },
} as const;

/**
 * The items of Sari's "Hari ini" that the main seed leaves to chance, made on purpose in her running
 * cohorts (Pulo Gadung's and Cakung's), every move through the journey service. Returns how many
 * participants it added.
 */
function seedSarisDay(db: Db, now: number, sariId: number, agencyId: number, passwordHash: string): number {
  const today = jakartaDate(now);
  const running = (district: string) =>
    db
      .select({ id: t.cohorts.id, districtId: t.cohorts.districtId, intakeDate: t.cohorts.intakeDate })
      .from(t.cohorts)
      .innerJoin(t.districts, eq(t.districts.id, t.cohorts.districtId))
      .where(and(eq(t.districts.name, district), eq(t.cohorts.agencyId, agencyId), gte(t.cohorts.plannedEndOn, today)))
      .orderBy(asc(t.cohorts.intakeDate))
      .get()!;
  const puloGadung = running("Pulo Gadung");
  const cakung = running("Cakung");
  let serial = 0;
  const register = (
    cohort: { id: number; districtId: number },
    person: { fullName: string; businessName: string; sector: string },
    at: number,
    extra: Partial<RegistrationInput> = {},
  ) => {
    // NIKs of Jakarta Timur (31 72), women's birth days (41–71), serials of their own.
    const nik = `317205${45 + serial}0388${String(9101 + serial++)}`;
    const p = registerParticipant(
      db,
      {
        ...person,
        nik,
        phone: `08138877${String(1000 + serial)}`,
        track: "pemula",
        domicileBasis: "ktp_dki",
        channel: "web",
        documentsStatement: "Rencana usaha terlampir",
        districtId: cohort.districtId,
        agencyId,
        cohortId: cohort.id,
        mentorId: sariId,
        entryTurnover: 3_000_000 + serial * 500_000,
        entryAssets: 8_000_000,
        entryWorkers: 1,
        entryHasNib: false,
        ...extra,
      },
      extra.userId ?? sariId,
      at,
    );
    let version = p.version;
    const move = (event: JourneyEvent, moveAt: number, evidence?: EvidenceInput) => {
      version = applyMove(db, { participantId: p.participantId, expectedVersion: version, event, actorUserId: sariId, at: moveAt, evidence }).version;
    };
    return { participantId: p.participantId, move };
  };
  const hour = (h: number) => h * HOUR;

  // Stalled this week: P2 started 45 days (the inactivity limit) and a few more ago, nothing since.
  for (const person of SARIS_PEOPLE.newlyStalled) {
    const started = now - (45 + person.stalledDaysAgo) * DAY - hour(2);
    const { move } = register(puloGadung, person, started - 12 * DAY);
    move({ type: "VERIFY" }, started - 9 * DAY);
    move({ type: "START", stage: "training" }, started);
  }

  // Registered at the district office in the last days, waiting for Sari to check the documents.
  for (const person of SARIS_PEOPLE.toVerify) register(cakung, person, now - person.daysAgo * DAY + hour(3), { channel: "office" });

  // An entrepreneur with her own account, P2 done and P6 under way: she sent last month's report herself.
  const spec = SARIS_PEOPLE.selfReporting;
  const user = db
    .insert(t.users)
    .values({ email: spec.email, name: spec.fullName, role: "entrepreneur", passwordHash, phone: spec.phone })
    .returning()
    .get();
  const joined = now - 120 * DAY;
  const ratna = register(puloGadung, spec, joined, { userId: user.id, phone: spec.phone });
  ratna.move({ type: "VERIFY" }, joined + 2 * DAY);
  ratna.move({ type: "START", stage: "training" }, joined + 9 * DAY);
  const trained = joined + 23 * DAY;
  ratna.move({ type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" }, trained, {
    details: { topic: "Pencatatan keuangan", skill: "soft" },
    occurredOn: jakartaDate(trained),
    organisationId: null,
  });
  ratna.move({ type: "COMPLETE", stage: "training" }, trained + 2 * DAY);
  ratna.move({ type: "START", stage: "financial_reporting" }, now - 60 * DAY);
  const reported = now - 30 * DAY;
  ratna.move({ type: "RECORD_EVIDENCE", stage: "financial_reporting", kind: "financial_report" }, reported, {
    details: { period: jakartaDate(now - 55 * DAY).slice(0, 7), turnover: 6_500_000, assets: 9_000_000, workers: 1 },
    occurredOn: jakartaDate(reported),
    organisationId: null,
  });
  const form = new FormData();
  form.set("period", jakartaDate(now - 15 * DAY).slice(0, 7));
  form.set("turnover", "7.250.000");
  form.set("assets", "9.500.000");
  form.set("workers", "2");
  const sent = submitSelfReport(db, user.id, form, now - DAY + hour(5));
  if (!sent.ok) throw new Error(`the demo self-report was refused: ${JSON.stringify(sent.result)}`);

  return SARIS_PEOPLE.newlyStalled.length + SARIS_PEOPLE.toVerify.length + 1;
}
