// Bad input never crashes the server and never changes anything. Property-based: for every form
// action, fast-check sends the form's valid fields with random and hostile values mixed in (wrong
// types, empty, 100 kB strings, SQL and HTML fragments, unicode, RTL marks and NUL bytes, bad NIKs,
// odd numbers and dates, duplicate and missing keys, arrays for scalars) over HTTP to the real
// server, signed in as a role that may use the form. Each request keeps at least one field certainly
// invalid (or states a stale version), so no change can legitimately happen: the answer must be a
// 4xx that says why in words, never a 500, and the whole database must be exactly as before.
import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedParts, databaseFingerprint, refusalTexts, saysWhy } from "../helpers/fingerprint";
import { postForm, sameOriginHeaders, signIn, startServer, type TestServer } from "../helpers/server";

const SEED = 20260522;
const RUNS = 24;
/** What a refusal may answer (429: sign-in throttled; 415: a body of a type no form sends, refused by the server before any action). */
const REFUSALS = [400, 404, 409, 413, 415, 422, 429];

type Role = "anonymous" | "entrepreneur" | "partner" | "mentor" | "coordinator";
type Fields = Record<string, string | string[]>;

/** Records the forms act on, found (or arranged) once the server is up. */
type Ctx = {
  participant: number;
  version: (participantId: number) => number;
  cakungDistrict: number;
  gambirDistrict: number;
  mentorCakung: number;
  agency: number;
  cohort: number;
  organisation: number;
  agreement: number;
  mentorUser: number;
  pendingReport: number;
  referred: number;
  referral: number;
  invitationToken: string;
  accountInviteToken: string;
  /** A working password reset link's token (asked for mitra@pas.demo through /lupa-sandi). */
  resetToken: string;
  bulkItems: string[];
  today: string;
  /** The demo's open survey round, its statements (in order) and its instrument (used by that round). */
  surveyRound: number;
  surveyStatements: number[];
  instrument: number;
};

type FormSpec = {
  /** route file in app/routes that handles the post */
  route: string;
  name: string;
  role: Role;
  path: (ctx: Ctx) => string;
  /** A valid submission (that the invalidator then spoils). */
  base: (ctx: Ctx) => Fields;
  /** Ways to make the submission certainly refused; each applied last, over whatever was generated. */
  invalid: Invalidator[];
  /** Fields never overwritten by generated values (they select which schema applies). */
  keep?: string[];
  /**
   * Fields a person never types (hidden inputs, choices made by buttons). A refusal caused by a
   * scripted value in one of them, or by an array or duplicate where one value belongs, must still be
   * a 4xx that changes nothing, but need not explain itself on the form: no person can cause it.
   */
  hidden?: string[];
  /** Sent as multipart/form-data with a generated CSV file in "file" (the import upload). */
  upload?: boolean;
  /** The file input the generated file is sent in, when not "file" (e.g. the KTP photo of /daftar). */
  fileField?: string;
  /** The page shows no such form (P7's evidence before P7 opens): only a script can post it. */
  noFormShown?: boolean;
  /** Forms whose every input is legitimately accepted: they must redirect to this site and change nothing. */
  alwaysRedirects?: boolean;
};

type Invalidator = (ctx: Ctx) => Fields;
/** One invalidator per value of a field. */
const each = (field: string, values: readonly string[]): Invalidator[] => values.map((value) => () => ({ [field]: value }));
const stale = (ctx: Ctx) => String(Math.max(1, ctx.version(ctx.participant) - 1));
const BAD_DATES = ["0000-00-00", "2026-02-30", "9999-12-31", "2026-01-01T10:00:00Z", "31/12/2025", "", "1999-12-31"];
const BAD_NIKS = ["123", "3172015508900001x", "31720155089000011", "9972015508900001", "3172019908900001", "3172015513900001", "ＳＳＳＳ", "3172 0155 0890 00"];

const evidence = (stage: string, kind: string, fields: Fields, noFormShown = false): FormSpec => ({
  noFormShown,
  route: "peserta.$id.tsx",
  name: `participant evidence (${stage})`,
  role: "mentor",
  path: (ctx) => `/peserta/${ctx.participant}`,
  base: (ctx) => ({ intent: "evidence", formId: `evidence-${stage}`, version: String(ctx.version(ctx.participant)), stage, kind, occurredOn: ctx.today, ...fields }),
  invalid: [(ctx) => ({ version: stale(ctx) }), (ctx) => ({ version: stale(ctx), occurredOn: "2026-02-30" })],
  keep: ["version"],
  hidden: ["intent", "formId", "version", "stage", "kind", "skill", "licenceType", "channel", "organisationId"],
});

/** Every form action, one entry each: adding a form is adding a line here. */
const FORMS: FormSpec[] = [
  {
    route: "peserta.$id.tsx",
    name: "participant move",
    role: "mentor",
    path: (ctx) => `/peserta/${ctx.participant}`,
    base: (ctx) => ({ intent: "move", formId: "move-HOLD", version: String(ctx.version(ctx.participant)), event: "HOLD", stage: "training", reason: "Sakit" }),
    invalid: [(ctx) => ({ version: stale(ctx) }), () => ({ version: "0" }), () => ({ version: "1e309" })],
    keep: ["version"],
    hidden: ["intent", "formId", "version", "event", "stage"],
  },
  evidence("training", "training_attended", { topic: "Pemasaran digital", skill: "soft" }),
  evidence("mentoring", "mentoring_session", { topic: "Harga jual", notes: "Catatan" }),
  evidence("licensing", "licence", { licenceType: "nib", licenceNumber: "1234567890123", issuer: "DPMPTSP" }),
  evidence("marketing", "marketing_channel", { channel: "marketplace", channelName: "Tokopedia" }),
  evidence("financial_reporting", "financial_report", { period: "2025-12", turnover: "15000000", assets: "30000000", workers: "2" }),
  evidence("capital", "capital_disbursed", { lender: "Bank DKI", product: "KUR Mikro", amount: "25000000" }, true),
  {
    route: "daftar.tsx",
    name: "self-registration",
    role: "anonymous",
    path: () => "/daftar",
    base: (ctx) => ({
      fullName: "Dewi Lestari",
      nik: "3172014506920003",
      phone: "081298765432",
      track: "pemula",
      businessName: "Dapur Dewi",
      sector: "kuliner",
      districtId: String(ctx.cakungDistrict),
      businessPlan: "on",
      email: "dewi.baru@contoh.id",
      password: "kata-sandi-panjang",
    }),
    invalid: [...each("nik", BAD_NIKS), () => ({ password: "pendek" }), () => ({ email: "bukan-email" })],
    hidden: ["track", "sector", "districtId", "domicileBasis", "businessPlan", "developmentPlan", "ownershipProof"],
  },
  {
    // The same form as the page sends it, multipart with a KTP photo (a generated CSV: refused, never kept).
    route: "daftar.tsx",
    name: "self-registration with documents",
    role: "anonymous",
    path: () => "/daftar",
    base: (ctx) => ({
      fullName: "Dewi Lestari",
      nik: "3172014506920003",
      phone: "081298765432",
      track: "pemula",
      businessName: "Dapur Dewi",
      sector: "kuliner",
      districtId: String(ctx.cakungDistrict),
      businessPlan: "on",
      email: "dewi.baru@contoh.id",
      password: "kata-sandi-panjang",
    }),
    invalid: [...each("nik", BAD_NIKS.slice(0, 3)), () => ({ email: "bukan-email" }), () => ({})],
    hidden: ["track", "sector", "districtId", "domicileBasis", "businessPlan", "developmentPlan", "ownershipProof"],
    upload: true,
    fileField: "ktpFile",
  },
  {
    route: "peserta.baru.tsx",
    name: "walk-in registration",
    role: "mentor",
    path: () => "/peserta/baru",
    base: (ctx) => ({
      fullName: "Rudi Hartono",
      nik: "3172011203880004",
      phone: "081311223344",
      track: "naik_kelas",
      businessName: "Bengkel Rudi",
      sector: "jasa",
      districtId: String(ctx.cakungDistrict),
      developmentPlan: "on",
      ownershipProof: "on",
    }),
    invalid: [...each("nik", BAD_NIKS), (ctx) => ({ districtId: String(ctx.gambirDistrict) })],
    hidden: ["track", "sector", "districtId", "domicileBasis", "businessPlan", "developmentPlan", "ownershipProof"],
  },
  {
    route: "masuk.tsx",
    name: "sign-in",
    role: "anonymous",
    path: () => "/masuk",
    base: () => ({ email: "mentor.cakung@pas.demo", password: "demo-pas-2026", redirectTo: "/peserta" }),
    invalid: [() => ({ password: "salah-sekali" }), () => ({ email: "bukan-email" }), () => ({ email: "tidak.ada@pas.demo" }), () => ({ password: "x".repeat(300) })],
    hidden: ["redirectTo"],
  },
  {
    route: "daftar_.kode.tsx",
    name: "sign-up code",
    role: "anonymous",
    path: () => "/daftar/kode",
    // No sign-up is waiting under this ticket: every code is refused and nothing is made.
    base: () => ({ n: "99999999", code: "123456" }),
    invalid: [() => ({ code: "12ab56" }), () => ({ code: "1234567" }), () => ({ code: "654321" })],
    hidden: ["n"],
  },
  {
    route: "masuk_.telepon.tsx",
    name: "sign-in by phone",
    role: "anonymous",
    path: () => "/masuk/telepon",
    base: () => ({ phone: "081234567890" }),
    invalid: [() => ({ phone: "12345" }), () => ({ phone: "bukan nomor" }), () => ({ phone: "+1 202 555 0100" })],
  },
  {
    route: "lupa-sandi.tsx",
    name: "password reset request",
    role: "anonymous",
    path: () => "/lupa-sandi",
    base: () => ({ email: "umkm@pas.demo" }),
    invalid: [() => ({ email: "bukan-email" }), () => ({ email: "" })],
  },
  {
    route: "atur-sandi.$token.tsx",
    name: "password reset",
    role: "anonymous",
    path: (ctx) => `/atur-sandi/${ctx.resetToken}`,
    base: () => ({ password: "kata-sandi-panjang", confirm: "kata-sandi-panjang" }),
    invalid: [() => ({ confirm: "lain-sekali-ini" }), () => ({ password: "pendek", confirm: "pendek" })],
  },
  {
    route: "akun.sandi.tsx",
    name: "password change",
    role: "entrepreneur",
    path: () => "/akun/sandi",
    base: () => ({ current: "demo-pas-2026", password: "kata-sandi-baru-sekali", confirm: "kata-sandi-baru-sekali" }),
    // A wrong current password is refused too, but counts as a failed sign-in: not tried here.
    invalid: [() => ({ confirm: "lain-sekali-ini" }), () => ({ password: "pendek", confirm: "pendek" })],
    keep: ["current"],
  },
  {
    route: "bahasa.tsx",
    name: "language switch",
    role: "anonymous",
    path: () => "/bahasa",
    base: () => ({ lng: "en", redirectTo: "/masuk" }),
    invalid: [() => ({ redirectTo: "//evil.example/" }), () => ({ redirectTo: "https://evil.example/" }), () => ({ lng: "xx" })],
    alwaysRedirects: true,
  },
  {
    route: "peserta.$id_.hambatan.tsx",
    name: "stall note",
    role: "mentor",
    path: (ctx) => `/peserta/${ctx.participant}/hambatan`,
    base: (ctx) => ({ intent: "save", waitsOn: "bank", followUpOn: ctx.today, note: "Menunggu bank" }),
    invalid: [...each("followUpOn", [...BAD_DATES, "2020-01-01", "2099-01-01"]), () => ({ waitsOn: "semua" })],
    keep: ["intent"],
    hidden: ["intent", "waitsOn"],
  },
  {
    route: "peserta.$id_.hambatan.tsx",
    name: "stall note clearing",
    role: "mentor",
    path: (ctx) => `/peserta/${ctx.participant}/hambatan`,
    base: () => ({ intent: "clear", noteId: "1" }),
    invalid: [() => ({ noteId: "99999999" }), () => ({ noteId: "-1" }), () => ({ noteId: "1e3" })],
    keep: ["intent"],
    hidden: ["intent", "noteId"],
  },
  {
    // Every file in the upload is a generated CSV: never a photo or a PDF, so never stored.
    route: "peserta.$id_.berkas.tsx",
    name: "file upload",
    role: "mentor",
    path: (ctx) => `/peserta/${ctx.participant}/berkas`,
    base: () => ({ purpose: "ktp" }),
    invalid: [...each("purpose", ["paspor", "evidence", ""]), ...each("evidenceId", ["0", "99999999", "1e3", "-1"])],
    hidden: ["purpose", "evidenceId", "returnTo"],
    upload: true,
  },
  {
    route: "berkas.$id.tsx",
    name: "file withdrawal",
    role: "mentor",
    path: () => "/berkas/99999999",
    base: () => ({ intent: "withdraw" }),
    invalid: [...each("intent", ["", "hapus", "withdraw"])],
    hidden: ["intent", "returnTo"],
  },
  {
    route: "peserta.$id_.alihkan.tsx",
    name: "handoff",
    role: "mentor",
    path: (ctx) => `/peserta/${ctx.participant}/alihkan`,
    base: (ctx) => ({
      districtId: String(ctx.cakungDistrict),
      mentorId: String(ctx.mentorCakung),
      reason: "Pindah domisili",
      version: String(ctx.version(ctx.participant)),
      fromDistrictId: String(ctx.cakungDistrict),
      fromMentorId: String(ctx.mentorCakung),
    }),
    invalid: [(ctx) => ({ version: stale(ctx) }), () => ({ districtId: "99999999" }), () => ({ mentorId: "99999999" })],
    hidden: ["districtId", "mentorId", "version", "fromDistrictId", "fromMentorId"],
  },
  {
    route: "peserta.$id_.laporan-mandiri.tsx",
    name: "self-report review",
    role: "mentor",
    path: (ctx) => `/peserta/${ctx.participant}/laporan-mandiri`,
    base: (ctx) => ({ evidenceId: String(ctx.pendingReport), version: String(ctx.version(ctx.participant)), decision: "accept", note: "" }),
    // Declining is not a journey move (it checks no version): only accepting is made stale.
    invalid: [(ctx) => ({ decision: "accept", version: stale(ctx) }), () => ({ decision: "decline", note: "" }), () => ({ decision: "hapus" }), () => ({ evidenceId: "99999999" })],
    keep: ["decision"],
    hidden: ["evidenceId", "version", "decision"],
  },
  {
    route: "peserta.$id_.rujuk.tsx",
    name: "referral",
    role: "mentor",
    path: (ctx) => `/peserta/${ctx.participant}/rujuk`,
    base: () => ({ stagePartnerId: "1" }),
    invalid: each("stagePartnerId", ["99999999", "0", "-4", "1.5", "' OR 1=1 --", ""]),
    hidden: ["stagePartnerId"],
  },
  {
    route: "saya.tsx",
    name: "entrepreneur's self-report",
    role: "entrepreneur",
    path: () => "/saya",
    base: () => ({ period: "2025-11", turnover: "12.500.000", assets: "40000000", workers: "3" }),
    invalid: [...each("period", ["2026-13", "9999-12", "0000-00", "2026-1", "1999-12", "2026-02-30"]), ...each("workers", ["-1", "NaN", "1e3", "3.5", "99999999"])],
  },
  {
    // The same form as the page sends it, multipart with a file (a generated CSV: never stored).
    route: "saya.tsx",
    name: "entrepreneur's self-report with files",
    role: "entrepreneur",
    path: () => "/saya",
    base: () => ({ period: "2025-11", turnover: "12.500.000", assets: "40000000", workers: "3" }),
    invalid: [...each("period", ["2026-13", "9999-12", "2026-02-30"]), ...each("workers", ["-1", "1e3"]), () => ({})],
    upload: true,
  },
  {
    route: "massal.tsx",
    name: "bulk recording",
    role: "mentor",
    path: (ctx) => `/massal?${ctx.bulkItems.map((item) => `id=${item.split(":")[0]}`).join("&")}`,
    base: (ctx) => ({ peserta: ctx.bulkItems, activity: "training", occurredOn: ctx.today, topic: "Foto produk", skill: "soft", complete: "on" }),
    invalid: [...each("occurredOn", BAD_DATES), () => ({ topic: "   " }), () => ({ activity: "training", skill: "medium" })],
    hidden: ["peserta", "activity", "skill", "organisationId", "complete"],
  },
  {
    route: "peserta.tidak-aktif.tsx",
    name: "closing dormant participants",
    role: "mentor",
    path: () => "/peserta/tidak-aktif",
    base: (ctx) => ({ peserta: ctx.bulkItems, reason: "Tidak melanjutkan program" }),
    invalid: [() => ({ reason: "   " }), () => ({ reason: "" })],
    hidden: ["peserta"],
  },
  {
    route: "kolaborasi.jawab.$roundId.tsx",
    name: "survey answers",
    role: "entrepreneur",
    path: (ctx) => `/kolaborasi/jawab/${ctx.surveyRound}`,
    base: (ctx) => ({ intent: "submit", ...Object.fromEntries(ctx.surveyStatements.map((id) => [`s${id}`, "4"])) }),
    invalid: [
      ...["0", "6", "-1", "4.5", "empat", "3 "].map((value) => (ctx: Ctx) => ({ [`s${ctx.surveyStatements[0]}`]: value })),
      () => ({ s99999999: "3" }),
    ],
    keep: ["intent"],
    hidden: ["intent"],
  },
  {
    route: "kolaborasi.buka.tsx",
    name: "open a survey round",
    role: "coordinator",
    path: () => "/kolaborasi/buka",
    base: (ctx) => ({ name: "Putaran Uji", periodStart: ctx.today, periodEnd: ctx.today, instrumentId: String(ctx.instrument), scope: "districts", districtIds: String(ctx.cakungDistrict), groups: ["mentor", "entrepreneur"] }),
    invalid: [
      ...each("periodStart", BAD_DATES),
      () => ({ periodStart: "2026-06-01", periodEnd: "2026-05-31" }),
      () => ({ name: "  " }),
      () => ({ instrumentId: "99999999" }),
      () => ({ scope: "districts", districtIds: "99999999" }),
      () => ({ groups: "semua" }),
    ],
    hidden: ["instrumentId", "scope", "districtIds", "groups"],
  },
  {
    route: "kolaborasi._index.tsx",
    name: "survey overview buttons",
    role: "coordinator",
    path: () => "/kolaborasi",
    base: (ctx) => ({ intent: "close", roundId: String(ctx.surveyRound) }),
    invalid: [() => ({ roundId: "99999999" }), () => ({ intent: "delete" }), () => ({ roundId: "0" }), () => ({ intent: "copy", instrumentId: "99999999" })],
    hidden: ["intent", "roundId", "instrumentId"],
  },
  {
    // The demo's only instrument is in use by its rounds: every edit is refused, and says so.
    route: "kolaborasi.instrumen.$id.tsx",
    name: "survey instrument edit",
    role: "coordinator",
    path: (ctx) => `/kolaborasi/instrumen/${ctx.instrument}`,
    base: () => ({ nameId: "Instrumen Uji", nameEn: "Test instrument" }),
    invalid: [() => ({ nameId: "" }), () => ({ nameId: "Diubah" })],
  },
  {
    route: "kohort.baru.tsx",
    name: "new cohort",
    role: "coordinator",
    path: () => "/kohort/baru",
    base: (ctx) => ({ name: "Angkatan Uji", districtId: String(ctx.cakungDistrict), agencyId: String(ctx.agency), intakeDate: ctx.today }),
    invalid: [...each("intakeDate", BAD_DATES), () => ({ name: "  " }), () => ({ agencyId: "99999999" }), () => ({ districtId: "99999999" })],
    hidden: ["districtId", "agencyId"],
  },
  {
    route: "kohort.$id_.ubah.tsx",
    name: "cohort edit",
    role: "coordinator",
    path: (ctx) => `/kohort/${ctx.cohort}/ubah`,
    base: (ctx) => ({ name: "Angkatan Ganti Nama", intakeDate: ctx.today }),
    invalid: [...each("intakeDate", BAD_DATES), () => ({ name: "" })],
  },
  {
    route: "kohort.$id_.anggota.tsx",
    name: "cohort members",
    role: "coordinator",
    path: (ctx) => `/kohort/${ctx.cohort}/anggota`,
    base: (ctx) => ({ intent: "add-participant", memberId: String(ctx.participant) }),
    invalid: [() => ({ memberId: "99999999" }), () => ({ intent: "add-everyone" }), () => ({ memberId: "0" }), () => ({ intent: "add-mentor", memberId: "99999999" })],
    hidden: ["intent", "memberId", "q"],
  },
  {
    route: "aturan.tsx",
    name: "stage rules",
    role: "coordinator",
    path: () => "/aturan",
    base: () => ({
      limit_registration: "14",
      limit_training: "60",
      limit_mentoring: "90",
      limit_licensing: "90",
      limit_marketing: "90",
      limit_financial_reporting: "90",
      limit_capital: "120",
      inactivityDays: "30",
      cohortThresholdPercent: "30",
      mentoringSessions: "3",
    }),
    invalid: [...each("limit_training", ["0", "366", "1.5", "-3", "abc", "", "1e309", "NaN"]), () => ({ mentoringSessions: "21" })],
  },
  {
    route: "pengguna.undang.tsx",
    name: "invitation",
    role: "coordinator",
    path: () => "/pengguna/undang",
    base: (ctx) => ({ role: "mentor", name: "Mentor Baru", email: "mentor.baru@contoh.id", agencyId: String(ctx.agency), districtIds: String(ctx.cakungDistrict) }),
    invalid: [
      ...each("email", ["bukan-email", "", "a@", `${"x".repeat(300)}@contoh.id`, "mentor.cakung@pas.demo"]),
      () => ({ role: "entrepreneur" }),
      () => ({ role: "mentor", districtIds: "99999999" }),
    ],
    hidden: ["role", "agencyId", "districtIds", "cityId"],
  },
  {
    route: "pengguna.$id.tsx",
    name: "user change",
    role: "coordinator",
    path: (ctx) => `/pengguna/${ctx.mentorUser}`,
    base: (ctx) => ({ intent: "districts", districtIds: String(ctx.cakungDistrict) }),
    invalid: [() => ({ intent: "promote" }), () => ({ intent: "districts", districtIds: "99999999" }), () => ({ intent: "scope", cityId: "99999999" })],
    keep: ["intent"],
    hidden: ["intent", "districtIds", "cityId"],
  },
  {
    route: "organisasi._index.tsx",
    name: "new organisation",
    role: "coordinator",
    path: () => "/organisasi",
    base: () => ({ intent: "organisation", name: "Koperasi Uji", kind: "ngo", contactName: "Budi", contactEmail: "budi@contoh.id", contactPhone: "021-5551234" }),
    invalid: [() => ({ name: "" }), () => ({ kind: "alien" }), () => ({ contactEmail: "bukan-email" }), () => ({ contactPhone: "telepon" })],
    hidden: ["intent", "kind"],
  },
  {
    route: "organisasi.$id.tsx",
    name: "organisation, agreements and stage links",
    role: "coordinator",
    path: (ctx) => `/organisasi/${ctx.organisation}`,
    base: () => ({ intent: "organisation", name: "Bank DKI", kind: "bank" }),
    invalid: [
      () => ({ intent: "organisation", name: "" }),
      () => ({ intent: "agreement", kind: "mou", number: "PKS/1", signedOn: "2026-02-30", validUntil: "2027-01-01", stages: "training" }),
      () => ({ intent: "agreement", kind: "mou", number: "PKS/1", signedOn: "2025-01-01", validUntil: "2024-01-01", stages: "training" }),
      () => ({ intent: "agreement", kind: "mou", number: "PKS/1", signedOn: "2025-01-01", validUntil: "2027-01-01", stages: "registration" }),
      (ctx) => ({ intent: "attach", stage: "capital", agreementId: "99999999", offer: "KUR", districtId: String(ctx.cakungDistrict) }),
      (ctx) => ({ intent: "attach", stage: "capital", agreementId: String(ctx.agreement), offer: "", districtId: String(ctx.cakungDistrict) }),
    ],
    keep: ["intent"],
    hidden: ["intent", "kind", "stages", "districts", "stage", "agreementId", "districtId"],
  },
  {
    route: "mitra.$id.tsx",
    name: "partner outcome",
    role: "partner",
    path: (ctx) => `/mitra/${ctx.referred}`,
    base: (ctx) => ({
      referralId: String(ctx.referral),
      stage: "capital",
      version: String(ctx.version(ctx.referred)),
      occurredOn: ctx.today,
      loanStatus: "capital_disbursed",
      product: "KUR Mikro",
      amount: "10000000",
    }),
    invalid: [(ctx) => ({ version: String(Math.max(1, ctx.version(ctx.referred) - 1)) }), () => ({ occurredOn: "9999-12-31" }), () => ({ referralId: "99999999" })],
    hidden: ["referralId", "stage", "version", "skill", "licenceType", "loanStatus"],
  },
  {
    route: "mitra.$id.tsx",
    name: "lender's loan step",
    role: "partner",
    path: (ctx) => `/mitra/${ctx.referred}`,
    base: (ctx) => ({
      intent: "loan",
      referralId: String(ctx.referral),
      version: String(ctx.version(ctx.referred)),
      step: "approved",
      product: "KUR Mikro",
      amount: "10000000",
      tenorMonths: "12",
      occurredOn: ctx.today,
    }),
    invalid: [
      ...each("amount", ["0", "-5000", "Rp", "1,5", "99999999999999999"]),
      ...each("tenorMonths", ["0", "-1", "1.5", "361", ""]),
      ...each("step", ["macet", "paid"]),
      () => ({ step: "rejected", rejectionReason: "" }),
      () => ({ occurredOn: "9999-12-31" }),
      () => ({ referralId: "99999999" }),
    ],
    hidden: ["intent", "referralId", "version", "step"],
  },
  {
    route: "mitra.$id.tsx",
    name: "lender's repayment status",
    role: "partner",
    path: (ctx) => `/mitra/${ctx.referred}`,
    base: (ctx) => ({ intent: "repayment", referralId: String(ctx.referral), loanId: "1", month: ctx.today.slice(0, 7), collectability: "current" }),
    invalid: [...each("collectability", ["macet", "6", "kolektibilitas_5", ""]), ...each("month", ["2026-13", "9999-12", "2026-1", ""]), ...each("loanId", ["99999999", "0", "-1"])],
    hidden: ["intent", "referralId", "loanId", "collectability"],
  },
  {
    route: "undangan.$token.tsx",
    name: "accepting an invitation",
    role: "anonymous",
    path: (ctx) => `/undangan/${ctx.invitationToken}`,
    base: () => ({ password: "kata-sandi-panjang", confirm: "kata-sandi-panjang" }),
    invalid: [() => ({ confirm: "lain-sekali-ini" }), () => ({ password: "pendek", confirm: "pendek" })],
  },
  {
    route: "peserta.$id_.undang-akun.tsx",
    name: "account invitation for a walk-in",
    role: "mentor",
    path: (ctx) => `/peserta/${ctx.participant}/undang-akun`,
    base: () => ({ language: "id" }),
    invalid: each("language", ["xx", "", "ID", "id-ID"]),
    hidden: ["language"],
  },
  {
    route: "aktifkan.$token.tsx",
    name: "claiming an invited account",
    role: "anonymous",
    path: (ctx) => `/aktifkan/${ctx.accountInviteToken}`,
    // A live invitation but no code waiting under this ticket: every claim is refused and nothing is made.
    base: () => ({ intent: "claim", n: "99999999", code: "123456", password: "", confirm: "" }),
    invalid: [() => ({ code: "12ab56" }), () => ({ code: "1234567" }), () => ({ password: "pendek", confirm: "pendek" }), () => ({ password: "kata-sandi-panjang", confirm: "lain-sekali-ini" })],
    keep: ["intent"],
    hidden: ["intent", "n"],
  },
  {
    route: "akun.autentikator.tsx",
    name: "authenticator enrolment",
    role: "coordinator",
    path: () => "/akun/autentikator",
    base: () => ({ intent: "confirm", code: "123456" }),
    // Only malformed codes: a well-formed wrong one is refused too, but counts against the account's code limit.
    invalid: [() => ({ code: "12ab56" }), () => ({ code: "1234567" }), () => ({ code: "" })],
    keep: ["intent"],
    hidden: ["intent"],
  },
  {
    route: "masuk_.kode.tsx",
    name: "authenticator code at sign-in",
    role: "anonymous",
    path: () => "/masuk/kode",
    base: () => ({ code: "123456" }),
    invalid: [() => ({ code: "12" }), () => ({ code: "bukan kode!" }), () => ({ code: "" })],
    hidden: ["redirectTo"],
  },
  {
    route: "impor.tsx",
    name: "CSV import",
    role: "coordinator",
    path: () => "/impor",
    base: (ctx) => ({ agencyId: String(ctx.agency), intent: "import" }),
    // The file always holds at least one bad row (or no valid header at all): nothing may be imported.
    invalid: [() => ({ intent: "import" }), () => ({ intent: "check" }), () => ({ agencyId: "99999999" })],
    keep: ["intent"],
    hidden: ["agencyId", "intent"],
    upload: true,
  },
  {
    route: "ekspor.peserta.tsx",
    name: "full-identity export",
    role: "coordinator",
    path: () => "/ekspor/peserta",
    base: () => ({ format: "csv", purpose: "Verifikasi penerima KUR bersama Bank DKI" }),
    invalid: [...each("format", ["pdf", "", "CSV ", "' OR 1=1 --", "../../etc/passwd"]), ...each("purpose", ["", "singkat", "x".repeat(501)])],
    hidden: ["format"],
  },
  {
    route: "saya_.data.tsx",
    name: "own data: correction or erasure request",
    role: "entrepreneur",
    path: () => "/saya/data",
    base: () => ({ intent: "correction", message: "Nama usaha saya salah tulis di data" }),
    invalid: each("message", ["", "pendek", "x".repeat(2001)]),
    keep: ["intent"],
    hidden: ["intent"],
  },
  {
    route: "permintaan-data.tsx",
    name: "data requests: a mentor's answer",
    role: "mentor",
    path: () => "/permintaan-data",
    base: () => ({ id: "999999", intent: "done", response: "Sudah diperbaiki" }),
    invalid: each("response", ["", "x".repeat(2001)]),
    keep: ["intent"],
    hidden: ["id", "intent"],
  },
  {
    route: "saya_.data_.unduh.tsx",
    name: "own data: download",
    role: "entrepreneur",
    path: () => "/saya/data/unduh",
    base: () => ({ format: "json" }),
    invalid: each("format", ["pdf", "", "JSON ", "../../etc/passwd"]),
    hidden: ["format"],
  },
];

/** Route files whose POST is not a form with input (sign-out takes nothing) — checked in the access matrix. */
const NOT_FORMS = new Set(["keluar.tsx"]);

// ─── Generated values ────────────────────────────────────────────────────────

const HOSTILE = [
  "",
  " ",
  "' OR 1=1 --",
  "'); DROP TABLE participants; --",
  "1; DELETE FROM users",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "{{constructor.constructor('return process')()}}",
  "\u202Eevil\u202C",
  "a\u0000b",
  "\u0000",
  "💥🇮🇩",
  "Ｓｉｔｉ",
  "NaN",
  "Infinity",
  "-Infinity",
  "-1",
  "-0",
  "0",
  "1e309",
  "1e3",
  "0x1F",
  "1_000",
  "9".repeat(40),
  "12.500.000,50",
  "0000-00-00",
  "2026-02-30",
  "9999-12-31",
  "2026-01-01T10:00:00+07:00",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "3100000000000000",
  "317201550890000",
  "3172015508900001",
  "../../../etc/passwd",
];
const HUGE = "x".repeat(100_000);
const FIELD_NAMES_EXTRA = ["__proto__", "constructor", "intent", "version", "id", "role", "userId", "status"];

const hostileValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.constant(HUGE) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

const CSV_HEADER = "nama_lengkap,nik,telepon,jalur,nama_usaha,sektor,kecamatan";
/** A CSV file that cannot be imported whole: junk, a huge line, wrong columns, binary, or a bad row among good ones. */
const badCsv = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constant(`${CSV_HEADER}\n${"y".repeat(100_000)}`),
  fc.constant("a,b,c\n1,2,3\n"),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  fc
    .array(fc.constantFrom(...HOSTILE.filter((v) => v.length < 100)), { minLength: 7, maxLength: 9 })
    .map((cells) => `${CSV_HEADER}\nSiti,3172015508900001,081200000000,pemula,Usaha,kuliner,Cakung\n${cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")}\n`),
  fc.constant(`${CSV_HEADER}\nBudi,123,081200000000,pemula,Usaha Budi,kuliner,Cakung\n`),
);

type Mutation = { field: number; extra: string; op: "set" | "delete" | "duplicate" | "array"; values: string[] };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  field: fc.nat(),
  extra: fc.constantFrom(...FIELD_NAMES_EXTRA),
  op: fc.constantFrom("set", "set", "delete", "duplicate", "array"),
  values: fc.array(hostileValue, { minLength: 1, maxLength: 3 }),
});

/** The submission, and whether only a script (not a person typing) could have sent it. */
function build(spec: FormSpec, ctx: Ctx, invalidIndex: number, mutations: Mutation[]): { fields: Fields; scripted: boolean } {
  const fields: Fields = { ...spec.base(ctx) };
  const invalid = spec.invalid[invalidIndex % spec.invalid.length]!(ctx);
  const protectedFields = new Set([...Object.keys(invalid), ...(spec.keep ?? [])]);
  const hidden = new Set([...(spec.hidden ?? []), ...FIELD_NAMES_EXTRA]);
  // A stale version is what a person with an old tab open sends: that refusal must explain itself.
  let scripted =
    spec.noFormShown === true ||
    Object.entries(invalid).some(([name, value]) => hidden.has(name) && (name !== "version" || !/^[1-9]\d*$/.test(String(value))));
  const names = [...Object.keys(fields), ...FIELD_NAMES_EXTRA];
  for (const m of mutations) {
    const name = m.field % (names.length + 1) === names.length ? m.extra : names[m.field % names.length]!;
    if (protectedFields.has(name)) continue;
    if (hidden.has(name) || m.op === "duplicate" || m.op === "array") scripted = true;
    const current = fields[name];
    if (m.op === "delete") delete fields[name];
    else if (m.op === "set") fields[name] = m.values[0]!;
    else if (m.op === "duplicate") fields[name] = [...(current === undefined ? [] : [current].flat()), m.values[0]!];
    else fields[name] = m.values;
  }
  return { fields: { ...fields, ...invalid }, scripted };
}

function multipart(fields: Fields, csv: string, fileField = "file"): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
  form.append(fileField, new Blob([csv], { type: "text/csv" }), "peserta.csv");
  return form;
}

function encode(fields: Fields): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return body;
}

// ─── The run ─────────────────────────────────────────────────────────────────

let server: TestServer;
let ctx: Ctx;
const cookies: Partial<Record<Role, string>> = {};
const texts = refusalTexts();
let tried = 0;
let serverErrors = 0;
let rowsChanged = 0;
let scriptedWithoutWords = 0;
const formsTried = new Set<string>();

function one<T>(query: string, ...params: unknown[]): T {
  const row = server.sql.prepare(query).get(...params) as T | undefined;
  if (row === undefined) throw new Error(`no row for ${query}`);
  return row;
}

beforeAll(async () => {
  server = await startServer({ label: "bad-input", participants: 160 });
  const id = (query: string, ...params: unknown[]) => one<{ id: number }>(query, ...params).id;
  const mentorCakung = one<{ id: number; agency: number }>("SELECT id, agency_id AS agency FROM users WHERE email = 'mentor.cakung@pas.demo'");
  const cakungDistrict = id("SELECT id FROM districts WHERE name = 'Cakung'");
  const participant = id(
    // A registration waiting for verification: verified below, then P2–P6 started, none of them done.
    "SELECT id FROM participants WHERE district_id = ? AND agency_id = ? AND status = 'active' AND user_id IS NULL AND p1_state = 'submitted' ORDER BY id LIMIT 1",
    cakungDistrict,
    mentorCakung.agency,
  );
  // A report the participant sent themselves, waiting for the mentor's review.
  const pendingReport = Number(
    server.sql
      .prepare(
        `INSERT INTO stage_evidence (participant_id, stage, kind, details, occurred_on, recorded_by, recorded_at, status)
         VALUES (?, 'financial_reporting', 'financial_report', '{"period":"2025-10","turnover":1000000,"assets":2000000,"workers":1}', '2025-11-01', ?, ?, 'pending')`,
      )
      .run(participant, mentorCakung.id, Date.now()).lastInsertRowid,
  );
  const partnerOrg = id("SELECT organisation_id AS id FROM users WHERE email = 'mitra@pas.demo'");
  const referral = one<{ id: number; participant: number }>(
    "SELECT id, participant_id AS participant FROM referrals WHERE organisation_id = ? ORDER BY id LIMIT 1",
    partnerOrg,
  );
  const bulk = server.sql
    .prepare("SELECT id, version FROM participants WHERE district_id = ? AND agency_id = ? AND status = 'active' ORDER BY id LIMIT 3")
    .all(cakungDistrict, mentorCakung.agency) as { id: number; version: number }[];

  // A reset link as its owner gets it: asked for on /lupa-sandi, read from the demo's outbox.
  await postForm(server.url, "/lupa-sandi", { email: "mitra@pas.demo" });
  const resetMessage = server.sql.prepare("SELECT body FROM outbox WHERE recipient = 'mitra@pas.demo' ORDER BY id DESC LIMIT 1").get() as { body: string };
  const resetToken = /\/atur-sandi\/([A-Za-z0-9_-]{43})/.exec(resetMessage.body)![1]!;

  for (const [role, email] of [
    ["entrepreneur", "umkm@pas.demo"],
    ["partner", "mitra@pas.demo"],
    ["mentor", "mentor.cakung@pas.demo"],
    ["coordinator", "koordinator@pas.demo"],
  ] as const) {
    cookies[role] = await signIn(server.url, email);
  }

  // P2–P6 in progress, so that the page shows an evidence form for each (P7 cannot open yet).
  await fetch(`${server.url}/peserta/${participant}`, {
    method: "POST",
    redirect: "manual",
    headers: { ...sameOriginHeaders(server.url), Cookie: cookies.mentor! },
    body: encode({ intent: "move", formId: "move-VERIFY", version: String(one<{ version: number }>("SELECT version FROM participants WHERE id = ?", participant).version), event: "VERIFY" }),
  });
  expect(one<{ p1: string }>("SELECT p1_state AS p1 FROM participants WHERE id = ?", participant).p1, "P1 verified for the evidence forms").toBe("verified");
  for (const stage of ["training", "mentoring", "licensing", "marketing", "financial_reporting"]) {
    const version = one<{ version: number }>("SELECT version FROM participants WHERE id = ?", participant).version;
    await fetch(`${server.url}/peserta/${participant}`, {
      method: "POST",
      redirect: "manual",
      headers: { ...sameOriginHeaders(server.url), Cookie: cookies.mentor! },
      body: encode({ intent: "move", formId: `move-START-${stage}`, version: String(version), event: "START", stage }),
    });
  }
  const open = one<{ n: number }>("SELECT count(*) AS n FROM transition_log WHERE participant_id = ? AND event_type = 'START'", participant);
  expect(open.n, "stages started for the evidence forms").toBeGreaterThanOrEqual(5);

  // A live invitation, made the way a coordinator makes one.
  const invite = await fetch(`${server.url}/pengguna/undang`, {
    method: "POST",
    headers: { ...sameOriginHeaders(server.url), Cookie: cookies.coordinator! },
    body: encode({ role: "mentor", name: "Calon Mentor", email: "calon.mentor@contoh.id", agencyId: String(mentorCakung.agency), districtIds: String(cakungDistrict) }),
  });
  const token = /\/undangan\/([A-Za-z0-9_-]+)/.exec(await invite.text())?.[1];
  expect(token, "invitation link").toBeTruthy();
  // A walk-in's account invitation, made the way the mentor makes one.
  server.sql.prepare("UPDATE participants SET phone = '0812-9090-1212' WHERE id = ?").run(participant);
  const accountInvite = await fetch(`${server.url}/peserta/${participant}/undang-akun`, {
    method: "POST",
    headers: { ...sameOriginHeaders(server.url), Cookie: cookies.mentor! },
    body: encode({ language: "id" }),
  });
  const accountInviteToken = /\/aktifkan\/([A-Za-z0-9_-]{43})/.exec(await accountInvite.text())?.[1];
  expect(accountInviteToken, "account invitation link").toBeTruthy();

  ctx = {
    participant,
    version: (pid) => one<{ version: number }>("SELECT version FROM participants WHERE id = ?", pid).version,
    cakungDistrict,
    gambirDistrict: id("SELECT id FROM districts WHERE name = 'Gambir'"),
    mentorCakung: mentorCakung.id,
    agency: mentorCakung.agency,
    cohort: id("SELECT id FROM cohorts WHERE district_id = ? ORDER BY id LIMIT 1", cakungDistrict),
    organisation: partnerOrg,
    agreement: id("SELECT id FROM agreements WHERE organisation_id = ? ORDER BY id LIMIT 1", partnerOrg),
    mentorUser: id("SELECT id FROM users WHERE email = 'mentor.gambir@pas.demo'"),
    pendingReport,
    referred: referral.participant,
    referral: referral.id,
    invitationToken: token!,
    accountInviteToken: accountInviteToken!,
    resetToken,
    bulkItems: bulk.map((p) => `${p.id}:${p.version}`),
    today: new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date()),
    surveyRound: id("SELECT id FROM survey_rounds WHERE closed_at IS NULL ORDER BY id LIMIT 1"),
    surveyStatements: (
      server.sql
        .prepare(
          `SELECT s.id FROM survey_statements s JOIN survey_sub_indicators u ON u.id = s.sub_indicator_id JOIN survey_indicators i ON i.id = u.indicator_id
           WHERE i.instrument_id = (SELECT instrument_id FROM survey_rounds WHERE closed_at IS NULL ORDER BY id LIMIT 1) ORDER BY s.id`,
        )
        .all() as { id: number }[]
    ).map((r) => r.id),
    instrument: id("SELECT instrument_id AS id FROM survey_rounds WHERE closed_at IS NULL ORDER BY id LIMIT 1"),
  };
});

afterAll(async () => {
  console.log(`bad input: ${tried} inputs tried across ${formsTried.size} forms, 500s seen: ${serverErrors}, rows changed: ${rowsChanged}`);
  console.log(`bad input: ${scriptedWithoutWords} refusals of scripted values (hidden fields, arrays) answered without words on the form`);
  await server?.stop();
});

describe("every form action", () => {
  it("has an entry in the form table (a route file with an action and no entry fails here)", () => {
    const withAction = readdirSync("app/routes").filter((file) => /export (async function|const) action\b/.test(readFileSync(`app/routes/${file}`, "utf8")));
    const covered = new Set(FORMS.map((f) => f.route));
    const missing = withAction.filter((file) => !covered.has(file) && !NOT_FORMS.has(file));
    expect(missing, "form routes without a bad-input entry").toEqual([]);
  });

  it("the import refuses a post that is not an upload, with a 4xx and nothing changed", async () => {
    const before = databaseFingerprint(server.sql);
    for (const [type, body] of [
      ["application/x-www-form-urlencoded", "agencyId=1&intent=import&file=nik,nama"],
      ["text/plain", "hello"],
      ["multipart/form-data; boundary=tidak-ada", "--lain\r\nrusak"],
      ["application/json", '{"agencyId":1}'],
    ]) {
      const response = await fetch(`${server.url}/impor`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: cookies.coordinator!, "Content-Type": type! },
        body,
      });
      tried++;
      if (response.status >= 500) serverErrors++;
      expect(REFUSALS, `${type} answered ${response.status}`).toContain(response.status);
    }
    expect(changedParts(before, databaseFingerprint(server.sql))).toEqual([]);
  });

  it.each(FORMS.map((spec) => [spec.name, spec] as const))("%s: refuses every bad submission with a 4xx that says why, and changes nothing", async (_name, spec) => {
    const property = fc.asyncProperty(fc.nat(), fc.array(mutation, { maxLength: 5 }), badCsv, async (invalidIndex, mutations, csv) => {
      const { fields, scripted } = build(spec, ctx, invalidIndex, mutations);
      const before = databaseFingerprint(server.sql);
      const { "Content-Type": _formType, ...headers } = sameOriginHeaders(server.url);
      const response = await fetch(`${server.url}${spec.path(ctx)}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          ...headers,
          ...(spec.upload ? {} : { "Content-Type": _formType! }),
          ...(spec.role === "anonymous" ? {} : { Cookie: cookies[spec.role]! }),
        },
        body: spec.upload ? multipart(fields, csv, spec.fileField) : encode(fields),
      });
      const body = await response.text();
      const changed = changedParts(before, databaseFingerprint(server.sql));
      tried++;
      formsTried.add(spec.name);
      if (response.status >= 500) serverErrors++;
      if (changed.length) {
        rowsChanged++;
        console.log(`${spec.name} changed ${changed.join(", ")} on ${JSON.stringify(fields).slice(0, 400)}`);
      }
      const shown = JSON.stringify(fields).slice(0, 400);
      expect(response.status, `${spec.name} answered ${response.status} to ${shown}`).toBeLessThan(500);
      expect(changed, `${spec.name} changed ${changed.join(", ")} on ${shown}`).toEqual([]);
      if (spec.alwaysRedirects) {
        expect(response.status).toBe(303);
        expect(response.headers.get("location") ?? "").toMatch(/^\/(?![/\\])/);
        return;
      }
      expect(REFUSALS, `${spec.name} answered ${response.status} to ${shown}`).toContain(response.status);
      if (scripted) {
        if (!saysWhy(body, texts)) scriptedWithoutWords++;
        return;
      }
      expect(saysWhy(body, texts), `${spec.name} ${response.status} without a message: ${body.slice(0, 300)}`).toBe(true);
    });
    await fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: false });
  });
});
