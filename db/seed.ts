// The demo database: Jakarta's 44 districts, one account per role, ~2,000 participants in ~40 cohorts
// whose histories are made through the journey service (so every one is a legal journey), and
// partner organisations. Deterministic: the same seed gives the same people and journeys; dates are
// laid out backwards from "now" so that the demo always has fresh and stalled work.
import { recordAllClimbs } from "../app/modules/outcomes/climbs.server";
import { count, eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { applyMove, registerParticipant, type EvidenceInput } from "../app/modules/journey/journey.server";
import { currentRules } from "../app/modules/journey/rules.server";
import { hashPassword } from "../app/modules/auth/password.server";
import { jakartaDate } from "../app/modules/i18n/jakarta";
import type { JourneyEvent } from "../machines/journey";
import { MIDDLE_STAGES, type EvidenceKind, type MiddleStageId, type Track } from "../machines/stages";
import { DAY_MS as DAY } from "../machines/time";
import { LICENCE_TYPES, MARKETING_CHANNELS, type LicenceType } from "../machines/vocabulary";
import type { Db } from "./client";
import * as t from "./schema";
import { seedWorkspace } from "./seed-workspace";
import { seedFollowUpAnswers } from "./seed-follow-ups";
import { DemoBooks, type Baseline, type Books } from "./seed-reports";
import { seedPartnerReferrals } from "./seed-partners";
import { seedGraduateLoans } from "./seed-loans";
import { seedCollaboration } from "./seed-collaboration";
import { FIRST_NAMES, LAST_NAMES, SECTORS, seededRandom, type Random } from "./random";

export const DEMO_PASSWORD = "demo-pas-2026";

export const DEMO_ACCOUNTS = [
  { email: "koordinator@pas.demo", role: "coordinator", who: "Koordinator provinsi (seluruh DKI Jakarta)" },
  { email: "koordinator.jaktim@pas.demo", role: "coordinator", who: "Koordinator kota Jakarta Timur" },
  { email: "mentor.cakung@pas.demo", role: "mentor", who: "Pendamping Sari Wulandari — Cakung, Pulo Gadung" },
  { email: "mentor.gambir@pas.demo", role: "mentor", who: "Pendamping Yusuf Maulana — Gambir, Tanah Abang" },
  { email: "umkm@pas.demo", role: "entrepreneur", who: "Siti Rahmawati, Kue Siti (Cakung)" },
  { email: "mitra@pas.demo", role: "partner", who: "Staf mitra Bank DKI" },
] as const;

/** BPS city codes: digits 3–4 of a Jakarta NIK. */
const CITY_CODES: Record<string, string> = {
  "Kepulauan Seribu": "01",
  "Jakarta Selatan": "71",
  "Jakarta Timur": "72",
  "Jakarta Pusat": "73",
  "Jakarta Barat": "74",
  "Jakarta Utara": "75",
};

/** Default stall limits, in days, per stage (a coordinator changes them later). */
export const DEFAULT_STAGE_LIMITS: Record<string, number> = {
  registration: 14,
  training: 60,
  mentoring: 90,
  licensing: 60,
  marketing: 90,
  financial_reporting: 90,
  capital: 120,
};

export const DEFAULT_SETTINGS: Record<string, string> = {
  stall_inactivity_days: "45",
  cohort_stall_threshold: "0.3",
};

type DistrictRow = { id: number; name: string; city: string; cityCode: string; districtCode: string };

export function readDistrictsCsv(): { city: string; district: string }[] {
  const file = join(dirname(fileURLToPath(import.meta.url)), "jakarta-districts.csv");
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true, trim: true });
}

/** Region, cities and districts from the CSV. Returns the districts with their NIK codes. */
export function seedRegions(db: Db): DistrictRow[] {
  const region = db
    .insert(t.regions)
    .values({ name: "DKI Jakarta", provinceCode: "31" })
    .returning()
    .get();
  const cityIds = new Map<string, number>();
  const perCity = new Map<string, number>();
  const rows: DistrictRow[] = [];
  for (const { city, district } of readDistrictsCsv()) {
    if (!cityIds.has(city)) {
      cityIds.set(city, db.insert(t.cities).values({ regionId: region.id, name: city }).returning().get().id);
    }
    const n = (perCity.get(city) ?? 0) + 1;
    perCity.set(city, n);
    const id = db.insert(t.districts).values({ cityId: cityIds.get(city)!, name: district }).returning().get().id;
    rows.push({ id, name: district, city, cityCode: CITY_CODES[city] ?? "00", districtCode: String(n).padStart(2, "0") });
  }
  return rows;
}

export function seedSettings(db: Db): void {
  for (const [stage, timeLimitDays] of Object.entries(DEFAULT_STAGE_LIMITS)) {
    db.insert(t.stageSettings).values({ stage, timeLimitDays }).run();
  }
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) db.insert(t.settings).values({ key, value }).run();
  currentRules(db); // writes the default journey rules as version 1
}

/** A structurally valid Jakarta NIK for a person of this district, unique by its serial. */
export function makeNik(rng: Random, district: DistrictRow, serial: number, female: boolean): string {
  const day = rng.int(1, 28) + (female ? 40 : 0);
  const month = rng.int(1, 12);
  const year = rng.int(60, 99) % 100;
  return `31${district.cityCode}${district.districtCode}${String(day).padStart(2, "0")}${String(month).padStart(2, "0")}${String(year).padStart(2, "0")}${String(serial % 10_000).padStart(4, "0")}`;
}

/** How long a cohort runs unless a coordinator says otherwise (the cohort length setting's default). */
export const COHORT_LENGTH_MONTHS = 12;

/** A cohort's planned end: its intake plus the cohort length, as SQLite's date(intake, '+12 months') gives it. */
export function cohortPlannedEnd(intakeDate: string, months = COHORT_LENGTH_MONTHS): string {
  const end = new Date(`${intakeDate}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + months);
  return end.toISOString().slice(0, 10);
}

type CohortRow = { id: number; district: DistrictRow; intake: number; health: CohortHealth };

/** Walks one participant through the service, moving the clock forward; stops at "now". */
class JourneyWalk {
  version: number;
  at: number;
  constructor(
    private db: Db,
    readonly participantId: number,
    version: number,
    at: number,
    private actor: number | null,
    readonly now: number,
    private rng: Random,
  ) {
    this.version = version;
    this.at = at;
  }

  /** Advances the clock by a few days; false when that would pass "now" (the journey pauses there). */
  wait(minDays: number, maxDays: number): boolean {
    const next = this.at + this.rng.int(minDays, maxDays) * DAY + this.rng.int(0, 8 * 3600) * 1000;
    if (next >= this.now) return false;
    this.at = next;
    return true;
  }

  /** Whether the clock is within the last `days` days before "now". */
  recent(days: number): boolean {
    return this.at > this.now - days * DAY;
  }

  /** Jumps to a recent day (within maxDaysAgo of "now"), if that is later than the clock. */
  jumpToRecent(maxDaysAgo: number): boolean {
    const recent = this.now - this.rng.int(1, maxDaysAgo) * DAY;
    if (recent <= this.at) return false;
    this.at = recent;
    return true;
  }

  move(event: JourneyEvent, evidence?: EvidenceInput): void {
    const result = applyMove(this.db, {
      participantId: this.participantId,
      expectedVersion: this.version,
      event,
      actorUserId: this.actor,
      at: this.at,
      evidence,
    });
    this.version = result.version;
  }
}

/** Who issues each kind of licence in Jakarta (the licence's `issuer` in the evidence details). */
const LICENCE_ISSUER: Record<LicenceType, string> = {
  nib: "DPMPTSP DKI Jakarta",
  p_irt: "Dinas Kesehatan DKI Jakarta",
  halal: "BPJPH",
  trademark: "DJKI",
  hki: "DJKI",
};

/** Evidence details follow the contract of stage_evidence.details; `day` is the date it happened. */
const EVIDENCE: Record<MiddleStageId, (rng: Random, day: string) => { kind: EvidenceKind; details: Record<string, unknown> }> = {
  training: (rng) => ({
    kind: "training_attended",
    details: rng.pick([
      { topic: "Pemasaran digital", skill: "soft" },
      { topic: "Manajemen usaha", skill: "soft" },
      { topic: "Tata boga", skill: "hard" },
      { topic: "Menjahit", skill: "hard" },
    ]),
  }),
  mentoring: (rng) => ({
    kind: "mentoring_session",
    details: { topic: rng.pick(["Rencana usaha", "Harga pokok produksi", "Kemasan", "Perizinan"]) },
  }),
  licensing: (rng) => {
    const type = rng.pick(LICENCE_TYPES);
    return { kind: "licence", details: { type, number: String(rng.int(100000, 999999)), issuer: LICENCE_ISSUER[type] } };
  },
  marketing: (rng) => ({
    kind: "marketing_channel",
    details: { channel: rng.pick(MARKETING_CHANNELS) },
  }),
  financial_reporting: (rng, day) => ({
    kind: "financial_report",
    details: {
      // The month just reported.
      period: day.slice(0, 7),
      turnover: rng.int(3, 60) * 1_000_000,
      assets: rng.int(5, 200) * 1_000_000,
      workers: rng.int(1, 12),
    },
  }),
};

function recordEvidence(walk: JourneyWalk, rng: Random, stage: MiddleStageId, books: Books | null = null): void {
  const day = jakartaDate(walk.at);
  const { kind, details } = EVIDENCE[stage](rng, day);
  // A business keeping books reports its own figures (the draws above are taken all the same).
  if (books && stage === "financial_reporting") {
    recordBooks(walk, books);
    return;
  }
  walk.move({ type: "RECORD_EVIDENCE", stage, kind }, { details, occurredOn: day, organisationId: null });
}

/**
 * Monthly books (db/seed-reports.ts): from P3 on, last month's figures are written in the books when the
 * clock enters a new month; from P5's evidence on (`record`), what the books hold is recorded as P6
 * reports (the first one opens P6).
 */
function keepBooks(walk: JourneyWalk, books: Books | null, record: boolean): void {
  if (!books?.monthly) return;
  if (record) recordBooks(walk, books);
  else books.keep(walk.at);
}

function recordBooks(walk: JourneyWalk, books: Books): void {
  const day = jakartaDate(walk.at);
  for (const report of books.due(walk.at)) {
    walk.move({ type: "RECORD_EVIDENCE", stage: "financial_reporting", kind: "financial_report" }, { details: report, occurredOn: day, organisationId: null });
  }
}

/** JakPreneur's funnel (October 2021), as the share of registrants who reached each stage. */
const FUNNEL = { p2: 176_891 / 284_164, p3: 157_498 / 284_164, p4: 148_374 / 284_164, p5: 44_456 / 284_164, p6: 32_883 / 284_164, p7: 6_159 / 284_164 };

/** How many of P2–P6 this participant will have finished (in order), and whether P7 follows. */
function sampleDepth(rng: Random): number {
  const u = rng.next();
  if (u < FUNNEL.p7) return 6;
  if (u < FUNNEL.p6) return 5;
  if (u < FUNNEL.p5) return 4;
  if (u < FUNNEL.p4) return 3;
  if (u < FUNNEL.p3) return 2;
  if (u < FUNNEL.p2) return 1;
  return 0;
}

/**
 * How a cohort's members fare once they stop finishing stages (their "depth" of the funnel):
 * `engaged`: the share still working on their next stage lately; `revived`: of the others, the share a
 * mentor's recent catch-up brought back (they finish the stage they were stuck in, which ends their
 * stall). Whoever is neither drifts: nothing more is recorded, so they stall, and after the dormancy
 * days they turn dormant.
 */
type CohortHealth = { engaged: number; revived: number };

/** A cohort whose planned end has passed: most who did not finish drifted away long ago. */
const CLOSED: CohortHealth = { engaged: 0.1, revived: 0.05 };
/** A running cohort: most keep moving, a few stall. */
const RUNNING: CohortHealth = { engaged: 0.75, revived: 0.08 };
/** A running cohort that holds people up: the ones a coordinator should see first. */
const STRUGGLING: CohortHealth = { engaged: 0.15, revived: 0 };
/** A running cohort whose mentor lately went after the stalled ones: stalls resolved outnumber new ones. */
const CATCHING_UP: CohortHealth = { engaged: 0.75, revived: 0.65 };

const STRUGGLING_DISTRICTS = ["Kemayoran", "Cengkareng", "Pasar Minggu"];
const CATCHING_UP_DISTRICTS = ["Pulo Gadung", "Cilincing", "Kebayoran Baru", "Taman Sari", "Cipayung"];

/** Mentoring sessions P3 needs (the journey rules' default). */
const SESSIONS_NEEDED = 3;

/**
 * Simulates one participant's journey from registration to wherever their depth, their cohort's
 * health or "now" stops it. Every move goes through the journey service, so the history is a legal
 * path of the machine.
 */
function walkJourney(walk: JourneyWalk, rng: Random, track: Track, health: CohortHealth, baseline: Baseline, demoBooks: DemoBooks, lenderId: number): void {
  // P1: verified after a few days, or rejected (some resubmit and are then verified).
  if (!walk.wait(1, 10)) return;
  if (rng.chance(0.06)) {
    walk.move({ type: "REJECT", reason: "Dokumen rencana usaha belum lengkap" });
    if (!rng.chance(0.5) || !walk.wait(3, 20)) return;
    walk.move({ type: "RESUBMIT" });
    if (!walk.wait(1, 7)) return;
  }
  // Registrations of the last days may still wait for the mentor's verification.
  if (walk.recent(10) && rng.chance(0.3)) return;
  walk.move({ type: "VERIFY" });

  const depth = sampleDepth(rng);
  // Who will finish P6 keeps monthly books from P3 on (db/seed-reports.ts), when there is time for it;
  // P6 opens with P5's evidence.
  let books: Books | null = null;
  for (let i = 0; i < MIDDLE_STAGES.length; i++) {
    const stage = MIDDLE_STAGES[i]!;
    const finishing = i < depth;
    if (!walk.wait(3, 40)) return;
    if (i === 1 && depth >= 5) books = demoBooks.open(baseline, walk.at, walk.now);
    keepBooks(walk, books, i === 4);
    // Naik kelas participants often already hold a licence or train elsewhere: waive with a reason.
    // (P6 is never waived: the readiness rule for P7 needs it done.)
    const waiveChance = stage === "licensing" ? 0.6 : stage === "financial_reporting" ? 0 : 0.1;
    if (finishing && track === "naik_kelas" && rng.chance(waiveChance)) {
      walk.move({
        type: "WAIVE",
        stage,
        reason: stage === "licensing" ? "Sudah memiliki NIB" : "Sudah berjalan sebelum program",
      });
      continue;
    }
    const pieces = stage === "mentoring" ? SESSIONS_NEEDED : 1;
    if (!finishing) {
      stopAt(walk, rng, stage, pieces, health);
      break;
    }
    // P6 may be open already: the books' first report opened it.
    if (!(books?.monthly && stage === "financial_reporting")) walk.move({ type: "START", stage });
    for (let n = 0; n < pieces; n++) {
      if (!walk.wait(2, 21)) return;
      keepBooks(walk, books, i >= 3);
      recordEvidence(walk, rng, stage, books);
    }
    if (!walk.wait(0, 5)) return;
    keepBooks(walk, books, i >= 3);
    walk.move({ type: "COMPLETE", stage });
  }

  if (depth === 6) {
    if (!walk.wait(7, 45)) return;
    walk.move({ type: "START", stage: "capital" });
    if (!walk.wait(7, 30)) return;
    const applied = rng.int(5, 50) * 1_000_000;
    walk.move(
      { type: "RECORD_EVIDENCE", stage: "capital", kind: "capital_applied" },
      { details: { lender: "Bank DKI", product: "KUR", amount: applied }, occurredOn: jakartaDate(walk.at), organisationId: lenderId },
    );
    if (!walk.wait(7, 45)) return;
    // The bank disburses what was applied for or less (drawn as it always was: the random stream is unchanged).
    const disbursed = Math.min(applied, rng.int(5, 50) * 1_000_000);
    walk.move(
      { type: "RECORD_EVIDENCE", stage: "capital", kind: "capital_disbursed" },
      { details: { lender: "Bank DKI", product: "KUR", amount: disbursed }, occurredOn: jakartaDate(walk.at), organisationId: lenderId },
    );
    if (!walk.wait(0, 5)) return;
    walk.move({ type: "COMPLETE", stage: "capital" });
    return;
  }

  // Some of those still in the programme are paused or leave.
  if (rng.chance(0.05) && walk.wait(1, 30)) {
    walk.move({ type: "HOLD", reason: rng.pick(["Sakit", "Pindah lokasi usaha sementara", "Mengurus keluarga"]) });
    if (rng.chance(0.3) && walk.wait(10, 40)) walk.move({ type: "RESUME" });
  } else if (rng.chance(0.04) && walk.wait(1, 30)) {
    walk.move({ type: "WITHDRAW", reason: rng.pick(["Usaha ditutup", "Bekerja penuh waktu", "Tidak dapat dihubungi"]) });
  }
}

/** The stage a participant does not finish: still working on it lately, stuck in it and brought back, or drifted away. */
function stopAt(walk: JourneyWalk, rng: Random, stage: MiddleStageId, pieces: number, health: CohortHealth): void {
  if (rng.chance(health.engaged)) {
    // Working on it: started within the last weeks (so within its time limit), some evidence since.
    walk.jumpToRecent(40);
    walk.move({ type: "START", stage });
    const recorded = rng.int(0, pieces - 1);
    for (let n = 0; n < recorded && walk.wait(2, 14); n++) recordEvidence(walk, rng, stage);
    return;
  }
  walk.move({ type: "START", stage });
  let recorded = rng.int(0, pieces - 1);
  for (let n = 0; n < recorded; n++) {
    if (!walk.wait(2, 21)) return;
    recordEvidence(walk, rng, stage);
  }
  // Stalled for a while, then the mentor followed up lately: the missing evidence, and the stage done.
  if (!rng.chance(health.revived) || !walk.jumpToRecent(70)) return;
  for (; recorded < pieces; recorded++) {
    recordEvidence(walk, rng, stage);
    if (!walk.wait(1, 7)) return;
  }
  walk.move({ type: "COMPLETE", stage });
}

export type SeedOptions = { now?: number; participants?: number; seed?: number };
export type SeedSummary = { participants: number; cohorts: number; logEntries: number };

export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const now = options.now ?? Math.floor(Date.now() / DAY) * DAY;
  const total = options.participants ?? 2000;
  const rng = seededRandom(options.seed ?? 20211001);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // Seeding is re-runnable from scratch, so durability per transaction buys nothing here.
  db.$client.pragma("synchronous = OFF");
  try {
    return db.transaction(() => seedAll(db, rng, now, total, passwordHash));
  } finally {
    db.$client.pragma("synchronous = FULL");
  }
}

function seedAll(db: Db, rng: Random, now: number, total: number, passwordHash: string): SeedSummary {
  const districts = seedRegions(db);
  seedSettings(db);
  const byName = (name: string) => districts.find((d) => d.name === name)!;

  const dinas = db.insert(t.agencies).values({ code: "PPKUKM", name: "Dinas PPKUKM DKI Jakarta" }).returning().get();
  const disnaker = db
    .insert(t.agencies)
    .values({ code: "NAKERTRANSGI", name: "Dinas Tenaga Kerja, Transmigrasi dan Energi" })
    .returning()
    .get();

  const addUser = (values: Omit<typeof t.users.$inferInsert, "passwordHash">) =>
    db.insert(t.users).values({ ...values, passwordHash }).returning().get();

  const jakTimur = db.select().from(t.cities).all().find((c) => c.name === "Jakarta Timur")!;
  addUser({ email: "koordinator@pas.demo", name: "Rahmat Hidayat", role: "coordinator" });
  addUser({ email: "koordinator.jaktim@pas.demo", name: "Lina Marlina", role: "coordinator", cityId: jakTimur.id });

  // One Dinas PPKUKM mentor per district; the two demo mentors cover two districts each.
  const mentorOf = new Map<number, number>();
  const assign = (mentorId: number, district: DistrictRow) => {
    db.insert(t.mentorDistricts).values({ mentorId, districtId: district.id }).run();
    mentorOf.set(district.id, mentorId);
  };
  const sari = addUser({ email: "mentor.cakung@pas.demo", name: "Sari Wulandari", role: "mentor", agencyId: dinas.id, phone: "081234560001" });
  assign(sari.id, byName("Cakung"));
  assign(sari.id, byName("Pulo Gadung"));
  const yusuf = addUser({ email: "mentor.gambir@pas.demo", name: "Yusuf Maulana", role: "mentor", agencyId: dinas.id, phone: "081234560002" });
  assign(yusuf.id, byName("Gambir"));
  assign(yusuf.id, byName("Tanah Abang"));
  for (const district of districts) {
    if (mentorOf.has(district.id)) continue;
    const slug = district.name.toLowerCase().replace(/[^a-z]+/g, "-");
    const mentor = addUser({
      email: `mentor.${slug}@pas.demo`,
      name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      role: "mentor",
      agencyId: dinas.id,
      phone: `0812${String(rng.int(10_000_000, 99_999_999))}`,
    });
    assign(mentor.id, district);
  }
  // The second agency serves a few districts too, so that some people are served twice.
  const secondAgencyDistricts = ["Cakung", "Gambir", "Tebet", "Kalideres", "Koja"].map(byName);
  const secondMentors = new Map<number, number>();
  for (const district of secondAgencyDistricts) {
    const mentor = addUser({
      email: `pendamping.${district.name.toLowerCase().replace(/[^a-z]+/g, "-")}@nakertransgi.demo`,
      name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
      role: "mentor",
      agencyId: disnaker.id,
    });
    db.insert(t.mentorDistricts).values({ mentorId: mentor.id, districtId: district.id }).run();
    secondMentors.set(district.id, mentor.id);
  }

  seedPartners(db, addUser);
  // The graduates' loans are Bank DKI's: their capital evidence carries the organisation, as a bank's
  // own staff would record it, so the bank's page lists it under their referral (db/seed-loans.ts).
  const lenderId = db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, "Bank DKI")).get()!.id;

  // 40 cohorts: 20 districts (the demo mentors' four among them), two intakes each. The first began
  // 13 to 28 months ago and has passed its planned end (closed); the second began 1 to 10 months ago
  // and is running.
  const featured = ["Cakung", "Pulo Gadung", "Gambir", "Tanah Abang"].map(byName);
  const others = districts.filter((d) => !featured.includes(d)).filter((_, i) => i % 2 === 0).slice(0, 16);
  const cohortDistricts = [...featured, ...others];
  const cohortRows: CohortRow[] = [];
  cohortDistricts.forEach((district, i) => {
    const closedDaysAgo = 400 + i * 24;
    const runningDaysAgo = 30 + ((i * 13 + 4) % 20) * 15; // shuffled over the districts; Cakung's about 3 months old
    for (const daysAgo of [closedDaysAgo, runningDaysAgo]) {
      const intake = now - daysAgo * DAY;
      const plannedEndOn = cohortPlannedEnd(jakartaDate(intake));
      const health =
        plannedEndOn < jakartaDate(now)
          ? CLOSED
          : STRUGGLING_DISTRICTS.includes(district.name)
            ? STRUGGLING
            : CATCHING_UP_DISTRICTS.includes(district.name)
              ? CATCHING_UP
              : RUNNING;
      const row = db
        .insert(t.cohorts)
        .values({
          // Unique within the district: the intake month tells its two cohorts apart.
          name: `${district.name} ${jakartaDate(intake).slice(0, 7)}`,
          districtId: district.id,
          agencyId: dinas.id,
          intakeDate: jakartaDate(intake),
          plannedEndOn,
          createdAt: intake,
        })
        .returning()
        .get();
      cohortRows.push({ id: row.id, district, intake, health });
    }
  });

  let serial = 1;
  const registerFor = (district: DistrictRow, cohort: CohortRow | null, at: number, agencyId: number, mentorId: number, person?: { fullName: string; nik: string; track: Track; businessName: string; sector: string; userId?: number }) => {
    const female = rng.chance(0.64); // most JakPreneur entrepreneurs are women
    const first = female ? rng.pick(FIRST_NAMES.slice(0, 10).concat(FIRST_NAMES.slice(20, 27))) : rng.pick(FIRST_NAMES.slice(10, 20));
    const sector = rng.pick(SECTORS);
    const fullName = person?.fullName ?? `${first} ${rng.pick(LAST_NAMES)}`;
    const track: Track = person?.track ?? (rng.chance(0.3) ? "naik_kelas" : "pemula");
    const nik = person?.nik ?? makeNik(rng, district, serial++, female);
    let baseline!: Baseline;
    const { participantId, version } = registerParticipant(
      db,
      {
        fullName,
        nik,
        phone: `08${rng.pick(["12", "13", "21", "57", "77", "95"])}${String(rng.int(10_000_000, 99_999_999))}`,
        track,
        domicileBasis: rng.chance(0.92) ? "ktp_dki" : "lurah_letter",
        channel: rng.chance(0.55) ? "web" : "office",
        businessName: person?.businessName ?? `${sector.word} ${fullName.split(" ")[0]}`,
        sector: person?.sector ?? sector.sector,
        documentsStatement:
          track === "pemula"
            ? "Rencana usaha terlampir"
            : "Rencana pengembangan usaha dan bukti kepemilikan usaha terlampir",
        districtId: district.id,
        agencyId,
        cohortId: cohort?.id ?? null,
        mentorId,
        userId: person?.userId ?? null,
        // Drawn here, after the fields above, as it always was (the random stream's order).
        ...(baseline = baselineOf(track)),
      },
      mentorId,
      at,
    );
    return { participantId, version, track, nik, fullName, baseline };
  };
  // The baseline at P1, drawn in the order it always was (the demo's random stream is unchanged);
  // the books' own stream decides which naik kelas businesses are established ones.
  const demoBooks = new DemoBooks();
  function baselineOf(track: Track): Baseline {
    const turnover = rng.int(1, 30);
    const assets = rng.int(2, 80);
    const workers = rng.int(0, 5) + 1;
    return demoBooks.baseline(track, { turnover, assets, workers });
  }

  const perCohort = Math.ceil((total - 1) / cohortRows.length);
  let registered = 0;
  const servedTwice: { nik: string; fullName: string; track: Track; district: DistrictRow; at: number }[] = [];
  for (const cohort of cohortRows) {
    for (let k = 0; k < perCohort && registered < total - 1; k++, registered++) {
      const at = cohort.intake + rng.int(0, 14) * DAY + rng.int(8 * 3600, 16 * 3600) * 1000;
      if (at >= now) continue;
      const mentorId = mentorOf.get(cohort.district.id)!;
      const p = registerFor(cohort.district, cohort, at, dinas.id, mentorId);
      walkJourney(new JourneyWalk(db, p.participantId, p.version, at, mentorId, now, rng), rng, p.track, cohort.health, p.baseline, demoBooks, lenderId);
      if (secondMentors.has(cohort.district.id) && rng.chance(0.05)) {
        servedTwice.push({ nik: p.nik, fullName: p.fullName, track: p.track, district: cohort.district, at });
      }
    }
  }

  // The same people registered with the second agency too (same NIK): "who else serves this person".
  for (const person of servedTwice) {
    const mentorId = secondMentors.get(person.district.id)!;
    const at = Math.min(now - DAY, person.at + 20 * DAY);
    const p = registerFor(person.district, null, at, disnaker.id, mentorId, {
      fullName: person.fullName,
      nik: person.nik,
      track: person.track,
      businessName: `Usaha ${person.fullName.split(" ")[0]}`,
      sector: "jasa",
    });
    const walk = new JourneyWalk(db, p.participantId, p.version, at, mentorId, now, rng);
    if (walk.wait(1, 5)) walk.move({ type: "VERIFY" });
    registered++;
  }

  seedDemoEntrepreneur(db, rng, byName("Cakung"), cohortRows, sari.id, now, passwordHash, registerFor);
  registered++;
  registered += seedWorkspace(db, now, passwordHash);
  seedPartnerReferrals(db, now);
  seedGraduateLoans(db, now);
  seedFollowUpAnswers(db, now);
  // Naik kelas from every report and licence the walks recorded (an NIB for those who had none, a class).
  recordAllClimbs(db, now);
  seedCollaboration(db, now, passwordHash);

  const logEntries = db.select({ n: count() }).from(t.transitionLog).get()!.n;
  return { participants: registered, cohorts: cohortRows.length, logEntries };
}

/** Siti Rahmawati: the entrepreneur demo account, P1 verified and P2 (training) in progress. */
function seedDemoEntrepreneur(
  db: Db,
  rng: Random,
  cakung: DistrictRow,
  cohortRows: CohortRow[],
  mentorId: number,
  now: number,
  passwordHash: string,
  registerFor: (
    district: DistrictRow,
    cohort: CohortRow | null,
    at: number,
    agencyId: number,
    mentorId: number,
    person?: { fullName: string; nik: string; track: Track; businessName: string; sector: string; userId?: number },
  ) => { participantId: number; version: number },
): void {
  const user = db
    .insert(t.users)
    .values({ email: "umkm@pas.demo", name: "Siti Rahmawati", role: "entrepreneur", passwordHash, phone: "081298765432" })
    .returning()
    .get();
  const cohort = cohortRows.filter((c) => c.district.id === cakung.id).sort((a, b) => b.intake - a.intake)[0]!;
  const agencyId = db.select().from(t.agencies).all().find((a) => a.code === "PPKUKM")!.id;
  const at = Math.max(cohort.intake, now - 20 * DAY);
  const p = registerFor(cakung, cohort, at, agencyId, mentorId, {
    fullName: "Siti Rahmawati",
    nik: `31${cakung.cityCode}${cakung.districtCode}5508900001`,
    track: "pemula",
    businessName: "Kue Siti",
    sector: "kuliner",
    userId: user.id,
  });
  const walk = new JourneyWalk(db, p.participantId, p.version, at, mentorId, now, rng);
  walk.at = at + 2 * DAY;
  walk.move({ type: "VERIFY" });
  walk.at = at + 5 * DAY;
  walk.move({ type: "START", stage: "training" });
}

function seedPartners(
  db: Db,
  addUser: (values: Omit<typeof t.users.$inferInsert, "passwordHash">) => { id: number },
): void {
  const orgs = [
    { name: "Bank DKI", kind: "bank", stages: ["capital", "financial_reporting"], offer: "Kredit usaha mikro dan pendampingan pembukuan" },
    { name: "Universitas Negeri Jakarta", kind: "university", stages: ["training"], offer: "Pelatihan manajemen usaha dan pemasaran digital" },
    { name: "Tokopedia", kind: "marketplace", stages: ["training", "marketing"], offer: "Pelatihan dan pembukaan toko daring" },
    { name: "Shopee", kind: "marketplace", stages: ["marketing"], offer: "Program UMKM ekspor dan toko daring" },
    { name: "DPMPTSP DKI Jakarta", kind: "government", stages: ["licensing"], offer: "Layanan NIB/IUMK dan P-IRT" },
    { name: "BPJPH", kind: "government", stages: ["licensing"], offer: "Sertifikasi halal gratis (SEHATI)" },
    { name: "Koperasi Jasa Keuangan Sejahtera", kind: "financial_institution", stages: ["capital"], offer: "Pinjaman lunak anggota" },
  ] as const;
  orgs.forEach((org, i) => {
    const row = db
      .insert(t.organisations)
      .values({ name: org.name, kind: org.kind, contactName: "Humas", contactEmail: `kemitraan${i + 1}@mitra.demo` })
      .returning()
      .get();
    // The cooperative's agreement has lapsed: its offers should stop showing.
    const expired = org.kind === "financial_institution";
    const agreement = db
      .insert(t.agreements)
      .values({
        organisationId: row.id,
        kind: i % 2 === 0 ? "pks" : "mou",
        number: `${i % 2 === 0 ? "PKS" : "MoU"}/${String(i + 1).padStart(3, "0")}/PPKUKM/2024`,
        signedOn: "2024-01-15",
        validUntil: expired ? "2025-01-14" : "2027-12-31",
        stages: [...org.stages],
      })
      .returning()
      .get();
    for (const stage of org.stages) {
      db.insert(t.stagePartners).values({ organisationId: row.id, agreementId: agreement.id, stage, offer: org.offer }).run();
    }
    if (org.name === "Bank DKI") {
      addUser({ email: "mitra@pas.demo", name: "Andreas Halim", role: "partner", organisationId: row.id });
    }
  });
}
