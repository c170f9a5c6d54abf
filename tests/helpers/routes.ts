// Every route file of app/routes mapped to a sample URL, who may open it and a form body for its
// action; and the records those URLs name, found (or made) in a fresh demo database. Shared by the
// access matrix (every role against every route) and the browser crawl (every page a role may open):
// one list, so a new route is covered by both or fails the matrix's first test.
import sharp from "sharp";
import { expect } from "vitest";
import { get, postForm, signIn, type TestServer } from "./server";

export type Who = "anonymous" | "entrepreneur" | "partner" | "mentorCakung" | "mentorGambir" | "coordinatorJaktim" | "coordinator";
export const WHO: Who[] = ["anonymous", "entrepreneur", "partner", "mentorCakung", "mentorGambir", "coordinatorJaktim", "coordinator"];
export const ACCOUNTS: Record<Exclude<Who, "anonymous">, string> = {
  entrepreneur: "umkm@pas.demo",
  partner: "mitra@pas.demo",
  mentorCakung: "mentor.cakung@pas.demo",
  mentorGambir: "mentor.gambir@pas.demo",
  coordinatorJaktim: "koordinator.jaktim@pas.demo",
  coordinator: "koordinator@pas.demo",
};

/** The records the URLs name: each visible to exactly the roles listed in SEES. */
export type Record_ =
  | "siti"
  | "cakung"
  | "gambir"
  | "elsewhere"
  | "referred"
  | "cohortCakung"
  | "cohortGambir"
  | "userCakung"
  | "userGambir"
  | "bulkCakung"
  | "closeCakung"
  | "districtCakung"
  | "districtGambir";
export const SEES: Record<Record_, Who[]> = {
  siti: ["entrepreneur", "mentorCakung", "coordinatorJaktim", "coordinator"],
  cakung: ["mentorCakung", "coordinatorJaktim", "coordinator"],
  gambir: ["mentorGambir", "coordinator"],
  elsewhere: ["coordinator"],
  // A participant in another city, referred to the partner's organisation.
  referred: ["partner", "coordinator"],
  cohortCakung: ["mentorCakung", "coordinatorJaktim", "coordinator"],
  cohortGambir: ["mentorGambir", "coordinator"],
  // A mentor's name: on their own header, their participants' pages and Siti's own page.
  userCakung: ["entrepreneur", "mentorCakung", "coordinatorJaktim", "coordinator"],
  userGambir: ["mentorGambir", "coordinator"],
  bulkCakung: ["mentorCakung"],
  // A bulk close of dormant participants, as Sari's result page.
  closeCakung: ["mentorCakung"],
  // A district in a survey round: its results are its mentors' and its coordinators'.
  districtCakung: ["mentorCakung", "coordinatorJaktim", "coordinator"],
  districtGambir: ["mentorGambir", "coordinator"],
};
export const PARTICIPANTS: Record_[] = ["siti", "cakung", "gambir", "elsewhere", "referred"];

export type Ids = Record<Record_, number> & { /** A photo on each participant record's P1 evidence (files). */ photos: Partial<Record<Record_, number>> } & { organisation: number; invitation: string; /** A closed survey round asking Cakung and Gambir. */ round: number; /** The open survey round and its instrument. */ surveyRound: number; instrument: number };

export type RouteEntry = {
  /** URL for a record (or the one URL of a route without records). */
  url: (ids: Ids, record?: Record_) => string;
  /** The records the URL can name (none: one URL). */
  records?: Record_[];
  /** Roles that may open it (for records: and only those in SEES for that record). "public": everyone. */
  roles: Who[] | "public";
  /** GET answers with a redirect for everyone (sign-out, language, home). */
  redirects?: boolean;
  /** A file download or other non-page response (no single-fetch data, no CSP). */
  resource?: boolean;
  /** The page shows the record's marker (its business, cohort or user name). */
  showsRecord?: boolean;
  /** A plausible form body; routes without an action have none. */
  post?: (ids: Ids) => Record<string, string>;
};

const STAFF: Who[] = ["mentorCakung", "mentorGambir", "coordinatorJaktim", "coordinator"];
const COORDINATORS: Who[] = ["coordinatorJaktim", "coordinator"];
const MENTORS: Who[] = ["mentorCakung", "mentorGambir"];
const SIGNED_IN: Who[] = ["entrepreneur", "partner", ...STAFF];
const participantPage = (suffix: string) => (ids: Ids, r?: Record_) => `/peserta/${ids[r!]}${suffix}`;
const hold = { intent: "move", formId: "move-HOLD", version: "1", event: "HOLD", reason: "Uji akses" };

/** Every route file, mapped to its URL(s), who may open it, and a form body for its action. */
export const ROUTES: Record<string, RouteEntry> = {
  "_index.tsx": { url: () => "/", roles: "public", redirects: true },
  "aturan.tsx": { url: () => "/aturan", roles: COORDINATORS, post: () => ({ limit_training: "45", inactivityDays: "30" }) },
  "bahasa.tsx": { url: () => "/bahasa", roles: "public", redirects: true },
  "daftar.tsx": { url: () => "/daftar", roles: "public" },
  "daftar_.kode.tsx": { url: () => "/daftar/kode?n=1", roles: "public", post: () => ({ n: "1", code: "123456" }) },
  "ekspor.indikator.tsx": { url: () => "/ekspor/indikator?format=csv", roles: COORDINATORS, resource: true },
  "ekspor.peserta.tsx": { url: () => "/ekspor/peserta?format=csv", roles: STAFF, resource: true, post: () => ({ format: "csv" }) },
  "keluar.tsx": { url: () => "/keluar", roles: "public", redirects: true },
  "kohort.$id.tsx": { url: (ids, r) => `/kohort/${ids[r!]}`, records: ["cohortCakung", "cohortGambir"], roles: STAFF, showsRecord: true },
  "kohort.$id_.anggota.tsx": {
    url: (ids, r) => `/kohort/${ids[r!]}/anggota`,
    records: ["cohortCakung", "cohortGambir"],
    roles: COORDINATORS,
    post: (ids) => ({ intent: "add-participant", memberId: String(ids.cakung) }),
  },
  "kohort.$id_.ubah.tsx": {
    url: (ids, r) => `/kohort/${ids[r!]}/ubah`,
    records: ["cohortCakung", "cohortGambir"],
    roles: COORDINATORS,
    post: () => ({ name: "Diubah lewat uji akses", intakeDate: "2026-01-05" }),
  },
  "kohort._index.tsx": { url: () => "/kohort", roles: STAFF },
  "kohort.baru.tsx": { url: () => "/kohort/baru", roles: COORDINATORS, post: () => ({ name: "Kohort Uji Akses", districtId: "1", agencyId: "1", intakeDate: "2026-01-05" }) },
  "kolaborasi_.hasil.tsx": { url: () => "/kolaborasi/hasil", roles: [...COORDINATORS, ...MENTORS] },
  "kolaborasi_.putaran.$roundId.tsx": { url: (ids) => `/kolaborasi/putaran/${ids.round}`, roles: [...COORDINATORS, ...MENTORS] },
  "kolaborasi_.putaran.$roundId_.ekspor.tsx": { url: (ids) => `/kolaborasi/putaran/${ids.round}/ekspor?isi=jawaban&format=csv`, roles: COORDINATORS, resource: true },
  "kolaborasi_.putaran.$roundId_.kecamatan.$districtId.tsx": {
    url: (ids, r) => `/kolaborasi/putaran/${ids.round}/kecamatan/${ids[r!]}`,
    records: ["districtCakung", "districtGambir"],
    roles: [...COORDINATORS, ...MENTORS],
  },
  "kolaborasi_.putaran.$roundId_.mitra.$organisationId.tsx": { url: (ids) => `/kolaborasi/putaran/${ids.round}/mitra/${ids.organisation}`, roles: COORDINATORS },
  "kolaborasi._index.tsx": { url: () => "/kolaborasi", roles: COORDINATORS, post: (ids) => ({ intent: "copy", instrumentId: String(ids.instrument) }) },
  "kolaborasi.buka.tsx": {
    url: () => "/kolaborasi/buka",
    roles: COORDINATORS,
    post: (ids) => ({ name: "Putaran uji akses", periodStart: "2026-01-01", periodEnd: "2026-06-30", instrumentId: String(ids.instrument), scope: "province", groups: "mentor" }),
  },
  "kolaborasi.instrumen.$id.tsx": { url: (ids) => `/kolaborasi/instrumen/${ids.instrument}`, roles: COORDINATORS, post: () => ({ nameId: "Uji akses", nameEn: "Access test" }) },
  // The open round asks every group in the cohort districts: each demo account stands in one of them.
  "kolaborasi.jawab.$roundId.tsx": {
    url: (ids) => `/kolaborasi/jawab/${ids.surveyRound}`,
    roles: ["entrepreneur", "partner", ...STAFF],
    post: () => ({ intent: "draft", s1: "3" }),
  },
  "koordinator._index.tsx": { url: () => "/koordinator", roles: COORDINATORS },
  "koordinator.indikator.tsx": { url: () => "/koordinator/indikator", roles: COORDINATORS },
  "koordinator.konversi.tsx": { url: () => "/koordinator/konversi?by=mentor", roles: COORDINATORS },
  "koordinator.pendamping.tsx": { url: () => "/koordinator/pendamping", roles: COORDINATORS },
  "koordinator.peta.tsx": { url: () => "/koordinator/peta", roles: COORDINATORS },
  "koordinator.tsx": { url: () => "/koordinator", roles: COORDINATORS },
  "laporan.tsx": { url: () => "/laporan", roles: STAFF },
  "laporan[.]csv.tsx": { url: (ids, r) => `/laporan.csv?mentor=${ids[r!]}`, records: ["userCakung"], roles: STAFF, resource: true },
  // A mentor's day: mentors only (coordinators, entrepreneurs and partners get 404); no action.
  "hari-ini.tsx": { url: () => "/hari-ini", roles: MENTORS },
  "impor.tsx": { url: () => "/impor", roles: COORDINATORS, post: () => ({ agencyId: "1", intent: "import" }) },
  "massal.tsx": {
    url: () => "/massal",
    roles: MENTORS,
    post: (ids) => ({ peserta: `${ids.cakung}:1`, activity: "mentoring", occurredOn: "2026-01-05", topic: "Uji akses" }),
  },
  "massal_.hasil.$id.tsx": { url: (ids, r) => `/massal/hasil/${ids[r!]}`, records: ["bulkCakung"], roles: MENTORS },
  "peserta.tidak-aktif.tsx": { url: () => "/peserta/tidak-aktif", roles: MENTORS, post: (ids) => ({ peserta: `${ids.cakung}:1`, reason: "Uji akses" }) },
  "peserta.tidak-aktif_.hasil.$id.tsx": { url: (ids, r) => `/peserta/tidak-aktif/hasil/${ids[r!]}`, records: ["closeCakung"], roles: MENTORS },
  "masuk.tsx": { url: () => "/masuk", roles: "public" },
  "masuk_.telepon.tsx": { url: () => "/masuk/telepon", roles: "public", post: () => ({ phone: "081234567890" }) },
  "lupa-sandi.tsx": { url: () => "/lupa-sandi", roles: "public", post: () => ({ email: "tidak.ada@contoh.id" }) },
  "atur-sandi.$token.tsx": { url: () => "/atur-sandi/tidak-ada-tautan-ini", roles: "public", post: () => ({ password: "kata-sandi-panjang", confirm: "kata-sandi-panjang" }) },
  // The new password is refused (the two differ): a change would end the matrix's own sessions.
  "akun.sandi.tsx": { url: () => "/akun/sandi", roles: SIGNED_IN, post: () => ({ current: "demo-pas-2026", password: "kata-sandi-baru-1", confirm: "berbeda" }) },
  // The demo's outbox (PAS_DEMO=1, as every test server runs); 404 without it.
  "kotak-keluar.tsx": { url: () => "/kotak-keluar", roles: "public" },
  "mitra.$id.tsx": {
    url: (ids, r) => `/mitra/${ids[r!]}`,
    records: PARTICIPANTS,
    roles: ["partner"],
    showsRecord: true,
    post: () => ({ referralId: "1", stage: "training", version: "1", occurredOn: "2026-01-05", topic: "Uji", skill: "soft" }),
  },
  "mitra._index.tsx": { url: () => "/mitra", roles: ["partner"] },
  "organisasi.$id.tsx": {
    url: (ids) => `/organisasi/${ids.organisation}`,
    roles: COORDINATORS,
    post: () => ({ intent: "organisation", name: "Diubah lewat uji akses", kind: "bank" }),
  },
  "organisasi._index.tsx": { url: () => "/organisasi", roles: COORDINATORS, post: () => ({ intent: "organisation", name: "Organisasi Uji Akses", kind: "ngo" }) },
  "organisasi.kinerja.tsx": { url: () => "/organisasi/kinerja", roles: COORDINATORS },
  "pengguna.$id.tsx": { url: (ids, r) => `/pengguna/${ids[r!]}`, records: ["userCakung", "userGambir"], roles: COORDINATORS, post: () => ({ intent: "deactivate" }) },
  "pengguna._index.tsx": { url: () => "/pengguna", roles: COORDINATORS },
  "pengguna.undang.tsx": { url: () => "/pengguna/undang", roles: COORDINATORS, post: () => ({ role: "mentor", name: "Uji Akses", email: "uji.akses@contoh.id", agencyId: "1", districtIds: "1" }) },
  "peserta.$id.tsx": { url: participantPage(""), records: PARTICIPANTS, roles: STAFF, post: () => hold, showsRecord: true },
  "peserta.$id_.berkas.tsx": { url: participantPage("/berkas"), records: PARTICIPANTS, roles: STAFF, post: () => ({ purpose: "ktp" }), showsRecord: false },
  "berkas.$id.tsx": { url: (ids, r) => `/berkas/${ids.photos[r!]}`, records: PARTICIPANTS, roles: SIGNED_IN, resource: true, post: () => ({ intent: "withdraw" }) },
  "berkas.$id_.kecil.tsx": { url: (ids, r) => `/berkas/${ids.photos[r!]}/kecil`, records: PARTICIPANTS, roles: SIGNED_IN, resource: true },
  "peserta.$id_.alihkan.tsx": {
    url: participantPage("/alihkan"),
    records: PARTICIPANTS,
    roles: STAFF,
    post: () => ({ districtId: "1", mentorId: "1", reason: "Uji akses", version: "1", fromDistrictId: "1" }),
  },
  "peserta.$id_.hambatan.tsx": { url: participantPage("/hambatan"), records: PARTICIPANTS, roles: STAFF, post: () => ({ intent: "save", waitsOn: "bank", followUpOn: "2026-12-01" }) },
  "peserta.$id_.laporan-mandiri.tsx": { url: participantPage("/laporan-mandiri"), records: PARTICIPANTS, roles: STAFF, post: () => ({ evidenceId: "1", version: "1", decision: "decline", note: "Uji" }) },
  "peserta.$id_.rujuk.tsx": { url: participantPage("/rujuk"), records: PARTICIPANTS, roles: STAFF, post: () => ({ stagePartnerId: "1" }) },
  "permintaan-data.tsx": { url: () => "/permintaan-data", roles: STAFF, post: () => ({ id: "1", intent: "done", response: "Sudah diperbaiki" }) },
  "peserta._index.tsx": { url: () => "/peserta", roles: STAFF },
  "peserta.baru.tsx": { url: () => "/peserta/baru", roles: MENTORS, post: () => ({ fullName: "Uji Akses", nik: "3172014506920003", phone: "081298765432", track: "pemula", businessName: "Uji", sector: "jasa", districtId: "1", businessPlan: "on" }) },
  "saya.tsx": { url: () => "/saya", roles: ["entrepreneur"], post: () => ({ period: "2025-11", turnover: "1000000", assets: "1000000", workers: "1" }) },
  "saya_.data.tsx": { url: () => "/saya/data", roles: ["entrepreneur"], post: () => ({ intent: "correction", message: "Nama usaha saya salah tulis" }) },
  "saya_.data_.unduh.tsx": { url: () => "/saya/data/unduh", roles: ["entrepreneur"], redirects: true, post: () => ({ format: "json" }) },
  "undangan.$token.tsx": { url: (ids) => `/undangan/${ids.invitation}`, roles: "public", post: () => ({ password: "kata-sandi-panjang", confirm: "kata-sandi-panjang" }) },
  "undangan.diterima.tsx": { url: () => "/undangan/diterima", roles: "public" },
  // A walk-in's account invitation: made by the mentors who see the participant, claimed by anyone holding the link.
  "peserta.$id_.undang-akun.tsx": { url: participantPage("/undang-akun"), records: PARTICIPANTS, roles: MENTORS, post: () => ({ language: "id" }), showsRecord: false },
  "aktifkan.$token.tsx": { url: () => "/aktifkan/tidak-ada-tautan-ini", roles: "public", post: () => ({ intent: "send" }) },
  // Two-step verification: coordinators enrol; the code step after a right password is public (its ticket is a cookie).
  "akun.autentikator.tsx": { url: () => "/akun/autentikator", roles: COORDINATORS, post: () => ({ intent: "start" }) },
  "masuk_.kode.tsx": { url: () => "/masuk/kode", roles: "public", post: () => ({ code: "123456" }) },
};

/** Uploads a small photo to a participant's first evidence record; returns the file's id. */
async function attachPhoto(server: TestServer, participantId: number, cookie: string): Promise<number> {
  const evidence = idOf(server, "SELECT id FROM stage_evidence WHERE participant_id = ? ORDER BY id LIMIT 1", participantId);
  const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#2a6" } }).jpeg().toBuffer();
  const body = new FormData();
  body.append("evidenceId", String(evidence));
  body.append("files", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "foto.jpg");
  const response = await fetch(`${server.url}/peserta/${participantId}/berkas`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: cookie },
    body,
  });
  expect(response.status, `photo upload for participant ${participantId}`).toBe(303);
  return idOf(server, "SELECT max(id) AS id FROM files WHERE participant_id = ?", participantId);
}

function one<T>(server: TestServer, query: string, ...params: unknown[]): T {
  const row = server.sql.prepare(query).get(...params) as T | undefined;
  if (row === undefined) throw new Error(`no row for ${query}`);
  return row;
}

const idOf = (server: TestServer, query: string, ...params: unknown[]) => one<{ id: number }>(server, query, ...params).id;

export function allowed(entry: RouteEntry, who: Who, record?: Record_): boolean {
  if (entry.roles === "public") return true;
  if (!entry.roles.includes(who)) return false;
  return record === undefined || SEES[record].includes(who);
}

/**
 * Signs in every demo account and finds the records the route URLs name: participants in and out
 * of each mentor's districts, Siti's own record, one referred to the partner, cohorts, mentors, a
 * bulk recording and a bulk close of the Cakung mentor's (both made here, as the pages make them).
 */
export async function arrangeRecords(server: TestServer): Promise<{ ids: Ids; cookies: Partial<Record<Who, string>> }> {
  const cookies: Partial<Record<Who, string>> = {};
  const districtOf = (name: string) => idOf(server, "SELECT id FROM districts WHERE name = ?", name);
  const mentor = (email: string) => one<{ id: number; agency: number }>(server, "SELECT id, agency_id AS agency FROM users WHERE email = ?", email);
  const cakungMentor = mentor("mentor.cakung@pas.demo");
  const gambirMentor = mentor("mentor.gambir@pas.demo");
  const inDistrict = (district: string, agency: number) =>
    idOf(server, "SELECT id FROM participants WHERE district_id = ? AND agency_id = ? AND user_id IS NULL ORDER BY id LIMIT 1", districtOf(district), agency);
  const partnerOrg = idOf(server, "SELECT organisation_id AS id FROM users WHERE email = 'mitra@pas.demo'");
  for (const [who, email] of Object.entries(ACCOUNTS)) cookies[who as Who] = await signIn(server.url, email);

  // The partner's referred participant: one its list shows, outside Jakarta Timur and Jakarta Pusat.
  const partnerList = await (await get(server.url, "/mitra", cookies.partner)).text();
  const referredIds = [...partnerList.matchAll(/href="\/mitra\/(\d+)"/g)].map((m) => Number(m[1]));
  const referred = referredIds.find((id) =>
    server.sql
      .prepare("SELECT 1 FROM participants p JOIN districts d ON d.id = p.district_id JOIN cities c ON c.id = d.city_id WHERE p.id = ? AND c.name NOT IN ('Jakarta Timur', 'Jakarta Pusat')")
      .get(id),
  );
  expect(referred, "a participant referred to the partner outside Jakarta Timur and Pusat").toBeTypeOf("number");

  // A bulk recording by the Cakung mentor, whose result page is theirs alone.
  const cakung = inDistrict("Cakung", cakungMentor.agency);
  const bulk = await postForm(
    server.url,
    `/massal?id=${cakung}`,
    { peserta: `${cakung}:${one<{ version: number }>(server, "SELECT version FROM participants WHERE id = ?", cakung).version}`, activity: "mentoring", occurredOn: "2026-01-05", topic: "Sesi uji" },
    { cookie: cookies.mentorCakung },
  );
  const bulkId = Number(/\/massal\/hasil\/(\d+)/.exec(bulk.headers.get("location") ?? "")?.[1]);
  expect(bulkId, "bulk result id").toBeGreaterThan(0);

  const ids: Ids = {
    photos: {},
    siti: idOf(server, "SELECT id FROM participants WHERE user_id = (SELECT id FROM users WHERE email = 'umkm@pas.demo')"),
    cakung,
    gambir: inDistrict("Gambir", gambirMentor.agency),
    elsewhere: idOf(
      server,
      "SELECT p.id FROM participants p JOIN districts d ON d.id = p.district_id JOIN cities c ON c.id = d.city_id WHERE c.name NOT IN ('Jakarta Timur', 'Jakarta Pusat') AND p.id NOT IN (SELECT participant_id FROM referrals) ORDER BY p.id LIMIT 1",
    ),
    referred: referred!,
    cohortCakung: idOf(server, "SELECT id FROM cohorts WHERE district_id = ? AND agency_id = ? ORDER BY id LIMIT 1", districtOf("Cakung"), cakungMentor.agency),
    cohortGambir: idOf(server, "SELECT id FROM cohorts WHERE district_id = ? AND agency_id = ? ORDER BY id LIMIT 1", districtOf("Gambir"), gambirMentor.agency),
    userCakung: cakungMentor.id,
    userGambir: gambirMentor.id,
    bulkCakung: bulkId,
    // Recorded as the close page records it (an audit entry of Sari's, with no one closed).
    closeCakung: Number(
      server.sql
        .prepare("INSERT INTO audit_log (actor_user_id, action, subject, detail, at) VALUES (?, 'dormant.close', 'participants', ?, ?)")
        .run(cakungMentor.id, JSON.stringify({ reason: "Uji akses", outcomes: [] }), Date.now()).lastInsertRowid,
    ),
    districtCakung: districtOf("Cakung"),
    districtGambir: districtOf("Gambir"),
    organisation: partnerOrg,
    invitation: "tidak-ada-undangan-ini",
    // The demo's open survey round and its instrument.
    surveyRound: idOf(server, "SELECT id FROM survey_rounds WHERE closed_at IS NULL ORDER BY id LIMIT 1"),
    instrument: idOf(server, "SELECT id FROM survey_instruments ORDER BY id LIMIT 1"),
    round: idOf(
      server,
      `SELECT id FROM survey_rounds r WHERE closed_at IS NOT NULL
         AND (SELECT count(*) FROM survey_round_districts rd WHERE rd.round_id = r.id AND rd.district_id IN (?, ?)) = 2
       ORDER BY period_start DESC LIMIT 1`,
      districtOf("Cakung"),
      districtOf("Gambir"),
    ),
  };
  // A photo on each participant's P1 evidence, uploaded by the province coordinator as the page does.
  for (const record of PARTICIPANTS) ids.photos[record] = await attachPhoto(server, ids[record], cookies.coordinator!);
  return { ids, cookies };
}
