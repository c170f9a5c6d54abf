// Importing registrations from CSV: every bad row reported with its line, all or nothing, idempotent
// on NIK, and the same rows as the journey service's registerParticipant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { registerParticipant, replayJourney, type RegistrationInput } from "../../app/modules/journey/journey.server";
import { decryptNik } from "../../app/modules/identity/identity.server";
import { importRegistrations, problemsCsv } from "../../app/modules/transfer/import.server";
import { IMPORT_COLUMN_NAMES } from "../../app/modules/transfer/import-format";
import { serverI18n } from "../../app/modules/i18n/i18n.server";
import { freshDatabase } from "../helpers/db";
import { csvOf, validImportCsv, validNik, validRow } from "../helpers/import-rows";

const AT = Date.UTC(2026, 2, 2, 3, 0);
const translate = serverI18n("id").t as unknown as (key: string, values?: Record<string, unknown>) => string;

let env: ReturnType<typeof freshDatabase>;
let coordinator: { id: number; cityId: number | null };
let cityCoordinator: { id: number; cityId: number | null };
let otherCityDistrict: string;

function counts() {
  const n = (table: string) => (env.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { participants: n("participants"), log: n("transition_log"), evidence: n("stage_evidence"), audit: n("audit_log") };
}

beforeAll(() => {
  env = freshDatabase("import");
  const { db } = env;
  db.insert(t.mentorDistricts).values({ mentorId: env.mentor.id, districtId: env.district.id }).run();
  const region = db.select().from(t.regions).get()!;
  const otherCity = db.insert(t.cities).values({ regionId: region.id, name: "Jakarta Pusat" }).returning().get();
  otherCityDistrict = db.insert(t.districts).values({ cityId: otherCity.id, name: "Gambir" }).returning().get().name;
  const add = (email: string, cityId: number | null) =>
    db.insert(t.users).values({ email, name: email, role: "coordinator", passwordHash: "x", cityId }).returning().get();
  const province = add("prov@test", null);
  coordinator = { id: province.id, cityId: null };
  const city = add("city@test", env.district.cityId);
  cityCoordinator = { id: city.id, cityId: city.cityId };
});
afterAll(() => env.close());

describe("dry run", () => {
  it("reports every bad row with its line and reason, and changes nothing", () => {
    const header = [...IMPORT_COLUMN_NAMES];
    const row = (i: number, change: Record<string, string> = {}) => {
      const cells = validRow(i, ["Cakung"]);
      for (const [column, value] of Object.entries(change)) cells[header.indexOf(column as never)] = value;
      return cells;
    };
    const rows = [
      row(1), // line 2: fine
      row(2, { nik: "3172015508900" }), // 3: too short
      row(3, { nik: "9972015508900001" }), // 4: unknown province
      row(4, { nik: "3172013508900001" }), // 5: birth day 35
      row(5, { nik: "3172011513900001" }), // 6: birth month 13
      row(6, { kecamatan: "Atlantis" }), // 7: unknown district
      row(7, { nik: validNik(1) }), // 8: same NIK as line 2
      row(8, { nama_lengkap: "x".repeat(121) }), // 9: too long
      row(9, { nama_lengkap: "=cmd|' /C calc'!A0" }), // 10: formula
      row(10, { nama_usaha: "@SUM(A1)" }), // 11: formula
      row(11, { jalur: "" }), // 12: missing track
      row(12).slice(0, 5), // 13: missing fields
      row(13, { rencana_usaha: "mungkin" }), // 14: not yes/no
      row(14, { kecamatan: otherCityDistrict }), // 15: fine for the province, outside for a city coordinator
    ];
    const before = counts();
    const { report, allProblems } = importRegistrations(env.db, coordinator, { fileName: "bad.csv", text: csvOf(rows), agencyId: env.agency.id, dryRun: true, at: AT });
    const byLine = new Map<number, string[]>();
    for (const p of allProblems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p.message]);
    expect(byLine.get(3)).toEqual(["registration.nik.length"]);
    expect(byLine.get(4)).toEqual(["registration.nik.province"]);
    expect(byLine.get(5)).toEqual(["registration.nik.birthDay"]);
    expect(byLine.get(6)).toEqual(["registration.nik.birthMonth"]);
    expect(byLine.get(7)).toEqual(["transfer.import.problem.districtUnknown"]);
    expect(byLine.get(8)).toEqual(["transfer.import.problem.duplicateInFile"]);
    expect(byLine.get(9)).toEqual(["validation.tooLong"]);
    expect(byLine.get(10)).toEqual(["transfer.import.problem.formula"]);
    expect(byLine.get(11)).toEqual(["transfer.import.problem.formula"]);
    expect(byLine.get(12)).toEqual(["validation.choose"]);
    expect(byLine.get(13)).toEqual(["transfer.import.problem.fieldCount"]);
    expect(byLine.get(14)).toEqual(["transfer.import.problem.yesNo"]);
    expect(byLine.has(2)).toBe(false);
    expect(byLine.has(15)).toBe(false);
    expect(report).toMatchObject({ rows: 14, problemCount: 12, added: 2, alreadyPresent: 0, imported: false }); // lines 2 and 15 are good
    expect(counts()).toEqual(before);

    // Every problem is in the downloadable list, translated, one line each.
    const csv = problemsCsv(allProblems, translate);
    expect(csv.trim().split("\r\n")).toHaveLength(1 + 12);
    expect(csv).toContain("NIK harus tepat 16 angka.");
    expect(csv).toContain("NIK sama dengan baris 2.");

    // A city coordinator may not import into another city's district.
    const city = importRegistrations(env.db, cityCoordinator, { fileName: "bad.csv", text: csvOf(rows), agencyId: env.agency.id, dryRun: true, at: AT });
    expect(city.allProblems.filter((p) => p.line === 15).map((p) => p.message)).toEqual(["transfer.import.problem.districtOutside"]);
    console.log(`dry run: ${report.rows} rows, ${report.problemCount} problems on ${byLine.size} lines, rows changed: ${JSON.stringify(counts()) === JSON.stringify(before) ? 0 : "some"}`);
  });

  it("names missing columns once, for the whole file", () => {
    const text = "nama_lengkap,nik\nSiti,3172015508900001\n";
    const { report, allProblems } = importRegistrations(env.db, coordinator, { fileName: "x.csv", text, agencyId: env.agency.id, dryRun: true });
    expect(allProblems).toEqual([
      { line: 1, column: null, message: "transfer.import.problem.missingColumns", values: { columns: "telepon, jalur, nama_usaha, sektor, kecamatan" } },
    ]);
    expect(report.added).toBe(0);
  });

  it("reads semicolon-separated files (Excel in Indonesian)", () => {
    const text = validImportCsv(3, ["Cakung"], 900).replace(/,/g, ";");
    const { report } = importRegistrations(env.db, coordinator, { fileName: "x.csv", text, agencyId: env.agency.id, dryRun: true });
    expect(report).toMatchObject({ rows: 3, problemCount: 0, added: 3 });
  });
});

describe("the real import", () => {
  it("imports nothing when any row is bad", () => {
    const rows = [validRow(101, ["Cakung"]), validRow(102, ["Cakung"]), validRow(103, ["Atlantis"])];
    const before = counts();
    const { report } = importRegistrations(env.db, coordinator, { fileName: "one-bad.csv", text: csvOf(rows), agencyId: env.agency.id, dryRun: false });
    expect(report).toMatchObject({ imported: false, added: 0, problemCount: 1 });
    expect(counts()).toEqual(before);
  });

  it("adds a file once: the second run skips every NIK already there", () => {
    const text = validImportCsv(2_000, ["Cakung", "Matraman"], 1_000);
    const before = counts();
    const dry = importRegistrations(env.db, coordinator, { fileName: "reg.csv", text, agencyId: env.agency.id, dryRun: true });
    expect(dry.report).toMatchObject({ added: 2_000, alreadyPresent: 0 });
    expect(counts()).toEqual(before);

    const started = performance.now();
    const first = importRegistrations(env.db, coordinator, { fileName: "reg.csv", text, agencyId: env.agency.id, dryRun: false, at: AT });
    const ms = performance.now() - started;
    expect(first.report).toMatchObject({ imported: true, added: 2_000, alreadyPresent: 0 });
    const after = counts();
    expect(after.participants - before.participants).toBe(2_000);
    expect(after.log - before.log).toBe(4_000);
    expect(after.evidence - before.evidence).toBe(2_000);

    const second = importRegistrations(env.db, coordinator, { fileName: "reg.csv", text, agencyId: env.agency.id, dryRun: false, at: AT });
    expect(second.report).toMatchObject({ imported: true, added: 0, alreadyPresent: 2_000 });
    expect(counts().participants).toBe(after.participants);

    // The audit log says who imported which file and how many, and holds no NIK or phone.
    const audit = env.db.select().from(t.auditLog).all().filter((e) => e.action === "import");
    expect(audit.map((e) => e.detail)).toEqual([
      { fileName: "reg.csv", agencyId: env.agency.id, rows: 2_000, added: 2_000, skipped: 0 },
      { fileName: "reg.csv", agencyId: env.agency.id, rows: 2_000, added: 0, skipped: 2_000 },
    ]);
    expect(audit.every((e) => e.actorUserId === coordinator.id)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(validNik(1_000));

    // Imported people start in P1 submitted, on the import channel, with their district's mentor.
    const imported = env.db.$client
      .prepare("SELECT p1_state, status, channel, mentor_id, district_id, count(*) AS n FROM participants WHERE channel = 'import' GROUP BY 1, 2, 3, 4, 5 ORDER BY district_id")
      .all();
    expect(imported).toEqual([
      { p1_state: "submitted", status: "active", channel: "import", mentor_id: env.mentor.id, district_id: env.district.id, n: 1_000 },
      { p1_state: "submitted", status: "active", channel: "import", mentor_id: null, district_id: env.otherDistrict.id, n: 1_000 },
    ]);
    console.log(`2,000-row import: ${Math.round(ms)} ms (${Math.round(2_000 / (ms / 1000))} rows/s); second run added 0, skipped 2,000`);
  });

  it("writes exactly the rows registerParticipant writes", () => {
    const i = 50_001; // a naik kelas row
    const cells = validRow(i, ["Cakung"]);
    // The dashboard's counters move alike: each path adds one P1 entry in the district's month.
    const counters = () => env.db.$client.prepare("SELECT * FROM stage_month_counts ORDER BY district_id, stage, month").all();
    const countersBefore = counters();
    const { report } = importRegistrations(env.db, coordinator, { fileName: "one.csv", text: csvOf([cells]), agencyId: env.agency.id, dryRun: false, at: AT });
    expect(report.added).toBe(1);
    const countersAfterImport = counters();
    expect(countersAfterImport).not.toEqual(countersBefore);
    const sqlite = env.db.$client;
    const imported = sqlite.prepare("SELECT * FROM participants WHERE nik_last4 = ? AND agency_id = ?").get(validNik(i).slice(-4), env.agency.id) as Record<string, unknown>;

    // The same person through the journey service, with the other agency (one NIK per agency).
    const input: RegistrationInput = {
      fullName: `Peserta Impor ${i}`,
      nik: validNik(i),
      phone: cells[2]!,
      track: "naik_kelas",
      domicileBasis: "ktp_dki",
      channel: "import" as RegistrationInput["channel"],
      businessName: cells[4]!,
      sector: cells[5]!,
      documentsStatement: "Menyatakan memiliki rencana pengembangan usaha dan bukti kepemilikan usaha.",
      districtId: env.district.id,
      agencyId: env.otherAgency.id,
      mentorId: env.mentor.id,
    };
    const undoImportCounters = env.db.$client.prepare("UPDATE stage_month_counts SET entered = entered - 1 WHERE district_id = ? AND stage = 'registration'");
    undoImportCounters.run(env.district.id);
    expect(counters()).toEqual(countersBefore);
    const { participantId } = registerParticipant(env.db, input, coordinator.id, AT);
    expect(counters()).toEqual(countersAfterImport);
    const serviced = sqlite.prepare("SELECT * FROM participants WHERE id = ?").get(participantId) as Record<string, unknown>;

    const comparable = (row: Record<string, unknown>) => {
      const { id: _id, nik_cipher, agency_id: _agency, ...rest } = row;
      return { ...rest, nik: decryptNik(String(nik_cipher)) };
    };
    expect(comparable(imported)).toEqual(comparable(serviced));
    const logOf = (id: unknown) =>
      sqlite.prepare("SELECT version, event_type, stage, event, reason, evidence_id IS NOT NULL AS has_evidence, actor_user_id, at, machine_version, rules_version FROM transition_log WHERE participant_id = ? ORDER BY version").all(id);
    expect(logOf(imported.id)).toEqual(logOf(participantId));
    expect(logOf(imported.id)).toHaveLength(2);
    const evidenceOf = (id: unknown) =>
      sqlite.prepare("SELECT e.stage, e.kind, e.details, e.occurred_on, e.organisation_id, e.recorded_by, e.recorded_at, e.status, l.version AS logged_at_version FROM stage_evidence e JOIN transition_log l ON l.evidence_id = e.id WHERE e.participant_id = ?").all(id);
    expect(evidenceOf(imported.id)).toEqual(evidenceOf(participantId));
    // And the log replays to the stored snapshot.
    expect(replayJourney(env.db, Number(imported.id))).toEqual(JSON.parse(String(imported.snapshot)));
    console.log("imported row = registerParticipant's row: participant, 2 log entries, 1 evidence row");
  });
});

describe("large files", () => {
  it("reads a file given in pieces as it reads the whole text: same rows, same problems on the same lines", () => {
    const header = [...IMPORT_COLUMN_NAMES];
    // Over a megabyte (the reader parses about one at a time), with a quoted cell holding a newline
    // and doubled quotes early on, and bad rows far into the file.
    const rows = Array.from({ length: 12_000 }, (_, k) => validRow(200_000 + k, ["Cakung", "Matraman"]));
    rows[10]![header.indexOf("nama_usaha")] = 'Usaha "Dua§Baris"';
    rows[9_000]![header.indexOf("kecamatan")] = "Atlantis";
    rows[11_990]![header.indexOf("nik")] = "123";
    const text = csvOf(rows).replace(/\n/g, "\r\n").replace("§", "\n"); // lines end as Excel ends them
    expect(text.length).toBeGreaterThan(1.2e6);
    const whole = importRegistrations(env.db, coordinator, { fileName: "big.csv", text, agencyId: env.agency.id, dryRun: true });
    // Pieces of an awkward size, cut anywhere (inside cells, inside quotes, between \r and \n).
    const read = function* () {
      for (let at = 0; at < text.length; at += 7_777) yield text.slice(at, at + 7_777);
    };
    const pieces = importRegistrations(env.db, coordinator, { fileName: "big.csv", read, agencyId: env.agency.id, dryRun: true });
    expect(pieces).toEqual(whole);
    // Line numbers count the physical lines, the quoted newline included.
    expect(whole.allProblems.map((p) => [p.line, p.message])).toEqual([
      [9_003, "transfer.import.problem.districtUnknown"],
      [11_993, "registration.nik.length"],
    ]);
    expect(whole.report).toMatchObject({ rows: 12_000, added: 11_998, problemCount: 2 });
  });

  it("a bad row after thousands of good ones writes nothing: the rows already written roll back", () => {
    const rows = Array.from({ length: 3_000 }, (_, k) => validRow(300_000 + k, ["Cakung"]));
    rows[2_900]![IMPORT_COLUMN_NAMES.indexOf("kecamatan")] = "Atlantis";
    const indexes = () => env.db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const indexesBefore = indexes();
    const before = counts();
    const { report } = importRegistrations(env.db, coordinator, { fileName: "late-bad.csv", text: csvOf(rows), agencyId: env.agency.id, dryRun: false });
    expect(report).toMatchObject({ imported: false, added: 0, problemCount: 1, rows: 3_000 });
    expect(report.problems[0]).toMatchObject({ line: 2_902, column: "kecamatan" });
    expect(counts()).toEqual(before);
    expect(indexes()).toEqual(indexesBefore);
  });

  it("a large import leaves the planner's statistics filled and the indexes as the migrations made them", () => {
    const fresh = freshDatabase("import-analyze");
    try {
      const sqlite = fresh.db.$client;
      const indexes = () => sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
      const before = indexes();
      const statTable = () => sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").pluck().get();
      expect(statTable()).toBe(0);
      const text = validImportCsv(3_000, [fresh.district.name, fresh.otherDistrict.name], 400_000);
      const { report } = importRegistrations(fresh.db, { id: null, cityId: null }, { fileName: "big.csv", text, agencyId: fresh.agency.id, dryRun: false });
      expect(report).toMatchObject({ imported: true, added: 3_000 });
      const stats = sqlite.prepare("SELECT tbl, idx, stat FROM sqlite_stat1").all() as { tbl: string; idx: string | null; stat: string }[];
      const participantStats = stats.filter((s) => s.tbl === "participants" && s.idx !== null);
      expect(participantStats.map((s) => s.idx)).toEqual(expect.arrayContaining(["participants_district_list", "participants_agency_nik"]));
      // Each row of sqlite_stat1 starts with the table's row count as ANALYZE saw it.
      expect(participantStats.every((s) => Number(s.stat.split(" ")[0]) === 3_000)).toBe(true);
      expect(stats.some((s) => s.tbl === "transition_log")).toBe(true);
      expect(indexes()).toEqual(before);
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      fresh.close();
    }
  });
});
