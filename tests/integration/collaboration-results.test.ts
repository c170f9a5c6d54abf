// The collaboration survey's results on the demo's rounds, against the real server and its database:
// every score, band, respondent count and response count equals a direct SQL computation; groups and
// districts under the minimum size are hidden; the change since the previous round is the difference
// of the two rounds' SQL scores; the pipeline beside the scores is the dashboard's; the anonymised
// answers name no one and blank a small group's district; mentors see their districts' aggregates but
// never answers, and a coordinator of another city gets 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import type { Viewer } from "../../app/modules/access/scope.server";
import { getConversion, getStallMap } from "../../app/modules/dashboard/overview.server";
import { answersSheet, resultsSheet } from "../../app/modules/collaboration/export.server";
import { districtView, organisationView, roundOverview } from "../../app/modules/collaboration/round-view.server";
import { MIN_GROUP_SIZE, pearson } from "../../app/modules/collaboration/scoring";
import { get, startServer, type TestServer } from "../helpers/server";
import { createSession, SESSION_COOKIE } from "../../app/modules/auth/session.server";

let server: TestServer;
let db: Db;
const viewers: Record<string, Viewer> = {};
const cookies: Record<string, string> = {};
const ACCOUNTS = {
  province: "koordinator@pas.demo",
  jaktim: "koordinator.jaktim@pas.demo",
  cakung: "mentor.cakung@pas.demo",
  gambir: "mentor.gambir@pas.demo",
  entrepreneur: "umkm@pas.demo",
} as const;

const t = ((key: string) => key) as Parameters<typeof resultsSheet>[3];

beforeAll(async () => {
  server = await startServer({ label: "collaboration-results" });
  db = openDatabase(server.dbPath);
  for (const [who, email] of Object.entries(ACCOUNTS)) {
    viewers[who] = server.sql.prepare("SELECT id, role, city_id AS cityId, agency_id AS agencyId, organisation_id AS organisationId FROM users WHERE email = ?").get(email) as Viewer;
    // Sessions made by the session module itself: what this file tests starts after signing in.
    cookies[who] = `${SESSION_COOKIE}=${createSession(db, viewers[who]!.id).token}`;
  }
}, 180_000);

afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

const rounds = () => server.sql.prepare("SELECT id, instrument_id AS instrumentId, closed_at AS closedAt FROM survey_rounds ORDER BY period_start").all() as { id: number; instrumentId: number; closedAt: number | null }[];
const districtId = (name: string) => (server.sql.prepare("SELECT id FROM districts WHERE name = ?").get(name) as { id: number }).id;

/** Indicator scores per district straight from the answers: the mean of sub-indicator means, reverse as 6 − answer. */
function sqlIndicatorScores(roundId: number): Map<string, number> {
  const rows = server.sql
    .prepare(
      `WITH scored AS (
         SELECT rd.district_id AS d, st.sub_indicator_id AS sub, CASE WHEN st.reverse THEN 6 - a.value ELSE a.value END AS v
         FROM survey_answers a
         JOIN survey_responses r ON r.id = a.response_id AND r.round_id = ? AND r.status = 'submitted'
         JOIN survey_response_districts rd ON rd.response_id = r.id
         JOIN survey_statements st ON st.id = a.statement_id),
       subs AS (SELECT d, sub, avg(v) AS s FROM scored GROUP BY d, sub)
       SELECT d, si.indicator_id AS ind, avg(s) AS score FROM subs JOIN survey_sub_indicators si ON si.id = subs.sub GROUP BY d, ind`,
    )
    .all(roundId) as { d: number; ind: number; score: number }[];
  return new Map(rows.map((r) => [`${r.d}|${r.ind}`, r.score]));
}

function sqlSubScores(roundId: number, district: number): Map<number, number> {
  const rows = server.sql
    .prepare(
      `SELECT st.sub_indicator_id AS sub, avg(CASE WHEN st.reverse THEN 6 - a.value ELSE a.value END) AS s
       FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id AND r.round_id = ? AND r.status = 'submitted'
       JOIN survey_response_districts rd ON rd.response_id = r.id AND rd.district_id = ?
       JOIN survey_statements st ON st.id = a.statement_id GROUP BY st.sub_indicator_id`,
    )
    .all(roundId, district) as { sub: number; s: number }[];
  return new Map(rows.map((r) => [r.sub, r.s]));
}

const sqlRespondents = (roundId: number) =>
  new Map(
    (
      server.sql
        .prepare(
          `SELECT rd.district_id AS d, r.respondent_group AS g, count(*) AS n FROM survey_responses r JOIN survey_response_districts rd ON rd.response_id = r.id
           WHERE r.round_id = ? AND r.status = 'submitted' GROUP BY d, g`,
        )
        .all(roundId) as { d: number; g: string; n: number }[]
    ).map((r) => [`${r.d}|${r.g}`, r.n]),
  );

const sqlBand = (instrumentId: number, score: number) =>
  (server.sql.prepare("SELECT code FROM survey_bands WHERE instrument_id = ? AND lower_bound <= ? ORDER BY lower_bound DESC LIMIT 1").get(instrumentId, score) as { code: string }).code;

/** Two decimals of a float from SQL, half up: the float may sit a hair below a .xx5, so compare within it. */
const expectShown = (hundredths: number, exact: number) => expect(Math.abs(hundredths / 100 - exact)).toBeLessThanOrEqual(0.005 + 1e-9);

describe("figures equal a direct SQL computation", () => {
  it("scores, bands and respondents of every district in every round, for the province", () => {
    let checked = 0;
    let hidden = 0;
    for (const round of rounds()) {
      const view = roundOverview(db, viewers.province!, round.id)!;
      const scores = sqlIndicatorScores(round.id);
      const respondents = sqlRespondents(round.id);
      for (const d of view.districts) {
        const total = [...respondents].filter(([k]) => k.startsWith(`${d.id}|`)).reduce((n, [, v]) => n + v, 0);
        expect(d.scores.respondents, `${d.name} respondents`).toBe(total);
        expect(d.rate.submitted).toBe(total);
        expect(d.scores.shown).toBe(total >= MIN_GROUP_SIZE);
        view.labels.indicators.forEach((indicator, i) => {
          const score = d.scores.indicators[i]!.score;
          if (!d.scores.shown) {
            expect(score).toBeNull();
            return;
          }
          const exact = scores.get(`${d.id}|${indicator.id}`)!;
          expectShown(score!.hundredths, exact);
          expect(score!.value).toBeCloseTo(exact, 9);
          expect(score!.band).toBe(sqlBand(round.instrumentId, exact));
          checked++;
        });
        if (!d.scores.shown && total > 0) hidden++;
      }
    }
    // The total counts each response once, though a mentor's speaks for each of their districts.
    const round = rounds()[1]!;
    const view = roundOverview(db, viewers.province!, round.id)!;
    const totals = server.sql
      .prepare(
        `WITH chosen AS (SELECT id FROM survey_responses WHERE round_id = ? AND status = 'submitted'),
         subs AS (SELECT st.sub_indicator_id AS sub, avg(CASE WHEN st.reverse THEN 6 - a.value ELSE a.value END) AS s
           FROM survey_answers a JOIN chosen c ON c.id = a.response_id JOIN survey_statements st ON st.id = a.statement_id GROUP BY sub)
         SELECT si.indicator_id AS ind, avg(s) AS score, (SELECT count(*) FROM chosen) AS n FROM subs JOIN survey_sub_indicators si ON si.id = subs.sub GROUP BY ind`,
      )
      .all(round.id) as { ind: number; score: number; n: number }[];
    expect(view.total.respondents).toBe(totals[0]!.n);
    expect(server.sql.prepare("SELECT count(*) AS n FROM survey_response_districts rd JOIN survey_responses r ON r.id = rd.response_id WHERE r.round_id = ? GROUP BY rd.response_id HAVING count(*) > 1").all(round.id).length).toBeGreaterThan(0);
    view.labels.indicators.forEach((indicator, i) => {
      const exact = totals.find((x) => x.ind === indicator.id)!.score;
      expectShown(view.total.indicators[i]!.score!.hundredths, exact);
      expect(view.total.indicators[i]!.score!.value).toBeCloseTo(exact, 9);
    });
    console.log(`district × indicator scores checked against SQL: ${checked}; districts hidden for fewer than ${MIN_GROUP_SIZE} respondents: ${hidden}`);
    expect(checked).toBeGreaterThan(100);
  });

  it("a district's sub-indicators, its groups, and the change since the previous round", () => {
    const [first, second] = rounds();
    const cakung = districtId("Cakung");
    const view = districtView(db, viewers.province!, second!.id, cakung)!;
    const subs = sqlSubScores(second!.id, cakung);
    view.labels.indicators.forEach((indicator, i) =>
      indicator.subs.forEach((sub, k) => expectShown(view.scored.total.indicators[i]!.subs[k]!.score!.hundredths, subs.get(sub.id)!)),
    );
    const respondents = sqlRespondents(second!.id);
    for (const g of view.scored.groups) expect(g.respondents).toBe(respondents.get(`${cakung}|${g.group}`));
    for (const g of view.scored.hiddenGroups) expect(g.respondents).toBeLessThan(MIN_GROUP_SIZE);
    expect(view.scored.groups.every((g) => g.respondents >= MIN_GROUP_SIZE)).toBe(true);
    expect(view.scored.groups.length + view.scored.hiddenGroups.length).toBeGreaterThan(1);
    // The change is this round's shown score less the previous round's, both rounded from SQL.
    const before = sqlIndicatorScores(first!.id);
    const now = sqlIndicatorScores(second!.id);
    const half = (x: number) => Math.floor(x * 100 + 0.5 + 1e-9);
    const previousIndicators = server.sql.prepare("SELECT id, position FROM survey_indicators WHERE instrument_id = ?").all(first!.instrumentId) as { id: number; position: number }[];
    for (const indicator of server.sql.prepare("SELECT id, position FROM survey_indicators WHERE instrument_id = ?").all(second!.instrumentId) as { id: number; position: number }[]) {
      const then = previousIndicators.find((p) => p.position === indicator.position)!;
      expect(view.change.indicators[indicator.id]).toBe(half(now.get(`${cakung}|${indicator.id}`)!) - half(before.get(`${cakung}|${then.id}`)!));
    }
    // Sub-indicators have ids of their own (they may equal an indicator's): each change is its own sub's.
    const subsBefore = sqlSubScores(first!.id, cakung);
    const previousSubs = server.sql.prepare("SELECT s.id, i.position AS ip, s.position AS sp FROM survey_sub_indicators s JOIN survey_indicators i ON i.id = s.indicator_id WHERE i.instrument_id = ?").all(first!.instrumentId) as { id: number; ip: number; sp: number }[];
    const currentSubs = server.sql.prepare("SELECT s.id, i.position AS ip, s.position AS sp FROM survey_sub_indicators s JOIN survey_indicators i ON i.id = s.indicator_id WHERE i.instrument_id = ?").all(second!.instrumentId) as { id: number; ip: number; sp: number }[];
    for (const sub of currentSubs) {
      const then = previousSubs.find((p) => p.ip === sub.ip && p.sp === sub.sp)!;
      expect(view.change.subs[sub.id]).toBe(half(subs.get(sub.id)!) - half(subsBefore.get(then.id)!));
    }
    expect(view.previous?.id).toBe(first!.id);
  });

  it("the pipeline beside the scores is the dashboard's, and r is Pearson's over the districts shown", () => {
    const round = rounds()[1]!;
    const view = roundOverview(db, viewers.province!, round.id)!;
    const map = new Map(getStallMap(db, viewers.province!).districts.map((d) => [d.id, d]));
    const conversion = new Map(getConversion(db, viewers.province!, { by: "district" }).conversion.rows.map((r) => [r.id, r]));
    for (const d of view.districts) {
      expect(d.pipeline.stalled).toBe(map.get(d.id)?.stalled ?? 0);
      expect(d.pipeline.active).toBe(map.get(d.id)?.active ?? 0);
      expect(d.pipeline.registrants).toBe(conversion.get(d.id)?.registrants ?? 0);
      expect(d.pipeline.reachedLast).toBe(conversion.get(d.id)?.reached[6] ?? 0);
    }
    const scores = sqlIndicatorScores(round.id);
    const process = view.labels.indicators[0]!.id;
    const points = view.districts
      .filter((d) => d.scores.shown && d.pipeline.active > 0)
      .map((d) => ({ x: scores.get(`${d.id}|${process}`)!, y: map.get(d.id)!.stalled / map.get(d.id)!.active }));
    expect(view.scatter.points).toHaveLength(points.length);
    expect(view.scatter.r).toBeCloseTo(pearson(points)!, 9);
    console.log(`scatter: ${points.length} districts, r = ${view.scatter.r?.toFixed(3)}`);
  });

  it("a partner organisation's respondents are its staff and the entrepreneurs referred to it", () => {
    const round = rounds()[1]!;
    const orgs = server.sql
      .prepare(
        `SELECT o.id, (SELECT count(*) FROM survey_responses r WHERE r.round_id = ? AND r.status = 'submitted'
           AND (r.organisation_id = o.id OR (r.respondent_group = 'entrepreneur' AND r.participant_id IN (SELECT participant_id FROM referrals WHERE organisation_id = o.id)))) AS n
         FROM organisations o`,
      )
      .all(round.id) as { id: number; n: number }[];
    const answered = orgs.filter((o) => o.n > 0);
    expect(answered.length).toBeGreaterThan(0);
    for (const o of answered) {
      const view = organisationView(db, viewers.province!, round.id, o.id)!;
      expect(view.scored.total.respondents).toBe(o.n);
      expect(view.scored.total.shown).toBe(o.n >= MIN_GROUP_SIZE);
    }
    expect(organisationView(db, viewers.cakung!, round.id, answered[0]!.id)).toBeNull();
  });
});

describe("exports", () => {
  it("the results file has a row per district with the page's scores", () => {
    const round = rounds()[1]!;
    const sheet = resultsSheet(db, viewers.province!, round.id, t, "id")!;
    const view = roundOverview(db, viewers.province!, round.id)!;
    expect(sheet.rows).toHaveLength(view.districts.length);
    const row = sheet.rows.find((r) => r[0] === "Cakung")!;
    const cakung = view.districts.find((d) => d.name === "Cakung")!;
    expect(row[4]).toBe(cakung.scores.indicators[0]!.score!.hundredths / 100);
  });

  it("the anonymised answers name no one and blank the district of a group under the minimum", () => {
    const round = rounds()[1]!;
    const sheet = answersSheet(db, viewers.province!, round.id, t)!;
    const submitted = (server.sql.prepare("SELECT count(*) AS n FROM survey_responses WHERE round_id = ? AND status = 'submitted'").get(round.id) as { n: number }).n;
    expect(sheet.rows).toHaveLength(submitted);
    const names = server.sql.prepare("SELECT name, email FROM users").all() as { name: string; email: string }[];
    const text = JSON.stringify(sheet);
    for (const u of names) expect(text.includes(u.email) || text.includes(`"${u.name}"`)).toBe(false);
    expect(sheet.header.slice(0, 2)).toEqual(["results.group", "results.district"]);
    const respondents = sqlRespondents(round.id);
    const groupKey = (label: string) => label.replace("results.groups.", "");
    let blanked = 0;
    for (const row of sheet.rows) {
      if (row[1] === null) {
        blanked++;
        continue;
      }
      for (const name of String(row[1]).split("; ")) expect(respondents.get(`${districtId(name)}|${groupKey(String(row[0]))}`)).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
    }
    // No district cell is rarer than the minimum within its group (a combination of districts is one person's).
    const cells = new Map<string, number>();
    for (const row of sheet.rows) if (row[1] !== null) cells.set(`${row[0]}|${row[1]}`, (cells.get(`${row[0]}|${row[1]}`) ?? 0) + 1);
    for (const [cell, n] of cells) expect(n, cell).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
    console.log(`anonymised answers: ${sheet.rows.length} rows, ${blanked} with the district blanked (group under ${MIN_GROUP_SIZE})`);
    expect(blanked).toBeGreaterThan(0);
  });
});

describe("access over HTTP", () => {
  const roundOf = () => rounds()[1]!.id;

  it("a mentor reads their district's aggregates but never the answers, and no other district", async () => {
    const round = roundOf();
    const page = await get(server.url, `/kolaborasi/putaran/${round}/kecamatan/${districtId("Cakung")}`, cookies.cakung);
    expect(page.status).toBe(200);
    const html = await page.text();
    // No statement's text reaches a results page: only indicator and sub-indicator labels.
    const statement = (server.sql.prepare("SELECT text_id AS text FROM survey_statements ORDER BY id LIMIT 1").get() as { text: string }).text;
    expect(html.includes(statement)).toBe(false);
    expect((await get(server.url, `/kolaborasi/putaran/${round}/kecamatan/${districtId("Gambir")}`, cookies.cakung)).status).toBe(404);
    for (const isi of ["jawaban", "hasil"]) expect((await get(server.url, `/kolaborasi/putaran/${round}/ekspor?isi=${isi}&format=csv`, cookies.cakung)).status).toBe(404);
    const heat = await (await get(server.url, `/kolaborasi/putaran/${round}`, cookies.cakung)).text();
    expect(heat).toContain("Cakung");
    expect(heat).not.toContain(">Gambir<");
  });

  it("a city coordinator gets 404 for another city's district and partner pages", async () => {
    const round = roundOf();
    expect((await get(server.url, `/kolaborasi/putaran/${round}/kecamatan/${districtId("Gambir")}`, cookies.jaktim)).status).toBe(404);
    expect((await get(server.url, `/kolaborasi/putaran/${round}/kecamatan/${districtId("Cakung")}`, cookies.jaktim)).status).toBe(200);
    expect((await get(server.url, `/kolaborasi/putaran/${round}/kecamatan/${districtId("Gambir")}`, cookies.province)).status).toBe(200);
    const csv = await (await get(server.url, `/kolaborasi/putaran/${round}/ekspor?isi=hasil&format=csv`, cookies.jaktim)).text();
    expect(csv).toContain("Cakung");
    expect(csv).not.toContain("Gambir");
  });

  it("a mentor finds the rounds that asked their districts, and only those", async () => {
    const asked = server.sql
      .prepare(
        `SELECT name FROM survey_rounds r WHERE r.scope = 'province' OR EXISTS (SELECT 1 FROM survey_round_districts rd JOIN mentor_districts md ON md.district_id = rd.district_id
           WHERE rd.round_id = r.id AND md.mentor_id = ?)`,
      )
      .all(viewers.cakung!.id) as { name: string }[];
    const page = await get(server.url, "/kolaborasi/hasil", cookies.cakung);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(asked.length).toBeGreaterThan(0);
    for (const round of asked) expect(html).toContain(round.name);
    expect((await get(server.url, "/kolaborasi/hasil", cookies.entrepreneur)).status).toBe(404);
  });

  it("an entrepreneur gets 404, and a round that does not exist is 404 for everyone", async () => {
    expect((await get(server.url, `/kolaborasi/putaran/${roundOf()}`, cookies.entrepreneur)).status).toBe(404);
    expect((await get(server.url, `/kolaborasi/putaran/99999`, cookies.province)).status).toBe(404);
    expect((await get(server.url, `/kolaborasi/putaran/abc`, cookies.province)).status).toBe(404);
  });

  it("the province coordinator downloads both files in both formats", async () => {
    for (const isi of ["hasil", "jawaban"])
      for (const format of ["csv", "xlsx"]) {
        const response = await get(server.url, `/kolaborasi/putaran/${roundOf()}/ekspor?isi=${isi}&format=${format}`, cookies.province);
        expect(response.status, `${isi} ${format}`).toBe(200);
        expect(response.headers.get("content-disposition")).toContain(`.${format}`);
      }
  });
});
