// The scale database: the size DESIGN.md plans for (300,000 participants, 44 districts, ~450
// mentors, ~6,000 cohorts, ~3 million log entries), generated deterministically from a seed.
//
//   npm run generate -- --participants 300000 [--out data/scale.sqlite] [--seed N] [--now YYYY-MM-DD] [--force]
//
// Every history is a legal journey of the machine. The generator only plans journeys (which events,
// when); each planned move goes through move-write.ts, as the journey service's moves do, and is
// written by the same journey writer (journey-writer.server.ts), in batches of a few thousand
// participants per transaction: going through the service one transaction per move would take
// hours at this size. tests/integration/generate.test.ts replays a sample through the service.
import { count } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { hashPassword } from "../app/modules/auth/password.server";
import { jakartaDate } from "../app/modules/i18n/jakarta";
import { JourneyWriter } from "../app/modules/journey/journey-writer.server";
import { moveWrite, registerWrite, RememberedSteps, type MoveWrite } from "../app/modules/journey/move-write";
import { currentRules } from "../app/modules/journey/rules.server";
import { activeCondition, dormantCondition, stalledCondition } from "../app/modules/journey/stalled.server";
import { nikColumns } from "../app/modules/participants/identity.server";
import type { JourneyEvent } from "../machines/journey";
import { completionEvidence } from "../machines/journey.requirements";
import type { JourneyRules } from "../machines/journey.rules";
import {
  EVIDENCE_KINDS,
  MIDDLE_STAGES,
  STAGES,
  type EvidenceKind,
  type MiddleStageId,
  type ParticipantStatus,
  type StageId,
  type Track,
} from "../machines/stages";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "../machines/time";
import { LICENCE_TYPES, MARKETING_CHANNELS, type OrganisationKind } from "../machines/vocabulary";
import { openDatabase, type Db } from "./client";
import { dropSecondaryIndexes } from "./bulk-load";
import { migrateDatabase } from "./migrate";
import { FIRST_NAMES, LAST_NAMES, SECTORS, seededRandom, type Random } from "./random";
import * as t from "./schema";
import { cohortPlannedEnd, DEMO_PASSWORD, makeNik, seedRegions, seedSettings } from "./seed";

const DEFAULT_SEED = 20211031;
export const DEFAULT_OUT = "data/scale.sqlite";

export type GenerateOptions = {
  participants: number;
  /** The database file to create. */
  out: string;
  seed?: number;
  /** Histories end at this instant (ms); default today, 00:00 UTC. */
  now?: number;
  /** Replace an existing file at `out`. */
  force?: boolean;
  /** Receives progress lines (silent when omitted). */
  log?: (line: string) => void;
};

export type GenerateSummary = {
  participants: number;
  cohorts: number;
  mentors: number;
  logEntries: number;
  evidenceRows: number;
  seconds: number;
  fileBytes: number;
  /** Participants who have done (or waived) P1 … P7; for P1, the verified. */
  funnel: number[];
  statuses: Record<ParticipantStatus, number>;
  /** Participants the stall rule flags at `now` (active, not dormant). */
  stalled: number;
  /** Status active but dormant at `now` (nothing recorded for the dormancy days). */
  dormant: number;
  /** Active and not dormant at `now`: the "active" of every figure. */
  activeNotDormant: number;
};

// ─── Scale and shape ─────────────────────────────────────────────────────────

/** DESIGN.md's plan for 300,000 participants; smaller runs scale it down. */
const PLANNED = { participants: 300_000, cohorts: 6_000, secondAgencyMentors: 406 };

/** Cohorts and the second agency's corps grow with the participant count; the first agency keeps one mentor per district. */
export function scaleFor(participants: number) {
  const share = participants / PLANNED.participants;
  return {
    cohorts: Math.max(1, Math.round(PLANNED.cohorts * share)),
    secondAgencyMentors: Math.max(1, Math.round(PLANNED.secondAgencyMentors * share)),
  };
}

/** Intakes run over the three years before "now". */
const INTAKE_DAYS = 3 * 365;

/**
 * JakPreneur's funnel reported in October 2021 (P1 284,164; P2 176,891; P3 157,498; P4 148,374;
 * P5 44,456; P6 32,883; P7 6,159), as the share of registrants who reached each stage.
 */
export const REPORTED_FUNNEL = [284_164, 176_891, 157_498, 148_374, 44_456, 32_883, 6_159].map((n) => n / 284_164);

/**
 * Journeys are planned to go a little further than the report says, because "now" cuts recent
 * intakes short and some planned journeys end early (rejections, withdrawals); with these factors
 * the stored funnel lands close to the report. Index = stage number − 1.
 */
const CUT_SHORT_LIFT = [1, 1.02, 1.08, 1.08, 1.09, 1.13, 1.2];

/** Shares of the journey's turns, chosen to look like a programme a few years old. */
const SHARES = {
  rejectedAtP1: 0.06,
  resubmitAfterRejection: 0.6,
  verificationBacklog: 0.015,
  secondAgencyPerson: 0.03,
  startWithEvidence: 0.6,
  sendBack: 0.03,
  forgotToComplete: 0.08,
  startsNextStage: 0.6,
  startsAnotherStage: 0.15,
  capitalApplying: 0.012,
  capitalRejectedFirst: 0.15,
  pauseMidway: 0.05,
  withdrawAndReturn: 0.01,
  holdAtEnd: 0.05,
  withdrawAfterHold: 0.35,
  webChannel: 0.55,
  /** Cohorts whose members mostly stop coming once they stop finishing stages (the ones to look at first). */
  strugglingCohort: 0.1,
};

/**
 * Of those in a running cohort who stop finishing stages, the share still working on their next
 * stage lately (it opened within the last weeks): most cohorts keep most of them going, a struggling
 * one few. The others drift: they stall, and after the dormancy days turn dormant.
 */
const KEEPS_GOING: Record<"usual" | "struggling", [number, number]> = { usual: [0.65, 0.9], struggling: [0.05, 0.25] };
/** Their stage opened at most this many days before "now". */
const KEEPS_GOING_DAYS = 40;

/** A naik kelas participant waives a stage they finish with these odds (P6 only when P7 is not their goal). */
const WAIVE_ODDS: Record<MiddleStageId, number> = {
  training: 0.15,
  mentoring: 0.1,
  licensing: 0.6,
  marketing: 0.25,
  financial_reporting: 0.2,
};

/** Evidence recorded to finish a stage: [min, max] records (never fewer than the rules need). */
const EVIDENCE_RECORDS: Record<MiddleStageId, [number, number]> = {
  training: [1, 2],
  mentoring: [3, 4],
  licensing: [1, 2],
  marketing: [1, 2],
  financial_reporting: [1, 3],
};

/** Days between two records of the same stage. */
const EVIDENCE_GAP_DAYS: Record<MiddleStageId, [number, number]> = {
  training: [3, 21],
  mentoring: [7, 30],
  licensing: [7, 45],
  marketing: [7, 40],
  financial_reporting: [20, 40],
};

// ─── Entry point ─────────────────────────────────────────────────────────────

export async function generateDatabase(options: GenerateOptions): Promise<GenerateSummary> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const out = resolve(options.out);
  if (!Number.isInteger(options.participants) || options.participants < 1) {
    throw new Error(`participants must be a positive whole number (got ${options.participants})`);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw new Error(`seed must be a whole number (got ${options.seed})`);
  }
  if (existsSync(out) && !options.force) throw new Error(`${options.out} already exists: pass --force to replace it`);
  removeDatabaseFiles(out);
  log(`Generating ${options.participants.toLocaleString("en")} participants into ${options.out} …`);

  const rng = seededRandom(options.seed ?? DEFAULT_SEED);
  const now = options.now ?? Math.floor(Date.now() / DAY) * DAY;
  // One hash for every generated account (the demo password): argon2 per account would take hours.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const db = openDatabase(out);
  try {
    migrateDatabase(db);
    const counts = withBulkLoadPragmas(db, () =>
      withSecondaryIndexesDropped(db, ["participants", "transition_log", "stage_evidence"], log, () =>
        generateInto(db, rng, options.participants, now, passwordHash, log),
      ),
    );
    checkSoundness(db);
    // SQLite plans by its statistics: without them a fresh file can turn a query of seconds into
    // one of minutes. A bulk writer hands over its file analysed.
    const analysed = Date.now();
    db.$client.exec("ANALYZE");
    log(`Analysed (${seconds(analysed)} s).`);
    const figures = readFigures(db, now);
    db.$client.close(); // checkpoints the WAL into the file, so its size is the whole database
    return {
      participants: options.participants,
      ...counts,
      seconds: (Date.now() - started) / 1000,
      fileBytes: statSync(out).size,
      ...figures,
    };
  } catch (error) {
    // A half-built file is of no use to anyone: leave nothing behind.
    if (db.$client.open) db.$client.close();
    removeDatabaseFiles(out);
    throw error;
  }
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
}

/** Rows went in with foreign keys off (see withBulkLoadPragmas): prove afterwards that none dangles. */
function checkSoundness(db: Db): void {
  const dangling = db.$client.pragma("foreign_key_check") as unknown[];
  if (dangling.length > 0) throw new Error(`Generated rows break ${dangling.length} foreign keys, e.g. ${JSON.stringify(dangling[0])}`);
  const quick = db.$client.pragma("quick_check", { simple: true });
  if (quick !== "ok") throw new Error(`Generated database fails quick_check: ${quick}`);
}

/**
 * The file is rebuilt from scratch on failure, so nothing needs to survive a crash while it is
 * written: no journal, no fsync, and foreign keys checked once at the end rather than per row. The
 * server's settings (db/client.ts) come back before the file is handed over.
 */
function withBulkLoadPragmas<T>(db: Db, load: () => T): T {
  const sqlite = db.$client;
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -262144"); // 256 MiB: the indexes being built stay in memory
  sqlite.pragma("temp_store = MEMORY");
  try {
    return load();
  } finally {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
  }
}

/** Rows inserted in id order, each non-unique index built once afterwards (db/bulk-load.ts). */
function withSecondaryIndexesDropped<T>(db: Db, tables: string[], log: (line: string) => void, load: () => T): T {
  const rebuild = dropSecondaryIndexes(db, tables);
  const result = load();
  const started = Date.now();
  rebuild();
  log(`Built the indexes again (${seconds(started)} s).`);
  return result;
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

// ─── The generation ──────────────────────────────────────────────────────────

type Counts = { cohorts: number; mentors: number; logEntries: number; evidenceRows: number };

function generateInto(
  db: Db,
  rng: Random,
  participantCount: number,
  now: number,
  passwordHash: string,
  log: (line: string) => void,
): Counts {
  const started = Date.now();
  const scale = scaleFor(participantCount);
  const programmeStart = now - INTAKE_DAYS * DAY - 60 * DAY;

  const { districts, agencies, mentors, partners, cohorts } = db.transaction(() => {
    const districts = withPopulation(seedRegions(db));
    seedSettings(db);
    const agencies = insertAgencies(db);
    insertCoordinators(db, passwordHash, programmeStart);
    const mentors = insertMentors(db, rng, districts, agencies, scale.secondAgencyMentors, passwordHash, programmeStart);
    const partners = insertPartners(db, districts, passwordHash, now);
    const cohorts = insertCohorts(db, rng, districts, agencies, mentors, scale.cohorts, participantCount, now);
    return { districts, agencies, mentors, partners, cohorts };
  });
  log(
    `Reference data: ${districts.length} districts, ${mentors.count} mentors, ${cohorts.length} cohorts, ` +
      `${partners.organisations} partner organisations.`,
  );

  const inForce = currentRules(db);
  const steps = new RememberedSteps(inForce);
  const writer = new PeopleWriter(db, passwordHash);
  const people = new People(rng);
  const planner = new JourneyPlanner(rng, partners, inForce.rules, now);

  // Cohorts are taken in intake order, so ids follow time as they would in a live database.
  const BATCH = 2_000;
  const progressEvery = Math.max(BATCH, Math.ceil(participantCount / 10 / BATCH) * BATCH);
  let done = 0;
  let batch: (() => void)[] = [];
  const flush = () => {
    db.$client.transaction(() => batch.forEach((write) => write()))();
    batch = [];
  };
  for (const cohort of cohorts) {
    for (let k = 0; k < cohort.size; k++) {
      const registeredAt = cohort.intake - rng.int(0, 14) * DAY + rng.int(1 * HOUR, 9 * HOUR);
      const draft = people.draft(cohort, agencies, registeredAt);
      const ids = writer.ids(draft);
      const moves = walkJourney(steps, draft, planner.plan(draft), now, ids.userId);
      batch.push(() => writer.write(draft, ids, moves));
      done++;
      if (batch.length === BATCH) flush();
      if (done % progressEvery === 0) {
        flush();
        log(
          `  ${done.toLocaleString("en")} / ${participantCount.toLocaleString("en")} participants, ` +
            `${writer.journeys.logEntries.toLocaleString("en")} log entries (${seconds(started)} s)`,
        );
      }
    }
  }
  flush();
  db.$client.transaction(() => writer.journeys.finish())();
  log(`Journeys written: ${steps.size} distinct journey states, ${seconds(started)} s.`);
  return { cohorts: cohorts.length, mentors: mentors.count, logEntries: writer.journeys.logEntries, evidenceRows: writer.journeys.evidenceRows };
}

// ─── Districts ───────────────────────────────────────────────────────────────

type DistrictRow = ReturnType<typeof seedRegions>[number];
type District = DistrictRow & { population: number };

/** Rough 2020 census figures per kecamatan (rounded to the thousand): they weight where people and cohorts are. */
function withPopulation(rows: DistrictRow[]): District[] {
  const file = join(dirname(fileURLToPath(import.meta.url)), "jakarta-district-population.csv");
  const figures = parse(readFileSync(file), { columns: true, skip_empty_lines: true, trim: true }) as {
    city: string;
    district: string;
    population: string;
  }[];
  const population = new Map(figures.map((f) => [`${f.city}/${f.district}`, Number(f.population)]));
  return rows.map((row) => {
    const people = population.get(`${row.city}/${row.name}`);
    if (!people) throw new Error(`jakarta-district-population.csv has no figure for ${row.city}/${row.name}`);
    return { ...row, population: people };
  });
}

/** Picks items with probability proportional to their weight. */
function weightedPicker<T>(items: readonly T[], weight: (item: T) => number): (rng: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) cumulative.push((total += weight(item)));
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

/** Splits `total` into whole parts proportional to `weights` (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const padded = (n: number, width: number) => String(n).padStart(width, "0");

// ─── Agencies, coordinators, mentors ─────────────────────────────────────────

type Agencies = { first: { id: number; code: string }; second: { id: number; code: string } };

/** The demo seed's two agencies: Dinas PPKUKM (a mentor per district) and the labour agency (a larger corps). */
function insertAgencies(db: Db): Agencies {
  const first = db.insert(t.agencies).values({ code: "PPKUKM", name: "Dinas PPKUKM DKI Jakarta" }).returning().get();
  const second = db
    .insert(t.agencies)
    .values({ code: "NAKERTRANSGI", name: "Dinas Tenaga Kerja, Transmigrasi dan Energi" })
    .returning()
    .get();
  return { first, second };
}

/** The province coordinator and one per city, with the demo seed's addresses for the first two. */
function insertCoordinators(db: Db, passwordHash: string, createdAt: number): void {
  db.insert(t.users).values({ email: "koordinator@pas.demo", name: "Rahmat Hidayat", role: "coordinator", passwordHash, createdAt }).run();
  for (const city of db.select().from(t.cities).all()) {
    const email = city.name === "Jakarta Timur" ? "koordinator.jaktim@pas.demo" : `koordinator.${slug(city.name)}@pas.demo`;
    db.insert(t.users).values({ email, name: `Koordinator ${city.name}`, role: "coordinator", cityId: city.id, passwordHash, createdAt }).run();
  }
}

type SecondAgencyMentor = { id: number; districtIds: number[] };
type Mentors = {
  /** The first agency's one mentor per district. */
  firstByDistrict: Map<number, number>;
  second: SecondAgencyMentor[];
  /**
   * 0–1: how readily a mentor closes the records of people who stopped coming (withdraws them, and
   * sooner). It makes stalled work pile up with some mentors more than others, as it does.
   */
  diligence: Map<number, number>;
  count: number;
};

function personName(rng: Random, female: boolean): string {
  // The demo seed's split of FIRST_NAMES: women's names first, then men's, then women's again.
  const first = female
    ? rng.pick(FIRST_NAMES.slice(0, 10).concat(FIRST_NAMES.slice(20, 27)))
    : rng.pick(FIRST_NAMES.slice(10, 20).concat(FIRST_NAMES.slice(27)));
  return `${first} ${rng.pick(LAST_NAMES)}`;
}

function phoneNumber(rng: Random): string {
  return `08${rng.pick(["12", "13", "21", "57", "77", "95"])}${rng.int(10_000_000, 99_999_999)}`;
}

/**
 * The first agency: one mentor per district. The second: a corps spread over districts by
 * population, each mentor assigned a home district and up to two more in the same city.
 */
function insertMentors(
  db: Db,
  rng: Random,
  districts: District[],
  agencies: Agencies,
  secondCount: number,
  passwordHash: string,
  createdAt: number,
): Mentors {
  const addMentor = (email: string, agencyId: number, districtIds: number[]) => {
    const id = db
      .insert(t.users)
      .values({ email, name: personName(rng, rng.chance(0.6)), role: "mentor", agencyId, phone: phoneNumber(rng), passwordHash, createdAt })
      .returning({ id: t.users.id })
      .get().id;
    for (const districtId of districtIds) db.insert(t.mentorDistricts).values({ mentorId: id, districtId }).run();
    diligence.set(id, 0.3 + 0.6 * rng.next());
    return id;
  };

  const diligence = new Map<number, number>();
  const firstByDistrict = new Map<number, number>();
  for (const district of districts) {
    firstByDistrict.set(district.id, addMentor(`mentor.${slug(district.name)}@pas.demo`, agencies.first.id, [district.id]));
  }

  const homeDistrict = weightedPicker(districts, (d) => d.population);
  const second: SecondAgencyMentor[] = [];
  for (let n = 1; n <= secondCount; n++) {
    const home = homeDistrict(rng);
    const sameCity = districts.filter((d) => d.city === home.city && d.id !== home.id);
    const extra = Math.min(sameCity.length, rng.pick([0, 0, 1, 1, 2]));
    const districtIds = [home.id];
    while (districtIds.length < extra + 1) {
      const d = rng.pick(sameCity);
      if (!districtIds.includes(d.id)) districtIds.push(d.id);
    }
    const email = `pendamping.${padded(n, 3)}@${agencies.second.code.toLowerCase()}.demo`;
    second.push({ id: addMentor(email, agencies.second.id, districtIds), districtIds });
  }
  return { firstByDistrict, second, diligence, count: districts.length + second.length };
}

// ─── Partners and agreements ─────────────────────────────────────────────────

type PartnerSpec = {
  name: string;
  kind: OrganisationKind;
  stages: StageId[];
  offer: string;
  /** Attached to the districts of one city only (a campus serves its neighbourhood). */
  city?: string;
  /** Its agreement has lapsed: its offers should stop showing. */
  lapsed?: boolean;
};

const PARTNERS: PartnerSpec[] = [
  { name: "Bank DKI", kind: "bank", stages: ["capital", "financial_reporting"], offer: "Kredit usaha mikro (KUR) dan pendampingan pembukuan" },
  { name: "Bank Rakyat Indonesia", kind: "bank", stages: ["capital"], offer: "Kredit Usaha Rakyat mikro" },
  { name: "Bank Negara Indonesia", kind: "bank", stages: ["capital"], offer: "KUR kecil dan rekening usaha" },
  { name: "Bank Syariah Indonesia", kind: "bank", stages: ["capital"], offer: "Pembiayaan usaha mikro syariah" },
  { name: "PNM Mekaar", kind: "financial_institution", stages: ["capital"], offer: "Pembiayaan kelompok untuk perempuan pelaku usaha" },
  { name: "Amartha", kind: "financial_institution", stages: ["capital"], offer: "Pendanaan usaha mikro (P2P lending)" },
  { name: "KoinWorks", kind: "financial_institution", stages: ["capital"], offer: "Pinjaman modal kerja daring" },
  { name: "Koperasi Jasa Keuangan Sejahtera", kind: "financial_institution", stages: ["capital"], offer: "Pinjaman lunak anggota", lapsed: true },
  { name: "Bank Indonesia KPw DKI Jakarta", kind: "government", stages: ["financial_reporting"], offer: "Pelatihan aplikasi pencatatan keuangan SI APIK" },
  { name: "BukuWarung", kind: "financial_institution", stages: ["financial_reporting"], offer: "Aplikasi pembukuan dan laporan usaha" },
  { name: "BukuKas", kind: "financial_institution", stages: ["financial_reporting"], offer: "Aplikasi kas dan laporan bulanan" },
  { name: "Universitas Negeri Jakarta", kind: "university", stages: ["training"], offer: "Pelatihan manajemen usaha dan pemasaran digital", city: "Jakarta Timur" },
  { name: "Universitas Indonesia", kind: "university", stages: ["training"], offer: "Pelatihan kewirausahaan dan inovasi produk", city: "Jakarta Pusat" },
  { name: "Universitas Trisakti", kind: "university", stages: ["training"], offer: "Pelatihan desain kemasan dan merek", city: "Jakarta Barat" },
  { name: "Politeknik Negeri Jakarta", kind: "university", stages: ["training"], offer: "Pelatihan keterampilan produksi", city: "Jakarta Selatan" },
  { name: "Universitas Bung Karno", kind: "university", stages: ["training"], offer: "Pelatihan pemasaran dan layanan pelanggan", city: "Jakarta Utara" },
  { name: "Tokopedia", kind: "marketplace", stages: ["training", "marketing"], offer: "Pelatihan dan pembukaan toko daring" },
  { name: "Shopee", kind: "marketplace", stages: ["training", "marketing"], offer: "Program UMKM ekspor dan toko daring" },
  { name: "Bukalapak", kind: "marketplace", stages: ["marketing"], offer: "Toko daring dan Mitra Bukalapak" },
  { name: "Gojek", kind: "marketplace", stages: ["training", "marketing"], offer: "GoFood untuk usaha kuliner" },
  { name: "Grab", kind: "marketplace", stages: ["marketing"], offer: "GrabFood dan GrabMart" },
  { name: "DPMPTSP DKI Jakarta", kind: "government", stages: ["licensing"], offer: "Layanan NIB/IUMK dan P-IRT" },
  { name: "BPJPH Kementerian Agama", kind: "government", stages: ["licensing"], offer: "Sertifikasi halal gratis (SEHATI)" },
  { name: "DJKI Kementerian Hukum dan HAM", kind: "government", stages: ["licensing"], offer: "Pendaftaran merek dan HKI" },
  { name: "LKPP", kind: "government", stages: ["marketing"], offer: "Katalog elektronik untuk pengadaan pemerintah (e-order)" },
  { name: "Sarinah", kind: "csr", stages: ["marketing"], offer: "Etalase produk lokal di gerai ritel" },
  { name: "Pertamina UMK Academy", kind: "csr", stages: ["training", "marketing"], offer: "Kelas bisnis dan pameran produk" },
  { name: "Yayasan Dharma Bhakti Astra", kind: "csr", stages: ["training", "mentoring"], offer: "Pelatihan dan pendampingan UMKM" },
  { name: "Yayasan Inotek", kind: "ngo", stages: ["mentoring"], offer: "Pendampingan inovasi usaha" },
  { name: "Komunitas UMKM Naik Kelas Jakarta", kind: "community", stages: ["marketing"], offer: "Bazar bulanan dan jejaring pemasok" },
];

/** Organisations that can be named in a stage's evidence, per district. */
type Partners = {
  organisations: number;
  forStage(stage: StageId, districtId: number): PartnerRef[];
};
type PartnerRef = { id: number; name: string; staffUserId: number };

/** Partner organisations, their MoU / PKS, their offers on stages, and one staff account each. */
function insertPartners(db: Db, districts: District[], passwordHash: string, now: number): Partners {
  const byStage = new Map<string, PartnerRef[]>();
  const attach = (key: string, ref: PartnerRef) => byStage.set(key, [...(byStage.get(key) ?? []), ref]);
  const year = new Date(now).getUTCFullYear();
  PARTNERS.forEach((spec, i) => {
    const organisationId = db
      .insert(t.organisations)
      .values({ name: spec.name, kind: spec.kind, contactName: "Humas", contactEmail: `kemitraan@${slug(spec.name)}.demo`, createdAt: now - 4 * 365 * DAY })
      .returning({ id: t.organisations.id })
      .get().id;
    // An MoU first, then a PKS under it that names the stages; a lapsed partner's PKS has expired.
    const signed = year - 3 + (i % 2);
    const agreement = (kind: "mou" | "pks", signedOn: string, validUntil: string) =>
      db
        .insert(t.agreements)
        .values({
          organisationId,
          kind,
          number: `${kind === "mou" ? "MoU" : "PKS"}/${padded(i + 1, 3)}/PPKUKM/${signedOn.slice(0, 4)}`,
          signedOn,
          validUntil,
          stages: [...spec.stages],
          createdAt: Date.parse(signedOn),
        })
        .returning({ id: t.agreements.id })
        .get().id;
    agreement("mou", `${signed - 1}-0${1 + (i % 9)}-15`, `${signed + 4}-12-31`);
    const pks = agreement("pks", `${signed}-0${1 + (i % 9)}-20`, spec.lapsed ? `${year - 1}-06-30` : `${year + 1}-12-31`);
    const staffUserId = db
      .insert(t.users)
      .values({
        email: spec.name === "Bank DKI" ? "mitra@pas.demo" : `mitra.${slug(spec.name)}@pas.demo`,
        name: `Staf ${spec.name}`,
        role: "partner",
        organisationId,
        passwordHash,
        createdAt: now - 3 * 365 * DAY,
      })
      .returning({ id: t.users.id })
      .get().id;
    const ref = { id: organisationId, name: spec.name, staffUserId };
    const served = spec.city ? districts.filter((d) => d.city === spec.city) : [null];
    for (const stage of spec.stages) {
      for (const district of served) {
        db.insert(t.stagePartners).values({ organisationId, agreementId: pks, stage, districtId: district?.id ?? null, offer: spec.offer }).run();
        attach(district ? `${stage}/${district.id}` : stage, ref);
      }
    }
  });
  const cache = new Map<string, PartnerRef[]>();
  return {
    organisations: PARTNERS.length,
    forStage(stage, districtId) {
      const key = `${stage}/${districtId}`;
      let refs = cache.get(key);
      if (!refs) cache.set(key, (refs = [...(byStage.get(stage) ?? []), ...(byStage.get(key) ?? [])]));
      return refs;
    },
  };
}

// ─── Cohorts ─────────────────────────────────────────────────────────────────

type Cohort = {
  id: number;
  district: District;
  agencyId: number;
  mentorId: number;
  mentorDiligence: number;
  intake: number;
  /** The planned end (intake + the cohort length), as midnight UTC of its day; after it the cohort is closed. */
  plannedEnd: number;
  /** Of its members who stop finishing stages while it runs, the share still working on the next one lately. */
  keepsGoing: number;
  size: number;
};

/**
 * Cohorts over three years of intakes, each one district, one agency and one intake date. Every
 * mentor runs about the same number of cohorts: the first agency's in its one district (so big
 * districts weigh on it), the second's in one of the mentor's districts, the populous ones more
 * often. Participants are shared out over cohorts of uneven size.
 */
function insertCohorts(
  db: Db,
  rng: Random,
  districts: District[],
  agencies: Agencies,
  mentors: Mentors,
  count: number,
  participants: number,
  now: number,
): Cohort[] {
  const firstAgencyCohorts = Math.max(1, Math.round((count * districts.length) / mentors.count));
  const pickDistrict = weightedPicker(districts, (d) => d.population);
  const byId = new Map(districts.map((d) => [d.id, d]));
  const drafts: Omit<Cohort, "id" | "size" | "mentorDiligence" | "plannedEnd" | "keepsGoing">[] = [];
  for (let n = 0; n < count; n++) {
    // Weekday intakes, spread evenly over the window, the newest a day before "now".
    let intake = Math.floor((now - rng.int(1, INTAKE_DAYS) * DAY) / DAY) * DAY;
    while ([0, 6].includes(new Date(intake).getUTCDay())) intake -= DAY;
    if (n < firstAgencyCohorts) {
      const district = pickDistrict(rng);
      drafts.push({ district, agencyId: agencies.first.id, mentorId: mentors.firstByDistrict.get(district.id)!, intake });
    } else {
      const mentor = mentors.second[n % mentors.second.length]!;
      const district = byId.get(weightedPicker(mentor.districtIds, (id) => byId.get(id)!.population)(rng))!;
      drafts.push({ district, agencyId: agencies.second.id, mentorId: mentor.id, intake });
    }
  }
  drafts.sort((a, b) => a.intake - b.intake || a.district.id - b.district.id || a.agencyId - b.agencyId);
  const sizes = apportion(participants, drafts.map(() => 0.4 + rng.next() * 1.2));

  // Names are unique within a district (index cohorts_district_name): the intake day, then a number.
  const names = new Map<string, number>();
  const insert = db.$client.prepare(
    "INSERT INTO cohorts (id, name, district_id, agency_id, intake_date, planned_end_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  return drafts.map((draft, i) => {
    const base = `${draft.district.name} ${jakartaDate(draft.intake)}`;
    const seen = (names.get(base) ?? 0) + 1;
    names.set(base, seen);
    const plannedEndOn = cohortPlannedEnd(jakartaDate(draft.intake));
    const [least, most] = KEEPS_GOING[rng.chance(SHARES.strugglingCohort) ? "struggling" : "usual"];
    const cohort = {
      ...draft,
      id: i + 1,
      size: sizes[i]!,
      mentorDiligence: mentors.diligence.get(draft.mentorId)!,
      plannedEnd: Date.parse(`${plannedEndOn}T00:00:00Z`),
      keepsGoing: least + (most - least) * rng.next(),
    };
    insert.run(cohort.id, seen === 1 ? base : `${base} (${seen})`, draft.district.id, draft.agencyId, jakartaDate(draft.intake), plannedEndOn, draft.intake - 30 * DAY);
    return cohort;
  });
}

// ─── People ──────────────────────────────────────────────────────────────────

/** Everything about one registration except its journey. */
type Draft = {
  cohort: Cohort;
  agencyId: number;
  fullName: string;
  nik: string;
  phone: string;
  track: Track;
  domicileBasis: "ktp_dki" | "lurah_letter" | "partner_programme";
  channel: "web" | "office";
  businessName: string;
  sector: string;
  documentsStatement: string;
  entryTurnover: number;
  entryAssets: number;
  entryWorkers: number;
  registeredAt: number;
  /** Registered on the web: they have their own account. */
  hasAccount: boolean;
};

type Person = { fullName: string; nik: string; track: Track; domicileBasis: Draft["domicileBasis"] };

const BUSINESS_SUFFIXES = ["Jaya", "Berkah", "Makmur", "Sejahtera", "Mandiri", "Barokah"];

/** Provinces whose people most often live and work in Jakarta without a DKI KTP. */
const MIGRANT_PROVINCES = ["32", "33", "35", "36", "18", "12"];

class People {
  /** Real NIKs end in a serial per region and birth date: counting per prefix keeps every NIK unique. */
  private serials = new Map<string, number>();
  /** First-agency participants by district, some of whom the second agency serves too. */
  private firstAgencyPeople = new Map<number, Person[]>();

  constructor(private readonly rng: Random) {}

  draft(cohort: Cohort, agencies: Agencies, registeredAt: number): Draft {
    const rng = this.rng;
    const secondAgency = cohort.agencyId === agencies.second.id;
    const known = secondAgency ? this.firstAgencyPeople.get(cohort.district.id) : undefined;
    const servedTwice = Boolean(known?.length) && rng.chance(SHARES.secondAgencyPerson);
    // Someone served by both agencies: same person, same NIK; the second agency enrols them at its office.
    const person = servedTwice ? known!.splice(rng.int(0, known!.length - 1), 1)[0]! : this.newPerson(cohort.district);
    if (!secondAgency) {
      const list = this.firstAgencyPeople.get(cohort.district.id);
      if (list) list.push(person);
      else this.firstAgencyPeople.set(cohort.district.id, [person]);
    }

    const sector = rng.pick(SECTORS);
    const channel = !servedTwice && rng.chance(SHARES.webChannel) ? "web" : "office";
    return {
      cohort,
      agencyId: cohort.agencyId,
      fullName: person.fullName,
      nik: person.nik,
      phone: phoneNumber(rng),
      track: person.track,
      domicileBasis: person.domicileBasis,
      channel,
      businessName: this.businessName(sector.word, person.fullName),
      sector: sector.sector,
      documentsStatement:
        person.track === "pemula"
          ? "Rencana usaha terlampir"
          : "Rencana pengembangan usaha dan bukti kepemilikan usaha terlampir",
      entryTurnover: rng.int(1, 30) * 1_000_000,
      entryAssets: rng.int(2, 80) * 1_000_000,
      entryWorkers: rng.int(0, 5),
      registeredAt,
      hasAccount: channel === "web",
    };
  }

  /** "Dapur Siti", "Butik Rina Berkah" … */
  private businessName(word: string, fullName: string): string {
    const suffix = this.rng.chance(0.5) ? ` ${this.rng.pick(BUSINESS_SUFFIXES)}` : "";
    return `${word} ${fullName.split(" ")[0]}${suffix}`;
  }

  private newPerson(district: District): Person {
    const rng = this.rng;
    const female = rng.chance(0.64); // most JakPreneur entrepreneurs are women
    const u = rng.next();
    const domicileBasis = u < 0.9 ? "ktp_dki" : u < 0.97 ? "lurah_letter" : "partner_programme";
    const dki = domicileBasis === "ktp_dki" || (domicileBasis === "partner_programme" && rng.chance(0.5));
    return {
      fullName: personName(rng, female),
      nik: this.uniqueNik(dki ? makeNik(rng, district, 0, female) : this.migrantNik(female)),
      track: rng.chance(0.3) ? "naik_kelas" : "pemula",
      domicileBasis,
    };
  }

  /** An NIK issued outside DKI: lived and worked in Jakarta on a lurah's letter, or came through a partner. */
  private migrantNik(female: boolean): string {
    const rng = this.rng;
    const region = `${rng.pick(MIGRANT_PROVINCES)}${padded(rng.int(1, 25), 2)}${padded(rng.int(1, 30), 2)}`;
    const birth = `${padded(rng.int(1, 28) + (female ? 40 : 0), 2)}${padded(rng.int(1, 12), 2)}${padded(rng.int(60, 99), 2)}`;
    return `${region}${birth}0000`; // the serial is given by uniqueNik
  }

  /** Keeps the region and birth-date digits and gives the next serial for them. */
  private uniqueNik(sample: string): string {
    const prefix = sample.slice(0, 12);
    const serial = (this.serials.get(prefix) ?? 0) + 1;
    if (serial > 9_999) throw new Error(`NIK serials exhausted for ${prefix}`);
    this.serials.set(prefix, serial);
    return `${prefix}${padded(serial, 4)}`;
  }
}

// ─── Journey plans ───────────────────────────────────────────────────────────

type EvidencePlan = { details: Record<string, unknown>; occurredOn: string; organisationId: number | null };
type Move = { at: number; event: JourneyEvent; evidence?: EvidencePlan; byPartnerStaff?: number };

const REJECT_REASONS = ["Dokumen rencana usaha belum lengkap", "Foto KTP tidak terbaca", "Surat keterangan lurah belum ada"];
const HOLD_REASONS = ["Sakit", "Pindah lokasi usaha sementara", "Mengurus keluarga", "Usaha tutup sementara (renovasi)"];
const WITHDRAW_REASONS = ["Usaha ditutup", "Bekerja penuh waktu", "Tidak dapat dihubungi", "Pindah ke luar Jakarta", "Tidak melanjutkan program"];
const SEND_BACK_REASONS = ["Bukti belum sesuai", "Dokumen izin perlu diperbarui", "Laporan belum lengkap"];
const WAIVE_REASONS: Record<MiddleStageId, { reason: string; evidence: string }[]> = {
  training: [{ reason: "Sudah mengikuti pelatihan sejenis", evidence: "Sertifikat pelatihan" }],
  mentoring: [{ reason: "Sudah didampingi program lain", evidence: "Surat keterangan pendamping" }],
  licensing: [
    { reason: "Sudah memiliki NIB", evidence: "NIB" },
    { reason: "Sudah memiliki P-IRT", evidence: "Sertifikat P-IRT" },
  ],
  marketing: [{ reason: "Sudah berjualan di marketplace", evidence: "Tautan toko daring" }],
  financial_reporting: [{ reason: "Sudah rutin membuat laporan keuangan", evidence: "Laporan keuangan terakhir" }],
};

const TRAINING_TOPICS = [
  { topic: "Pemasaran digital", skill: "soft" },
  { topic: "Manajemen usaha", skill: "soft" },
  { topic: "Pencatatan keuangan", skill: "soft" },
  { topic: "Foto produk", skill: "soft" },
  { topic: "Tata boga", skill: "hard" },
  { topic: "Menjahit", skill: "hard" },
  { topic: "Kriya daur ulang", skill: "hard" },
  { topic: "Barista", skill: "hard" },
];
const MENTORING_TOPICS = ["Rencana usaha", "Harga pokok produksi", "Kemasan", "Perizinan", "Pemasaran daring", "Pembukuan sederhana"];
const CAPITAL_PRODUCTS = ["KUR mikro", "KUR kecil", "Kredit modal kerja", "Pembiayaan kelompok"];

/**
 * Plans one participant's moves from registration onward (the walk stops at "now"; only where a
 * journey stops short does "now" shape the plan: in a running cohort, most are still working on
 * their next stage lately). The plan is shaped so that every move is legal when its turn comes:
 * - P1 first: verified after a few days, or rejected (some resubmit and are verified);
 * - P2–P6 overlap: the next stage often starts before the last one is done, and within a stage the
 *   moves keep their order (start, evidence, complete, sometimes sent back and completed again);
 * - the stages a participant finishes are the first `depth` of P2–P6, so the funnel narrows as the
 *   report's does; a participant who stops usually has the next stage (and sometimes another) open;
 * - P7 starts only after P2–P6 are all finished with P6 done (the default readiness rule, which a
 *   fresh database holds);
 * - a pause (on hold, or withdrawn and reinstated) pushes every later move back by its length;
 *   many who stop are withdrawn or put on hold some time after their last move.
 */
class JourneyPlanner {
  private readonly depthThresholds: number[];
  private readonly capitalDone: number;

  constructor(
    private readonly rng: Random,
    private readonly partners: Partners,
    private readonly rules: JourneyRules,
    private readonly now: number,
  ) {
    // P(reaching stage n | verified) for n = 2 … 6; then P(P7 done | all of P2–P6 finished).
    const verified = 1 - SHARES.rejectedAtP1 * (1 - SHARES.resubmitAfterRejection);
    const reach = (n: number) => Math.min(1, (REPORTED_FUNNEL[n - 1]! * CUT_SHORT_LIFT[n - 1]!) / verified);
    this.depthThresholds = [2, 3, 4, 5, 6].map(reach);
    this.capitalDone = reach(7) / reach(6);
  }

  plan(draft: Draft): Move[] {
    const rng = this.rng;
    const moves: Move[] = [];
    let at = this.later(draft.registeredAt, 1, 10);
    if (rng.chance(SHARES.verificationBacklog)) at = this.later(at, 20, 120);
    if (rng.chance(SHARES.rejectedAtP1)) {
      moves.push({ at, event: { type: "REJECT", reason: rng.pick(REJECT_REASONS) } });
      if (!rng.chance(SHARES.resubmitAfterRejection)) return this.withEnding(moves, draft);
      at = this.later(at, 3, 20);
      moves.push({ at, event: { type: "RESUBMIT" } });
      at = this.later(at, 1, 7);
    }
    moves.push({ at, event: { type: "VERIFY" } });

    const depth = this.sampleDepth();
    const goal = depth === 5 ? this.sampleCapitalGoal() : "none";
    let start = this.later(at, 1, 21);
    let lastFinish = at;
    for (let i = 0; i < MIDDLE_STAGES.length; i++) {
      const stage = MIDDLE_STAGES[i]!;
      if (i >= depth) {
        const goingOn = this.keepsGoing(draft);
        this.stopAt(moves, draft, i, goingOn ? Math.max(start, this.lately()) : start, goingOn);
        break;
      }
      const mustBeDone = stage === "financial_reporting" && goal !== "none";
      const finish = this.finishStage(moves, draft, stage, start, mustBeDone);
      lastFinish = Math.max(lastFinish, finish);
      // The next stage starts somewhere between this one's start and a little after its end.
      start = Math.max(start + DAY, start + Math.round((finish - start) * rng.next() * 1.2)) + rng.int(0, 8 * HOUR);
    }
    if (goal !== "none") this.planCapital(moves, draft, this.later(lastFinish, 7, 45), goal === "done");

    moves.sort((a, b) => a.at - b.at); // stable: one stage's moves at the same instant keep their order
    this.insertPause(moves);
    return goal === "done" ? moves : this.withEnding(moves, draft);
  }

  private later(at: number, minDays: number, maxDays: number): number {
    return at + this.rng.int(minDays, maxDays) * DAY + this.rng.int(0, 8 * HOUR);
  }

  /** How many of P2–P6 this participant finishes, in programme order. */
  private sampleDepth(): number {
    const u = this.rng.next();
    let depth = 0;
    while (depth < this.depthThresholds.length && u < this.depthThresholds[depth]!) depth++;
    return depth;
  }

  private sampleCapitalGoal(): "none" | "applying" | "done" {
    const u = this.rng.next();
    return u < this.capitalDone ? "done" : u < this.capitalDone + SHARES.capitalApplying / this.depthThresholds[4]! ? "applying" : "none";
  }

  /** Start, evidence, complete (or a waiver); returns when the stage was finished. */
  private finishStage(moves: Move[], draft: Draft, stage: MiddleStageId, start: number, mustBeDone: boolean): number {
    const rng = this.rng;
    if (draft.track === "naik_kelas" && !mustBeDone && rng.chance(WAIVE_ODDS[stage])) {
      const { reason, evidence } = rng.pick(WAIVE_REASONS[stage]);
      moves.push({ at: start, event: { type: "WAIVE", stage, reason, evidence } });
      return start;
    }
    const [least, most] = EVIDENCE_RECORDS[stage];
    const need = completionEvidence(stage, this.rules).need;
    let at = this.openStage(moves, draft, stage, start, rng.int(Math.max(least, need), Math.max(most, need)));
    at = this.later(at, 0, 5);
    moves.push({ at, event: { type: "COMPLETE", stage } });
    if (stage !== "training" && rng.chance(SHARES.sendBack)) {
      at = this.later(at, 2, 20);
      moves.push({ at, event: { type: "SEND_BACK", stage, reason: rng.pick(SEND_BACK_REASONS) } });
      at = this.later(at, 3, 20);
      moves.push(this.evidenceMove(draft, stage, at));
      at = this.later(at, 0, 3);
      moves.push({ at, event: { type: "COMPLETE", stage } });
    }
    return at;
  }

  /** Starts a stage (by START, or by recording its first evidence) and records `records` pieces. Returns the last move's time. */
  private openStage(moves: Move[], draft: Draft, stage: MiddleStageId, start: number, records: number): number {
    const rng = this.rng;
    let at = start;
    const byEvidence = records > 0 && rng.chance(SHARES.startWithEvidence);
    if (!byEvidence) moves.push({ at, event: { type: "START", stage } });
    for (let k = 0; k < records; k++) {
      if (k > 0 || !byEvidence) at = this.later(at, ...EVIDENCE_GAP_DAYS[stage]);
      moves.push(this.evidenceMove(draft, stage, at));
    }
    return at;
  }

  /** In a running cohort, whether one who stops finishing stages is still working on the next one lately. */
  private keepsGoing(draft: Draft): boolean {
    return draft.cohort.plannedEnd > this.now && this.rng.chance(draft.cohort.keepsGoing);
  }

  /** A moment within the last weeks before "now": a stage opened then is within its time limit. */
  private lately(): number {
    return this.now - this.rng.int(1, KEEPS_GOING_DAYS) * DAY - this.rng.int(0, 8 * HOUR);
  }

  /** Where a journey stops short: the next stage open with part of its evidence, sometimes another stage too. */
  private stopAt(moves: Move[], draft: Draft, index: number, start: number, keepsGoing: boolean): void {
    const rng = this.rng;
    const open = (stage: MiddleStageId, from: number) => {
      const need = completionEvidence(stage, this.rules).need;
      // Some have all the evidence and are only waiting for the mentor to mark the stage done.
      const records = rng.chance(SHARES.forgotToComplete) ? need : rng.int(0, need - 1);
      this.openStage(moves, draft, stage, from, records);
    };
    if (keepsGoing || rng.chance(SHARES.startsNextStage)) open(MIDDLE_STAGES[index]!, start);
    const later = MIDDLE_STAGES.slice(index + 1);
    if (later.length > 0 && rng.chance(SHARES.startsAnotherStage)) open(rng.pick(later), this.later(start, 0, 30));
  }

  private planCapital(moves: Move[], draft: Draft, start: number, completes: boolean): void {
    const rng = this.rng;
    let at = start;
    const lender = rng.pick(this.partners.forStage("capital", draft.cohort.district.id));
    const product = rng.pick(CAPITAL_PRODUCTS);
    const amount = rng.int(5, 100) * 1_000_000;
    const record = (kind: EvidenceKind, details: Record<string, unknown>) =>
      moves.push(this.capitalMove(lender, kind, { lender: lender.name, product, ...details }, at));
    if (rng.chance(0.5)) {
      moves.push({ at, event: { type: "START", stage: "capital" } });
      at = this.later(at, 3, 30);
    }
    record("capital_applied", { amount });
    if (rng.chance(SHARES.capitalRejectedFirst)) {
      at = this.later(at, 14, 45);
      record("capital_rejected", { reason: rng.pick(["Agunan belum memadai", "Riwayat usaha kurang dari 6 bulan"]) });
      at = this.later(at, 14, 60);
      record("capital_applied", { amount: Math.round(amount / 2_000_000) * 1_000_000 || 1_000_000 });
    }
    if (!completes) return;
    at = this.later(at, 14, 45);
    record("capital_approved", { amount });
    if (rng.chance(0.8)) {
      at = this.later(at, 3, 21);
      record("capital_disbursed", { amount });
    }
    at = this.later(at, 0, 5);
    moves.push({ at, event: { type: "COMPLETE", stage: "capital" } });
  }

  /** Some pause midway: on hold, or withdrawn and later reinstated; everything after moves back. */
  private insertPause(moves: Move[]): void {
    const rng = this.rng;
    const u = rng.next();
    if (moves.length < 2 || u >= SHARES.pauseMidway + SHARES.withdrawAndReturn) return;
    const hold = u < SHARES.pauseMidway;
    const split = rng.int(1, moves.length - 1);
    const from = moves[split - 1]!.at + rng.int(1 * HOUR, 2 * DAY);
    const length = rng.int(14, hold ? 90 : 180) * DAY;
    for (let i = split; i < moves.length; i++) moves[i]!.at += length + 2 * DAY;
    const pause: Move[] = hold
      ? [
          { at: from, event: { type: "HOLD", reason: rng.pick(HOLD_REASONS) } },
          { at: from + length, event: { type: "RESUME" } },
        ]
      : [
          { at: from, event: { type: "WITHDRAW", reason: rng.pick(WITHDRAW_REASONS) } },
          { at: from + length, event: { type: "REINSTATE" } },
        ];
    moves.splice(split, 0, ...pause);
  }

  /**
   * Many who stop are withdrawn some months after their last move, the more and the sooner the more
   * diligent their mentor; a few are put on hold; the rest stay active, and stall.
   */
  private withEnding(moves: Move[], draft: Draft): Move[] {
    const rng = this.rng;
    const last = moves.length ? moves[moves.length - 1]!.at : draft.registeredAt;
    const diligence = draft.cohort.mentorDiligence;
    const u = rng.next();
    if (u < diligence) {
      const wait = 30 + Math.round((1 - diligence) * 300);
      moves.push({ at: this.later(last, wait, wait + 120), event: { type: "WITHDRAW", reason: rng.pick(WITHDRAW_REASONS) } });
    } else if (u < diligence + SHARES.holdAtEnd) {
      const held = this.later(last, 3, 60);
      moves.push({ at: held, event: { type: "HOLD", reason: rng.pick(HOLD_REASONS) } });
      if (rng.chance(SHARES.withdrawAfterHold)) {
        moves.push({ at: this.later(held, 60, 240), event: { type: "WITHDRAW", reason: rng.pick(WITHDRAW_REASONS) } });
      }
    }
    return moves;
  }

  private evidenceMove(draft: Draft, stage: MiddleStageId, at: number): Move {
    const rng = this.rng;
    // Mentoring sessions are mostly the mentor's own; every other stage names the partner involved.
    const partner =
      stage === "mentoring" && !rng.chance(0.2) ? undefined : rng.pick(this.partners.forStage(stage, draft.cohort.district.id));
    const kind = EVIDENCE_KINDS[stage][0];
    const move: Move = {
      at,
      event: { type: "RECORD_EVIDENCE", stage, kind },
      evidence: {
        details: this.evidenceDetails(draft, stage, at, partner?.name),
        occurredOn: jakartaDate(at - rng.int(0, 3) * DAY),
        organisationId: partner?.id ?? null,
      },
    };
    // Partners record a share of their own outcomes; mentors record the rest.
    if (partner && rng.chance(0.25)) move.byPartnerStaff = partner.staffUserId;
    return move;
  }

  private capitalMove(lender: PartnerRef, kind: EvidenceKind, details: Record<string, unknown>, at: number): Move {
    return {
      at,
      event: { type: "RECORD_EVIDENCE", stage: "capital", kind },
      evidence: { details, occurredOn: jakartaDate(at), organisationId: lender.id },
      byPartnerStaff: this.rng.chance(0.5) ? lender.staffUserId : undefined,
    };
  }

  private evidenceDetails(draft: Draft, stage: MiddleStageId, at: number, partner: string | undefined): Record<string, unknown> {
    const rng = this.rng;
    switch (stage) {
      case "training": {
        const { topic, skill } = rng.pick(TRAINING_TOPICS);
        return { topic, skill, hours: rng.int(4, 24), partnerName: partner };
      }
      case "mentoring":
        return { topic: rng.pick(MENTORING_TOPICS), mode: rng.chance(0.7) ? "tatap_muka" : "daring" };
      case "licensing": {
        const type = rng.pick(LICENCE_TYPES);
        const number = {
          nib: () => `91200${rng.int(10_000_000, 99_999_999)}`,
          p_irt: () => `P-IRT ${rng.int(1_000_000, 9_999_999)}${padded(rng.int(1, 99), 2)}`,
          halal: () => `ID31110000${rng.int(100_000, 999_999)}`,
          trademark: () => `IDM000${rng.int(100_000, 999_999)}`,
          hki: () => `EC00${rng.int(100_000_000, 999_999_999)}`,
        }[type]();
        return { type, number, issuer: partner };
      }
      case "marketing":
        return { channel: rng.pick(MARKETING_CHANNELS), name: partner };
      case "financial_reporting": {
        // The "after" of the indicators: the business's figures grow from its entry figures.
        const years = (at - draft.registeredAt) / (365 * DAY);
        const growth = 1 + years * (0.1 + rng.next() * 0.5);
        return {
          period: jakartaDate(at).slice(0, 7),
          turnover: Math.round((draft.entryTurnover * growth) / 100_000) * 100_000,
          assets: Math.round((draft.entryAssets * growth) / 100_000) * 100_000,
          workers: draft.entryWorkers + rng.int(0, Math.ceil(years * 2)),
        };
      }
    }
  }
}

// ─── Walking a plan ──────────────────────────────────────────────────────────

/**
 * The plan's moves up to "now", as the journey service makes them (move-write.ts): REGISTER and the
 * documents evidence as registerParticipant does, then one move per planned event. The machine's
 * answers are remembered (RememberedSteps), and a plan that breaks the rules throws (a bug here).
 */
function walkJourney(steps: RememberedSteps, draft: Draft, moves: Move[], now: number, userId: number | null): MoveWrite[] {
  const mentorId = draft.cohort.mentorId;
  const registeredBy = draft.hasAccount ? userId : mentorId;
  const registered = draft.registeredAt;
  const writes = [registerWrite(steps, { track: draft.track, channel: draft.channel, actorUserId: registeredBy, at: registered })];
  const add = (move: Move, actorUserId: number | null) =>
    writes.push(moveWrite(steps, writes[writes.length - 1]!.journey, { event: move.event, actorUserId, at: move.at, evidence: move.evidence }));
  add(
    {
      at: registered,
      event: { type: "RECORD_EVIDENCE", stage: "registration", kind: "documents" },
      evidence: { details: { statement: draft.documentsStatement }, occurredOn: jakartaDate(registered), organisationId: null },
    },
    registeredBy,
  );
  for (const move of moves) {
    if (move.at > now) break;
    add(move, move.byPartnerStaff ?? mentorId);
  }
  return writes;
}

// ─── Writing rows ────────────────────────────────────────────────────────────

const USER_COLUMNS = ["id", "email", "name", "role", "password_hash", "phone", "created_at"];

/**
 * Participants (with their own accounts, for those who registered on the web) in id order: the
 * journey writer writes each one's row, log, evidence and counters; only the accounts are written here.
 */
class PeopleWriter {
  private nextParticipantId = 1;
  private nextUserId: number;
  private readonly insertUser;
  readonly journeys: JourneyWriter;

  constructor(
    db: Db,
    private readonly passwordHash: string,
  ) {
    const sqlite = db.$client;
    this.insertUser = sqlite.prepare(`INSERT INTO users (${USER_COLUMNS.join(", ")}) VALUES (${USER_COLUMNS.map(() => "?").join(", ")})`);
    this.nextUserId = (sqlite.prepare("SELECT max(id) AS last FROM users").get() as { last: number }).last + 1;
    this.journeys = new JourneyWriter(db);
  }

  /** The ids the next participant and its account (if any) will get: the log names the account as actor. */
  ids(draft: Draft): { participantId: number; userId: number | null } {
    return { participantId: this.nextParticipantId++, userId: draft.hasAccount ? this.nextUserId++ : null };
  }

  write(draft: Draft, ids: { participantId: number; userId: number | null }, moves: MoveWrite[]): void {
    const { participantId, userId } = ids;
    if (userId !== null) {
      this.insertUser.run(userId, `umkm.${participantId}@pas.demo`, draft.fullName, "entrepreneur", this.passwordHash, draft.phone, draft.registeredAt);
    }
    this.journeys.insert(
      {
        id: participantId,
        userId,
        fullName: draft.fullName,
        ...nikColumns(draft.nik),
        phone: draft.phone,
        track: draft.track,
        domicileBasis: draft.domicileBasis,
        channel: draft.channel,
        businessName: draft.businessName,
        sector: draft.sector,
        documentsStatement: draft.documentsStatement,
        districtId: draft.cohort.district.id,
        cohortId: draft.cohort.id,
        agencyId: draft.agencyId,
        mentorId: draft.cohort.mentorId,
        entryTurnover: draft.entryTurnover,
        entryAssets: draft.entryAssets,
        entryWorkers: draft.entryWorkers,
        createdAt: draft.registeredAt,
      },
      moves,
    );
  }
}

// ─── Summary ─────────────────────────────────────────────────────────────────

/** The funnel, the statuses and the stalled count, read back from the written database. */
function readFigures(db: Db, now: number): Pick<GenerateSummary, "funnel" | "statuses" | "stalled" | "dormant" | "activeNotDormant"> {
  const sqlite = db.$client;
  const reached = STAGES.map((_, i) =>
    i === 0 ? "sum(p1_state = 'verified')" : `sum(p${i + 1}_state IN ('done', 'waived'))`,
  );
  const row = sqlite.prepare(`SELECT ${reached.map((expr, i) => `${expr} AS p${i + 1}`).join(", ")} FROM participants`).get() as Record<string, number>;
  const funnel = STAGES.map((_, i) => row[`p${i + 1}`] ?? 0);
  const statuses = { active: 0, on_hold: 0, withdrawn: 0, graduated: 0 } as Record<ParticipantStatus, number>;
  for (const r of sqlite.prepare("SELECT status, count(*) AS n FROM participants GROUP BY status").all() as { status: ParticipantStatus; n: number }[]) {
    statuses[r.status] = r.n;
  }
  const counted = (condition: ReturnType<typeof stalledCondition>) => db.select({ n: count() }).from(t.participants).where(condition).get()!.n;
  return {
    funnel,
    statuses,
    stalled: counted(stalledCondition(now)),
    dormant: counted(dormantCondition(now)),
    activeNotDormant: counted(activeCondition(now)),
  };
}

export function formatSummary(s: GenerateSummary, out: string): string {
  const n = (x: number) => x.toLocaleString("en");
  const share = (x: number) => `${((100 * x) / s.participants).toFixed(1)}%`;
  const lines = [
    `Generated ${out} in ${s.seconds.toFixed(1)} s (${(s.fileBytes / 1024 / 1024).toFixed(0)} MiB):`,
    `  participants   ${n(s.participants)}`,
    `  cohorts        ${n(s.cohorts)}`,
    `  mentors        ${n(s.mentors)}`,
    `  log entries    ${n(s.logEntries)} (${(s.logEntries / s.participants).toFixed(1)} per participant)`,
    `  evidence rows  ${n(s.evidenceRows)}`,
    `  funnel (done or waived; P1 verified), stored vs the October 2021 report scaled:`,
    ...s.funnel.map(
      (count, i) => `    P${i + 1}  ${n(count).padStart(9)}  ${share(count).padStart(6)}   report ${(100 * REPORTED_FUNNEL[i]!).toFixed(1)}%`,
    ),
    `  statuses       ${Object.entries(s.statuses).map(([k, v]) => `${k} ${n(v)} (${share(v)})`).join(", ")}`,
    `  dormant        ${n(s.dormant)} (${((100 * s.dormant) / Math.max(1, s.statuses.active)).toFixed(1)}% of status active)`,
    `  stalled        ${n(s.stalled)} (${((100 * s.stalled) / Math.max(1, s.activeNotDormant)).toFixed(1)}% of the ${n(s.activeNotDormant)} active, not dormant)`,
  ];
  return lines.join("\n");
}

// ─── Command line ────────────────────────────────────────────────────────────

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      participants: { type: "string", default: "300000" },
      out: { type: "string", default: DEFAULT_OUT },
      seed: { type: "string" },
      now: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  const now = values.now ? Date.parse(`${values.now}T00:00:00Z`) : undefined;
  if (values.now && Number.isNaN(now)) {
    console.error(`--now must be a date like 2026-03-31 (got ${values.now})`);
    process.exit(1);
  }
  const options: GenerateOptions = {
    participants: Number(values.participants),
    out: values.out!,
    seed: values.seed === undefined ? undefined : Number(values.seed),
    now,
    force: values.force,
    log: (line) => console.log(line),
  };
  try {
    const summary = await generateDatabase(options);
    console.log(formatSummary(summary, options.out));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
