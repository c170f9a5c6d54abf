// The generated population: districts with their populations, agencies, coordinators, mentors,
// partners and their agreements, cohorts, and the people who register (drafts of participants).
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { type StageId, type Track } from "../../machines/stages";
import { DAY_MS as DAY } from "../../machines/time";
import { type DomicileBasis, type OrganisationKind } from "../../machines/vocabulary";
import { type Db } from "../client";
import { FIRST_NAMES, LAST_NAMES, SECTORS, type Random } from "../random";
import * as t from "../schema";
import { cohortPlannedEnd, makeNik, seedRegions } from "../seed";
import { INTAKE_DAYS, KEEPS_GOING, SHARES } from "./shape";

// ─── Districts ───────────────────────────────────────────────────────────────

export type DistrictRow = ReturnType<typeof seedRegions>[number];
export type District = DistrictRow & { population: number };

/** Rough 2020 census figures per kecamatan (rounded to the thousand): they weight where people and cohorts are. */
export function withPopulation(rows: DistrictRow[]): District[] {
  const file = join(dirname(fileURLToPath(import.meta.url)), "..", "jakarta-district-population.csv");
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
export function weightedPicker<T>(items: readonly T[], weight: (item: T) => number): (rng: Random) => T {
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
export function apportion(total: number, weights: number[]): number[] {
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

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
export const padded = (n: number, width: number) => String(n).padStart(width, "0");

// ─── Agencies, coordinators, mentors ─────────────────────────────────────────

export type Agencies = { first: { id: number; code: string }; second: { id: number; code: string } };

/** The demo seed's two agencies: Dinas PPKUKM (a mentor per district) and the labour agency (a larger corps). */
export function insertAgencies(db: Db): Agencies {
  const first = db.insert(t.agencies).values({ code: "PPKUKM", name: "Dinas PPKUKM DKI Jakarta" }).returning().get();
  const second = db
    .insert(t.agencies)
    .values({ code: "NAKERTRANSGI", name: "Dinas Tenaga Kerja, Transmigrasi dan Energi" })
    .returning()
    .get();
  return { first, second };
}

/** The province coordinator and one per city, with the demo seed's addresses for the first two. */
export function insertCoordinators(db: Db, passwordHash: string, createdAt: number): void {
  db.insert(t.users).values({ email: "koordinator@pas.demo", name: "Rahmat Hidayat", role: "coordinator", passwordHash, createdAt }).run();
  for (const city of db.select().from(t.cities).all()) {
    const email = city.name === "Jakarta Timur" ? "koordinator.jaktim@pas.demo" : `koordinator.${slug(city.name)}@pas.demo`;
    db.insert(t.users)
      .values({ email, name: `Koordinator ${city.name}`, role: "coordinator", cityId: city.id, passwordHash, createdAt })
      .run();
  }
}

export type SecondAgencyMentor = { id: number; districtIds: number[] };
export type Mentors = {
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

export function personName(rng: Random, female: boolean): string {
  // The demo seed's split of FIRST_NAMES: women's names first, then men's, then women's again.
  const first = female
    ? rng.pick(FIRST_NAMES.slice(0, 10).concat(FIRST_NAMES.slice(20, 27)))
    : rng.pick(FIRST_NAMES.slice(10, 20).concat(FIRST_NAMES.slice(27)));
  return `${first} ${rng.pick(LAST_NAMES)}`;
}

export function phoneNumber(rng: Random): string {
  return `08${rng.pick(["12", "13", "21", "57", "77", "95"])}${rng.int(10_000_000, 99_999_999)}`;
}

/**
 * The first agency: one mentor per district. The second: a corps spread over districts by
 * population, each mentor assigned a home district and up to two more in the same city.
 */
export function insertMentors(
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

export type PartnerSpec = {
  name: string;
  kind: OrganisationKind;
  stages: StageId[];
  offer: string;
  /** Attached to the districts of one city only (a campus serves its neighbourhood). */
  city?: string;
  /** Its agreement has lapsed: its offers should stop showing. */
  lapsed?: boolean;
};

export const PARTNERS: PartnerSpec[] = [
  {
    name: "Bank DKI",
    kind: "bank",
    stages: ["capital", "financial_reporting"],
    offer: "Kredit usaha mikro (KUR) dan pendampingan pembukuan",
  },
  { name: "Bank Rakyat Indonesia", kind: "bank", stages: ["capital"], offer: "Kredit Usaha Rakyat mikro" },
  { name: "Bank Negara Indonesia", kind: "bank", stages: ["capital"], offer: "KUR kecil dan rekening usaha" },
  { name: "Bank Syariah Indonesia", kind: "bank", stages: ["capital"], offer: "Pembiayaan usaha mikro syariah" },
  { name: "PNM Mekaar", kind: "financial_institution", stages: ["capital"], offer: "Pembiayaan kelompok untuk perempuan pelaku usaha" },
  { name: "Amartha", kind: "financial_institution", stages: ["capital"], offer: "Pendanaan usaha mikro (P2P lending)" },
  { name: "KoinWorks", kind: "financial_institution", stages: ["capital"], offer: "Pinjaman modal kerja daring" },
  {
    name: "Koperasi Jasa Keuangan Sejahtera",
    kind: "financial_institution",
    stages: ["capital"],
    offer: "Pinjaman lunak anggota",
    lapsed: true,
  },
  {
    name: "Bank Indonesia KPw DKI Jakarta",
    kind: "government",
    stages: ["financial_reporting"],
    offer: "Pelatihan aplikasi pencatatan keuangan SI APIK",
  },
  { name: "BukuWarung", kind: "financial_institution", stages: ["financial_reporting"], offer: "Aplikasi pembukuan dan laporan usaha" },
  { name: "BukuKas", kind: "financial_institution", stages: ["financial_reporting"], offer: "Aplikasi kas dan laporan bulanan" },
  {
    name: "Universitas Negeri Jakarta",
    kind: "university",
    stages: ["training"],
    offer: "Pelatihan manajemen usaha dan pemasaran digital",
    city: "Jakarta Timur",
  },
  {
    name: "Universitas Indonesia",
    kind: "university",
    stages: ["training"],
    offer: "Pelatihan kewirausahaan dan inovasi produk",
    city: "Jakarta Pusat",
  },
  {
    name: "Universitas Trisakti",
    kind: "university",
    stages: ["training"],
    offer: "Pelatihan desain kemasan dan merek",
    city: "Jakarta Barat",
  },
  {
    name: "Politeknik Negeri Jakarta",
    kind: "university",
    stages: ["training"],
    offer: "Pelatihan keterampilan produksi",
    city: "Jakarta Selatan",
  },
  {
    name: "Universitas Bung Karno",
    kind: "university",
    stages: ["training"],
    offer: "Pelatihan pemasaran dan layanan pelanggan",
    city: "Jakarta Utara",
  },
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
export type Partners = {
  organisations: number;
  forStage(stage: StageId, districtId: number): PartnerRef[];
};
export type PartnerRef = { id: number; name: string; staffUserId: number };

/** Partner organisations, their MoU / PKS, their offers on stages, and one staff account each. */
export function insertPartners(db: Db, districts: District[], passwordHash: string, now: number): Partners {
  const byStage = new Map<string, PartnerRef[]>();
  const attach = (key: string, ref: PartnerRef) => byStage.set(key, [...(byStage.get(key) ?? []), ref]);
  const year = new Date(now).getUTCFullYear();
  PARTNERS.forEach((spec, i) => {
    const organisationId = db
      .insert(t.organisations)
      .values({
        name: spec.name,
        kind: spec.kind,
        contactName: "Humas",
        contactEmail: `kemitraan@${slug(spec.name)}.demo`,
        createdAt: now - 4 * 365 * DAY,
      })
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
        db.insert(t.stagePartners)
          .values({ organisationId, agreementId: pks, stage, districtId: district?.id ?? null, offer: spec.offer })
          .run();
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

export type Cohort = {
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
export function insertCohorts(
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
  const sizes = apportion(
    participants,
    drafts.map(() => 0.4 + rng.next() * 1.2),
  );

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
    insert.run(
      cohort.id,
      seen === 1 ? base : `${base} (${seen})`,
      draft.district.id,
      draft.agencyId,
      jakartaDate(draft.intake),
      plannedEndOn,
      draft.intake - 30 * DAY,
    );
    return cohort;
  });
}

// ─── People ──────────────────────────────────────────────────────────────────

/** Everything about one registration except its journey. */
export type Draft = {
  cohort: Cohort;
  agencyId: number;
  fullName: string;
  nik: string;
  phone: string;
  track: Track;
  domicileBasis: DomicileBasis;
  channel: "web" | "office";
  businessName: string;
  sector: string;
  documentsStatement: string;
  entryTurnover: number;
  entryAssets: number;
  entryWorkers: number;
  entryHasNib: boolean;
  registeredAt: number;
  /** Registered on the web: they have their own account. */
  hasAccount: boolean;
};

export type Person = { fullName: string; nik: string; track: Track; domicileBasis: Draft["domicileBasis"] };

export const BUSINESS_SUFFIXES = ["Jaya", "Berkah", "Makmur", "Sejahtera", "Mandiri", "Barokah"];

/** Provinces whose people most often live and work in Jakarta without a DKI KTP. */
export const MIGRANT_PROVINCES = ["32", "33", "35", "36", "18", "12"];

export class People {
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
        person.track === "pemula" ? "Rencana usaha terlampir" : "Rencana pengembangan usaha dan bukti kepemilikan usaha terlampir",
      ...this.baseline(person.track),
      registeredAt,
      hasAccount: channel === "web",
    };
  }

  /**
   * The baseline at P1: workers count the owner; a naik kelas business of some size already has its
   * NIB. A naik kelas business with four workers or more is an established one, its figures at a
   * larger scale (some near the small-business bounds, so that growth makes a few climb a class);
   * the draws are the same, so the random stream is too.
   */
  private baseline(track: Track) {
    const turnover = this.rng.int(1, 30);
    const assets = this.rng.int(2, 80);
    const entryWorkers = this.rng.int(0, 5) + 1;
    const established = track === "naik_kelas" && entryWorkers >= 4;
    const entryTurnover = turnover * (established ? 6_000_000 : 1_000_000);
    const entryAssets = assets * (established ? 12_500_000 : 1_000_000);
    return { entryTurnover, entryAssets, entryWorkers, entryHasNib: track === "naik_kelas" && entryTurnover >= 10_000_000 };
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
