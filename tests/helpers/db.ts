// A fresh SQLite file built from the real migrations, for one test file.
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import { openDatabase, type Db } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import * as t from "../../db/schema";
import { registerParticipant, type RegistrationInput } from "../../app/modules/journey/journey.server";

export const TMP_DIR = resolve("tests/.tmp");

export function tempDbPath(label: string): string {
  mkdirSync(TMP_DIR, { recursive: true });
  return join(TMP_DIR, `${label}-${randomUUID()}.sqlite`);
}

export function removeDbFiles(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  // The database's file store (app/modules/files/config.server.ts), when the server made one.
  rmSync(`${path}-files`, { recursive: true, force: true });
}

/** A migrated, empty database with one region, two districts, an agency and a mentor. */
export function freshDatabase(label: string) {
  const path = tempDbPath(label);
  const db = openDatabase(path);
  migrateDatabase(db);
  const region = db.insert(t.regions).values({ name: "DKI Jakarta", provinceCode: "31" }).returning().get();
  const city = db.insert(t.cities).values({ regionId: region.id, name: "Jakarta Timur" }).returning().get();
  const district = db.insert(t.districts).values({ cityId: city.id, name: "Cakung" }).returning().get();
  const otherDistrict = db.insert(t.districts).values({ cityId: city.id, name: "Matraman" }).returning().get();
  const agency = db.insert(t.agencies).values({ code: "A1", name: "Agency One" }).returning().get();
  const otherAgency = db.insert(t.agencies).values({ code: "A2", name: "Agency Two" }).returning().get();
  const mentor = db
    .insert(t.users)
    .values({ email: "m@test", name: "Mentor", role: "mentor", passwordHash: "x", agencyId: agency.id })
    .returning()
    .get();
  let serial = 0;
  /** Registers a participant; every call gets a new valid NIK unless one is given. */
  const register = (overrides: Partial<RegistrationInput> = {}, at = Date.UTC(2026, 0, 5)) => {
    serial++;
    return registerParticipant(
      db,
      {
        fullName: `Peserta ${serial}`,
        nik: `317201550890${String(serial).padStart(4, "0")}`,
        phone: "081200000000",
        track: "pemula",
        domicileBasis: "ktp_dki",
        channel: "office",
        businessName: `Usaha ${serial}`,
        sector: "kuliner",
        documentsStatement: "Rencana usaha",
        districtId: district.id,
        agencyId: agency.id,
        mentorId: mentor.id,
        // A full baseline, so that P1 can be verified (tests of the baseline itself override it).
        entryTurnover: 5_000_000,
        entryAssets: 20_000_000,
        entryWorkers: 2,
        entryHasNib: false,
        ...overrides,
      },
      mentor.id,
      at,
    );
  };
  const close = () => {
    db.$client.close();
    removeDbFiles(path);
  };
  return { db, path, district, otherDistrict, agency, otherAgency, mentor, register, close };
}

/** Everything a refused move must leave untouched. */
export function journeyFingerprint(db: Db, participantId: number) {
  return JSON.stringify({
    row: db.$client.prepare("SELECT * FROM participants WHERE id = ?").get(participantId),
    log: db.$client.prepare("SELECT count(*) AS n, max(id) AS last FROM transition_log").get(),
    evidence: db.$client.prepare("SELECT count(*) AS n FROM stage_evidence").get(),
  });
}
