// Demo data for the mentors' workspace: Siti Rahmawati (umkm@pas.demo) also registered with the second
// agency (so her page shows who else serves her), stall notes on a few of Sari's stalled
// participants (one follow-up already overdue), and one participant handed to Cakung from elsewhere.
// Deterministic: its own seeded random source, so it does not shift the main seed's sequence.
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { applyMove, registerParticipant } from "../app/modules/journey/journey.server";
import { stalledCondition } from "../app/modules/journey/stalled.server";
import { handOff } from "../app/modules/participants/handoffs.server";
import { decryptNik } from "../app/modules/participants/identity.server";
import type { Db } from "./client";
import { seededRandom } from "./random";
import * as t from "./schema";

const DAY = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Returns how many participants it added. */
export function seedWorkspace(db: Db, now: number): number {
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
      },
      other.mentorId,
      at,
    );
    const verified = applyMove(db, { participantId: p.participantId, expectedVersion: p.version, event: { type: "VERIFY" }, actorUserId: other.mentorId, at: at + 3 * DAY });
    applyMove(db, { participantId: p.participantId, expectedVersion: verified.version, event: { type: "START", stage: "mentoring" }, actorUserId: other.mentorId, at: at + 6 * DAY });
    added++;
  }

  // Stall notes on three of Sari's stalled participants.
  const sariDistricts = db.select({ id: t.mentorDistricts.districtId }).from(t.mentorDistricts).where(eq(t.mentorDistricts.mentorId, sari.id));
  const stalled = db
    .select({ id: t.participants.id })
    .from(t.participants)
    .where(and(inArray(t.participants.districtId, sariDistricts), eq(t.participants.agencyId, siti.agencyId), stalledCondition(now)))
    .orderBy(asc(t.participants.lastActivityAt))
    .limit(3)
    .all();
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
        followUpOn: isoDay(now + spec.followUpDays * DAY),
        note: spec.note,
        recordedBy: sari.id,
        recordedAt: now - rng.int(4, 10) * DAY,
      })
      .run();
  });

  // One participant handed to Cakung (to Sari) from another district of Jakarta Timur, through the
  // same verb the handoff form uses.
  const moved = db
    .select({ id: t.participants.id, version: t.participants.version, districtId: t.participants.districtId, mentorId: t.participants.mentorId })
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
    .get();
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
      now: now - 12 * DAY,
    });
  }
  return added;
}
