// "My participants": filters in the URL, stalled first, counts, and the scope that no filter widens.
// Checked against the real server over HTTP and against the module on the same seeded database,
// each figure compared with a direct SQL count (and the stall rule's own function, stallReasons).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { openDatabase } from "../../db/client";
import { loadStallSettings } from "../../app/modules/journey/stalled.server";
import { isDormant, stallOnset as ruleStallOnset, stallReasons, type StallColumns, type StallSettings } from "../../app/modules/journey/stalled";
import { listParticipantsInScope, PAGE_SIZE, type ParticipantListRow } from "../../app/modules/participants/participants.server";
import type { ListFilters } from "../../app/modules/participants/list-filters";
import type { Viewer } from "../../app/modules/access/scope.server";
import { STAGES, stageNumber } from "../../machines/stages";
import { get, signIn, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
let settings: StallSettings;
const cookies: Record<string, string> = {};
const viewers: Record<string, Viewer> = {};

type Row = StallColumns & {
  id: number;
  districtId: number;
  cohortId: number | null;
  track: string;
  sector: string;
  nikLast4: string;
  phone: string | null;
  fullName: string;
  businessName: string;
};

/** The viewer's scope as plain SQL over `p` (written out here, independently of scope.server.ts). */
function scopeSql(email: string): string {
  const user = server.sql.prepare("SELECT id, role, city_id AS cityId, agency_id AS agencyId FROM users WHERE email = ?").get(email) as {
    id: number;
    role: string;
    cityId: number | null;
    agencyId: number | null;
  };
  if (user.role === "mentor") return `p.district_id IN (SELECT district_id FROM mentor_districts WHERE mentor_id = ${user.id}) AND p.agency_id = ${user.agencyId}`;
  if (user.cityId != null) return `p.district_id IN (SELECT id FROM districts WHERE city_id = ${user.cityId})`;
  return "1 = 1";
}

function sqlCount(email: string, where = "1 = 1", ...params: unknown[]): number {
  return (server.sql.prepare(`SELECT count(*) AS n FROM participants p WHERE ${scopeSql(email)} AND (${where})`).get(...params) as { n: number }).n;
}

/** Every participant in the viewer's scope, with the columns the stall rule reads. */
function rowsInScope(email: string): Row[] {
  const stageCols = STAGES.map((s) => `p${stageNumber(s)}_state AS p${stageNumber(s)}State, p${stageNumber(s)}_entered_at AS p${stageNumber(s)}EnteredAt`).join(", ");
  return server.sql
    .prepare(
      `SELECT p.id, p.status, p.last_activity_at AS lastActivityAt, ${stageCols}, p.district_id AS districtId, p.cohort_id AS cohortId,
              p.track, p.sector, p.nik_last4 AS nikLast4, p.phone, p.full_name AS fullName, p.business_name AS businessName
       FROM participants p WHERE ${scopeSql(email)}`,
    )
    .all() as Row[];
}

const isStalled = (row: Row, now: number) => stallReasons(row, settings, now).length > 0;

/** "Active" means active and not dormant (the dormant have a status filter of their own). */
const activeNotDormant = (now: number) => `p.status = 'active' AND p.dormant_since >= ${now}`;

/** When the stall rule flags the row (past or future): stalled.ts's own onset (a dormant row's stall reasons are empty). */
function stallOnset(row: Row): number {
  return ruleStallOnset(row, settings)!;
}

/** All pages of the list, in order. */
function allRows(viewer: Viewer, filters: ListFilters, now: number): ParticipantListRow[] {
  const first = listParticipantsInScope(db, viewer, filters, now);
  const rows = [...first.rows];
  for (let page = 2; page <= first.pageCount; page++) rows.push(...listParticipantsInScope(db, viewer, { ...filters, page }, now).rows);
  return rows;
}

/** The two figures in the page's header: "N peserta · M macet". */
function headerCounts(html: string): { total: number; stalled: number } {
  const total = Number(/(\d+) peserta/.exec(html)?.[1]);
  const stalled = Number(/(\d+) macet/.exec(html)?.[1]);
  return { total, stalled };
}

beforeAll(async () => {
  server = await startServer({ label: "participant-list", participants: 600 });
  db = openDatabase(server.dbPath);
  settings = loadStallSettings(db);
  for (const email of ["mentor.cakung@pas.demo", "mentor.gambir@pas.demo", "koordinator@pas.demo", "koordinator.jaktim@pas.demo"]) {
    cookies[email] = await signIn(server.url, email);
    viewers[email] = server.sql.prepare("SELECT id, role, city_id AS cityId, agency_id AS agencyId FROM users WHERE email = ?").get(email) as Viewer;
  }
}, 120_000);

afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

describe("the participant list", () => {
  it("counts all matching and the stalled among them, equal to a direct count, over HTTP", async () => {
    for (const email of Object.keys(cookies)) {
      const response = await get(server.url, "/peserta", cookies[email]);
      expect(response.status).toBe(200);
      const counts = headerCounts(await response.text());
      const now = Date.now();
      expect(counts.total).toBe(sqlCount(email));
      expect(counts.stalled).toBe(rowsInScope(email).filter((r) => isStalled(r, now)).length);
    }
    const region = rowsInScope("koordinator@pas.demo");
    console.log(`participants in the region: ${region.length}, stalled now: ${region.filter((r) => isStalled(r, Date.now())).length}`);
  });

  it("each filter narrows to exactly the participants a direct SQL count finds", () => {
    const email = "koordinator.jaktim@pas.demo";
    const viewer = viewers[email]!;
    const now = Date.now();
    const rows = rowsInScope(email);
    const someDistrict = rows[0]!.districtId;
    const someCohort = rows.find((r) => r.cohortId != null)!.cohortId!;
    const cases: [ListFilters, string, unknown[]][] = [
      [{ district: someDistrict }, "p.district_id = ?", [someDistrict]],
      [{ cohort: someCohort }, "p.cohort_id = ?", [someCohort]],
      [{ stage: "registration" }, "p.p1_state = 'submitted'", []],
      ...STAGES.slice(1).map((stage): [ListFilters, string, unknown[]] => [{ stage }, `p.p${stageNumber(stage)}_state = 'in_progress'`, []]),
      [{ status: "active" }, activeNotDormant(now), []],
      [{ status: "dormant" }, `p.status = 'active' AND p.dormant_since < ${now}`, []],
      [{ status: "on_hold" }, "p.status = 'on_hold'", []],
      [{ track: "naik_kelas" }, "p.track = 'naik_kelas'", []],
      [{ sector: "kuliner" }, "p.sector = 'kuliner'", []],
      [{ status: "active", track: "pemula", district: someDistrict }, `${activeNotDormant(now)} AND p.track = 'pemula' AND p.district_id = ?`, [someDistrict]],
    ];
    const all = sqlCount(email);
    let checked = 0;
    for (const [filters, where, params] of cases) {
      const list = listParticipantsInScope(db, viewer, filters, now);
      const expected = sqlCount(email, where, ...params);
      expect(list.total, JSON.stringify(filters)).toBe(expected);
      expect(list.total).toBeLessThanOrEqual(all);
      const ids = new Set(server.sql.prepare(`SELECT p.id FROM participants p WHERE ${scopeSql(email)} AND (${where})`).all(...params).map((r) => (r as { id: number }).id));
      const stalledExpected = rows.filter((r) => ids.has(r.id) && isStalled(r, now)).length;
      expect(list.stalled, JSON.stringify(filters)).toBe(stalledExpected);
      expect(list.rows.every((r) => ids.has(r.id))).toBe(true);
      checked++;
    }
    // Stalled yes / no split the list, by the stall rule's own function.
    const yes = listParticipantsInScope(db, viewer, { stalled: "yes" }, now);
    const no = listParticipantsInScope(db, viewer, { stalled: "no" }, now);
    expect(yes.total).toBe(rows.filter((r) => isStalled(r, now)).length);
    expect(no.total).toBe(rows.length - yes.total);
    expect(yes.stalled).toBe(yes.total);
    expect(no.stalled).toBe(0);
    expect(yes.total).toBeGreaterThan(0);
    console.log(`filters checked against SQL: ${checked + 2} (scope of ${all} participants)`);
  });

  it("puts stalled participants first, the longest stalled at the top, then the active nearest to stalling", () => {
    const email = "mentor.cakung@pas.demo";
    const now = Date.now();
    const byId = new Map(rowsInScope(email).map((r) => [r.id, r]));
    const listed = allRows(viewers[email]!, {}, now);
    expect(listed.length).toBe(byId.size);
    const stalledCount = listed.filter((r) => r.stall.length > 0).length;
    expect(stalledCount).toBeGreaterThan(0);
    // All stalled rows before any other.
    expect(listed.slice(0, stalledCount).every((r) => r.stall.length > 0)).toBe(true);
    expect(listed.slice(stalledCount).every((r) => r.stall.length === 0)).toBe(true);
    // The badge's reasons are the stall rule's, row by row.
    for (const r of listed) expect(r.stall).toEqual(stallReasons(byId.get(r.id)!, settings, now));
    // Active participants (stalled or not) by when the rule flags them: longest stalled first, then
    // the nearest to stalling; the others after them, oldest activity first.
    // The dormant (active, never stalled) after them, longest dormant first.
    const firstInactive = listed.findIndex((r) => r.status !== "active" || r.dormant);
    const active = firstInactive < 0 ? listed : listed.slice(0, firstInactive);
    const dormant = listed.filter((r) => r.dormant);
    expect(listed.slice(firstInactive, firstInactive + dormant.length)).toEqual(dormant);
    for (let i = 1; i < dormant.length; i++) expect(stallOnset(byId.get(dormant[i]!.id)!)).toBeGreaterThanOrEqual(stallOnset(byId.get(dormant[i - 1]!.id)!));
    expect(dormant.every((r) => isDormant(byId.get(r.id)!, settings, now))).toBe(true);
    expect(active.length).toBeGreaterThan(stalledCount);
    const onsets = active.map((r) => stallOnset(byId.get(r.id)!));
    for (let i = 1; i < onsets.length; i++) expect(onsets[i]).toBeGreaterThanOrEqual(onsets[i - 1]!);
    const others = firstInactive < 0 ? [] : listed.slice(firstInactive + dormant.length);
    expect(others.every((r) => r.status !== "active")).toBe(true);
    for (let i = 1; i < others.length; i++) expect(others[i]!.lastActivityAt).toBeGreaterThanOrEqual(others[i - 1]!.lastActivityAt);
    // The onset the database keeps (stalled_since) is the rule's, for every participant in scope.
    const stored = server.sql.prepare("SELECT id, stalled_since AS since FROM participants").all() as { id: number; since: number | null }[];
    const wrong = stored.filter(({ id, since }) => byId.has(id) && since !== (byId.get(id)!.status === "active" ? stallOnset(byId.get(id)!) : null));
    expect(wrong).toEqual([]);
    console.log(`mentor list ordered: ${listed.length} participants, ${stalledCount} stalled first, then ${active.length - stalledCount} active by onset`);
  });

  it("a district or cohort outside the scope gives an empty list, never its participants", async () => {
    const gambir = (server.sql.prepare("SELECT id FROM districts WHERE name = 'Gambir'").get() as { id: number }).id;
    const gambirCohort = server.sql.prepare("SELECT id FROM cohorts WHERE district_id = ?").get(gambir) as { id: number } | undefined;
    expect(sqlCount("mentor.gambir@pas.demo", "p.district_id = ?", gambir)).toBeGreaterThan(0);
    const list = listParticipantsInScope(db, viewers["mentor.cakung@pas.demo"]!, { district: gambir });
    expect(list.total).toBe(0);
    expect(list.rows).toEqual([]);
    const response = await get(server.url, `/peserta?district=${gambir}`, cookies["mentor.cakung@pas.demo"]);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(headerCounts(html).total).toBe(0);
    // The district is not even offered.
    expect(html).not.toContain(`<option value="${gambir}">`);
    if (gambirCohort) {
      const byCohort = await get(server.url, `/peserta?cohort=${gambirCohort.id}`, cookies["mentor.cakung@pas.demo"]);
      expect(headerCounts(await byCohort.text()).total).toBe(0);
    }
  });

  it("ignores bad query values with a message: 200, never a 500, and the good filters still apply", async () => {
    const cookie = cookies["mentor.cakung@pas.demo"];
    const all = sqlCount("mentor.cakung@pas.demo");
    const active = sqlCount("mentor.cakung@pas.demo", activeNotDormant(Date.now()));
    const bad = [
      "district=abc",
      "cohort=-3",
      "stage=P9",
      "status=zzz",
      "track=%3Cscript%3E",
      "stalled=maybe",
      "sector=x'%20OR%201=1--",
      "page=-1",
      "page=1e999",
      "district=99999999999999999999",
      `q=${"a".repeat(150)}`,
      "district=1&district=abc",
    ];
    let fiveHundreds = 0;
    for (const query of bad) {
      const response = await get(server.url, `/peserta?${query}`, cookie);
      if (response.status >= 500) fiveHundreds++;
      expect(response.status, query).toBe(200);
      const html = await response.text();
      if (!query.startsWith("district=1&")) {
        expect(html, query).toContain("tidak dikenali dan diabaikan");
        expect(headerCounts(html).total, query).toBe(all);
      }
    }
    const mixed = await get(server.url, "/peserta?status=active&stage=nope", cookie);
    const html = await mixed.text();
    expect(html).toContain("tidak dikenali dan diabaikan");
    expect(headerCounts(html).total).toBe(active);
    console.log(`bad query strings tried: ${bad.length + 1}, 500s seen: ${fiveHundreds}`);
  });

  it("finds a participant by the last 4 NIK digits (exact) and by the end of their phone number", async () => {
    const email = "koordinator.jaktim@pas.demo";
    const viewer = viewers[email]!;
    const someone = rowsInScope(email).find((r) => r.phone && r.phone.length >= 8)!;
    const searchWhere =
      "p.full_name LIKE '%' || @q || '%' OR p.business_name LIKE '%' || @q || '%' OR p.nik_last4 = @q OR p.phone LIKE '%' || @q";

    const byNik = listParticipantsInScope(db, viewer, { q: someone.nikLast4 });
    expect(byNik.total).toBe(sqlCount(email, searchWhere, { q: someone.nikLast4 }));
    expect(allRows(viewer, { q: someone.nikLast4 }, Date.now()).map((r) => r.id)).toContain(someone.id);
    // Exact: three of the four digits do not match by NIK.
    const three = someone.nikLast4.slice(1);
    expect(listParticipantsInScope(db, viewer, { q: three }).total).toBe(
      sqlCount(email, "p.full_name LIKE '%' || @q || '%' OR p.business_name LIKE '%' || @q || '%'", { q: three }),
    );

    const suffix = someone.phone!.slice(-6);
    const byPhone = listParticipantsInScope(db, viewer, { q: suffix });
    expect(byPhone.total).toBe(sqlCount(email, searchWhere, { q: suffix }));
    expect(allRows(viewer, { q: suffix }, Date.now()).map((r) => r.id)).toContain(someone.id);
    // The middle of a phone number is not its end.
    const middle = someone.phone!.slice(2, 8);
    expect(listParticipantsInScope(db, viewer, { q: middle }).total).toBe(sqlCount(email, searchWhere, { q: middle }));

    // Over HTTP too.
    const response = await get(server.url, `/peserta?q=${suffix}`, cookies[email]);
    expect(response.status).toBe(200);
    expect(headerCounts(await response.text()).total).toBe(byPhone.total);
  });

  it("keeps the filters in the pagination links", async () => {
    const email = "koordinator@pas.demo";
    const total = sqlCount(email, activeNotDormant(Date.now()));
    expect(total).toBeGreaterThan(PAGE_SIZE);
    const html = await (await get(server.url, "/peserta?status=active&track=", cookies[email])).text();
    expect(html).toContain('href="/peserta?status=active&amp;page=2"');
    const second = await (await get(server.url, "/peserta?status=active&page=2", cookies[email])).text();
    expect(headerCounts(second).total).toBe(total);
    expect(second).toContain('href="/peserta?status=active"');
  });

  it("renders each row once: one table whose rows are cards on a phone, not a table and a copy as cards", async () => {
    for (const email of ["mentor.cakung@pas.demo", "koordinator@pas.demo"]) {
      const html = await (await get(server.url, "/peserta", cookies[email])).text();
      const ids = listParticipantsInScope(db, viewers[email]!, {}).rows.map((row) => row.id);
      expect(ids.length).toBe(PAGE_SIZE);
      for (const id of ids) expect(html.split(`href="/peserta/${id}"`).length - 1, `participant ${id}`).toBe(1);
      expect(html.match(/<table/g)).toHaveLength(1);
    }
  });

  it("shows the stall badge and its reasons on the list and on a stalled participant's page", async () => {
    const email = "mentor.cakung@pas.demo";
    const now = Date.now();
    const stalled = rowsInScope(email).find((r) => isStalled(r, now));
    expect(stalled).toBeDefined();
    const list = await (await get(server.url, "/peserta?stalled=yes", cookies[email])).text();
    expect(list).toMatch(/hari \(batas \d+\)|Tidak ada aktivitas \d+ hari/);
    const page = await (await get(server.url, `/peserta/${stalled!.id}`, cookies[email])).text();
    expect(page).toContain("Peserta ini macet");
    const reason = stallReasons(stalled!, settings, now)[0]!;
    expect(page).toContain(reason.kind === "inactive" ? `Tidak ada aktivitas ${reason.days} hari` : `(batas ${reason.limit})`);
  });
});
