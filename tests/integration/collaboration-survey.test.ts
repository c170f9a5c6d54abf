// The collaboration survey up to a stored answer, on the real built server over HTTP and the demo
// database: one response per person per round (also under two saves at once), a draft then sent,
// changes until the round closes and none after, who a round asks (group and districts), bad input
// that changes nothing, nobody reading another person's answers, and the coordinator's instruments
// (a used version is never edited; a copy is the next version) and rounds, each audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, sameOriginHeaders, startServer, get, type TestServer } from "../helpers/server";

let server: TestServer;
let round: number;
let statements: number[];
const cookies: Record<string, string> = {};

const one = <T>(query: string, ...params: unknown[]) => server.sql.prepare(query).get(...params) as T;
const all = <T>(query: string, ...params: unknown[]) => server.sql.prepare(query).all(...params) as T[];
const userId = (email: string) => one<{ id: number }>("SELECT id FROM users WHERE email = ?", email).id;

/** Posts a form whose fields may repeat (checkbox groups), as a browser sends it. */
function post(path: string, fields: [string, string][] | Record<string, string>, cookie: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { ...sameOriginHeaders(server.url), Cookie: cookie },
    body: new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields)),
  });
}

/** Every statement answered with `value` (or per statement), and the button pressed. */
function answers(intent: "draft" | "submit", value: number | ((id: number, i: number) => number | undefined)): Record<string, string> {
  const fields: Record<string, string> = { intent };
  statements.forEach((id, i) => {
    const v = typeof value === "number" ? value : value(id, i);
    if (v !== undefined) fields[`s${id}`] = String(v);
  });
  return fields;
}

/** A person's stored response to a round: its row and its answers, for before/after comparisons. */
function stored(email: string, roundId = round) {
  const response = one<{ id: number; status: string; submitted_at: number | null; respondent_group: string } | undefined>(
    "SELECT id, status, submitted_at, respondent_group FROM survey_responses WHERE round_id = ? AND user_id = ?",
    roundId,
    userId(email),
  );
  const rows = response ? all<{ statement_id: number; value: number }>("SELECT statement_id, value FROM survey_answers WHERE response_id = ? ORDER BY statement_id", response.id) : [];
  return { response, answers: rows };
}

/** Everything the survey tables hold, as one string: a refused post must leave it unchanged. */
const surveyFingerprint = () =>
  JSON.stringify([
    all("SELECT * FROM survey_responses ORDER BY id"),
    all("SELECT * FROM survey_answers ORDER BY response_id, statement_id"),
    all("SELECT * FROM survey_response_districts ORDER BY response_id, district_id"),
    all("SELECT * FROM survey_rounds ORDER BY id"),
    all("SELECT * FROM survey_instruments ORDER BY id"),
    all("SELECT * FROM survey_statements ORDER BY id"),
    all("SELECT * FROM survey_bands ORDER BY id"),
  ]);

beforeAll(async () => {
  server = await startServer({ label: "collaboration-survey" });
  for (const email of ["umkm@pas.demo", "mentor.cakung@pas.demo", "mentor.gambir@pas.demo", "mitra@pas.demo", "koordinator@pas.demo", "koordinator.jaktim@pas.demo"]) {
    cookies[email] = await signIn(server.url, email);
  }
  round = one<{ id: number }>("SELECT id FROM survey_rounds WHERE closed_at IS NULL").id;
  statements = all<{ id: number }>(
    `SELECT s.id FROM survey_statements s JOIN survey_sub_indicators u ON u.id = s.sub_indicator_id JOIN survey_indicators i ON i.id = u.indicator_id
     WHERE i.instrument_id = (SELECT instrument_id FROM survey_rounds WHERE id = ?) ORDER BY i.position, u.position, s.position`,
    round,
  ).map((r) => r.id);
});

afterAll(async () => {
  await server?.stop();
});

describe("the demo survey", () => {
  it("has two closed rounds and one open, answered in most districts by at least 5 entrepreneurs and in a couple by fewer", () => {
    const rounds = all<{ closed: number }>("SELECT closed_at IS NOT NULL AS closed FROM survey_rounds ORDER BY id");
    expect(rounds.map((r) => r.closed)).toEqual([1, 1, 0]);
    const perDistrict = all<{ n: number }>(
      `SELECT count(*) AS n FROM survey_responses r JOIN survey_response_districts d ON d.response_id = r.id
       WHERE r.round_id = (SELECT min(id) FROM survey_rounds) AND r.respondent_group = 'entrepreneur' AND r.status = 'submitted' GROUP BY d.district_id`,
    );
    expect(perDistrict.filter((d) => d.n >= 5).length).toBeGreaterThan(perDistrict.length / 2);
    expect(perDistrict.filter((d) => d.n < 5).length).toBeGreaterThanOrEqual(2);
  });

  it("leaves the open round unanswered by the demo accounts, and shows it on their landing pages", async () => {
    expect(stored("umkm@pas.demo").response).toBeUndefined();
    for (const [email, page] of [
      ["umkm@pas.demo", "/saya"],
      ["mentor.cakung@pas.demo", "/hari-ini"],
      ["mitra@pas.demo", "/mitra"],
    ]) {
      const html = await (await get(server.url, page, cookies[email])).text();
      expect(html, `${email} on ${page}`).toContain(`href="/kolaborasi/jawab/${round}"`);
    }
  });
});

describe("answering", () => {
  it("saves a draft, refuses to send it incomplete, then sends it: one response, the group and district captured", async () => {
    const siti = "umkm@pas.demo";
    const draft = await post(`/kolaborasi/jawab/${round}`, answers("draft", (_, i) => (i < 3 ? 4 : undefined)), cookies[siti]!);
    expect(draft.status).toBe(303);
    expect(draft.headers.get("location")).toBe(`/kolaborasi/jawab/${round}?tersimpan=draf`);
    let mine = stored(siti);
    expect(mine.response?.status).toBe("draft");
    expect(mine.answers.map((a) => a.value)).toEqual([4, 4, 4]);
    expect(mine.response?.respondent_group).toBe("entrepreneur");
    const districts = all<{ district_id: number }>("SELECT district_id FROM survey_response_districts WHERE response_id = ?", mine.response!.id).map((d) => d.district_id);
    const own = one<{ district_id: number }>("SELECT district_id FROM participants WHERE user_id = ?", userId(siti)).district_id;
    expect(districts).toEqual([own]);

    const before = surveyFingerprint();
    const incomplete = await post(`/kolaborasi/jawab/${round}`, answers("submit", (_, i) => (i === 0 ? undefined : 5)), cookies[siti]!);
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain("Belum semua pernyataan dijawab");
    expect(surveyFingerprint()).toBe(before);

    const sent = await post(`/kolaborasi/jawab/${round}`, answers("submit", 5), cookies[siti]!);
    expect(sent.status).toBe(303);
    mine = stored(siti);
    expect(mine.response?.status).toBe("submitted");
    expect(mine.answers).toHaveLength(statements.length);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM survey_responses WHERE round_id = ? AND user_id = ?", round, userId(siti)).n).toBe(1);
  });

  it("lets a sent response change until the round closes, keeping when it was first sent; a draft over it is refused", async () => {
    const siti = "umkm@pas.demo";
    const first = stored(siti).response!;
    const changed = await post(`/kolaborasi/jawab/${round}`, answers("submit", (_, i) => (i % 2 === 0 ? 2 : 3)), cookies[siti]!);
    expect(changed.status).toBe(303);
    const now = stored(siti);
    expect(now.response!.id).toBe(first.id);
    expect(now.response!.submitted_at).toBe(first.submitted_at);
    expect(now.answers.map((a) => a.value)).toEqual(statements.map((_, i) => (i % 2 === 0 ? 2 : 3)));

    const before = surveyFingerprint();
    const draft = await post(`/kolaborasi/jawab/${round}`, answers("draft", 1), cookies[siti]!);
    expect(draft.status).toBe(400);
    expect(await draft.text()).toContain("Kirim perubahan");
    expect(surveyFingerprint()).toBe(before);
  });

  it("keeps one response per person per round when two saves race, with the answers of one of them whole", async () => {
    const mentor = "mentor.cakung@pas.demo";
    const [a, b] = await Promise.all([
      post(`/kolaborasi/jawab/${round}`, answers("submit", 2), cookies[mentor]!),
      post(`/kolaborasi/jawab/${round}`, answers("submit", 4), cookies[mentor]!),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM survey_responses WHERE round_id = ? AND user_id = ?", round, userId(mentor)).n).toBe(1);
    const values = new Set(stored(mentor).answers.map((x) => x.value));
    expect(values.size).toBe(1);
    expect([2, 4]).toContain([...values][0]);
    expect(stored(mentor).answers).toHaveLength(statements.length);
    // The mentor's response speaks for their districts in the round's scope.
    const districts = all<{ name: string }>(
      "SELECT d.name FROM survey_response_districts rd JOIN districts d ON d.id = rd.district_id WHERE rd.response_id = ? ORDER BY d.name",
      stored(mentor).response!.id,
    ).map((d) => d.name);
    expect(districts).toEqual(["Cakung", "Pulo Gadung"]);
  });

  it("the database itself refuses a second response of the same person to the same round, and an answer outside 1–5", () => {
    const existing = stored("umkm@pas.demo").response!;
    expect(() =>
      server.sql
        .prepare("INSERT INTO survey_responses (round_id, user_id, respondent_group, status, created_at, updated_at) VALUES (?, ?, 'entrepreneur', 'draft', 1, 1)")
        .run(round, userId("umkm@pas.demo")),
    ).toThrow(/UNIQUE/);
    expect(() => server.sql.prepare("UPDATE survey_answers SET value = 6 WHERE response_id = ?").run(existing.id)).toThrow(/CHECK/);
  });

  it("refuses bad answers (0, 6, words, a statement the round does not ask, no button) and changes nothing", async () => {
    const siti = "umkm@pas.demo";
    const foreign = one<{ id: number }>("SELECT max(id) + 1 AS id FROM survey_statements").id;
    const bad: [string, Record<string, string>][] = [
      ["value 0", { ...answers("submit", 3), [`s${statements[0]}`]: "0" }],
      ["value 6", { ...answers("submit", 3), [`s${statements[1]}`]: "6" }],
      ["a word", { ...answers("draft", 3), [`s${statements[2]}`]: "setuju" }],
      ["unknown statement", { ...answers("submit", 3), [`s${foreign}`]: "3" }],
      ["no button", { [`s${statements[0]}`]: "3" }],
      ["another round's statement id form", { intent: "draft", [`s${statements[0]}`]: "3.5" }],
    ];
    for (const [what, fields] of bad) {
      const before = surveyFingerprint();
      const response = await post(`/kolaborasi/jawab/${round}`, fields, cookies[siti]!);
      expect(response.status, what).toBe(400);
      expect(surveyFingerprint(), what).toBe(before);
    }
  });
});

describe("who a round asks", () => {
  let gambirOnly: number;

  beforeAll(async () => {
    const gambir = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Gambir'").id;
    const instrument = one<{ id: number }>("SELECT instrument_id AS id FROM survey_rounds WHERE id = ?", round).id;
    const opened = await post(
      "/kolaborasi/buka",
      [
        ["name", "Putaran khusus Gambir"],
        ["periodStart", "2026-11-01"],
        ["periodEnd", "2026-12-31"],
        ["instrumentId", String(instrument)],
        ["scope", "districts"],
        ["districtIds", String(gambir)],
        ["groups", "entrepreneur"],
        ["groups", "partner_staff"],
      ],
      cookies["koordinator@pas.demo"]!,
    );
    expect(opened.status).toBe(303);
    gambirOnly = one<{ id: number }>("SELECT max(id) AS id FROM survey_rounds").id;
    expect(all<{ g: string }>("SELECT respondent_group AS g FROM survey_round_groups WHERE round_id = ? ORDER BY g", gambirOnly).map((r) => r.g)).toEqual(["entrepreneur", "partner_staff"]);
  });

  it("is 404 for a group it does not ask (a mentor of the district) and outside its districts (an entrepreneur of Cakung), page and post alike", async () => {
    for (const email of ["mentor.gambir@pas.demo", "umkm@pas.demo", "koordinator@pas.demo"]) {
      expect((await get(server.url, `/kolaborasi/jawab/${gambirOnly}`, cookies[email])).status, email).toBe(404);
      const before = surveyFingerprint();
      const response = await post(`/kolaborasi/jawab/${gambirOnly}`, answers("submit", 3), cookies[email]!);
      expect(response.status, email).toBe(404);
      expect(surveyFingerprint(), email).toBe(before);
    }
    expect((await get(server.url, "/saya", cookies["umkm@pas.demo"])).ok).toBe(true);
    expect(await (await get(server.url, "/saya", cookies["umkm@pas.demo"])).text()).not.toContain(`/kolaborasi/jawab/${gambirOnly}"`);
  });

  it("lets an entrepreneur of the district answer", async () => {
    const gambirian = one<{ email: string }>(
      "SELECT u.email FROM users u JOIN participants p ON p.user_id = u.id JOIN districts d ON d.id = p.district_id WHERE d.name = 'Gambir' AND u.role = 'entrepreneur' ORDER BY u.id LIMIT 1",
    ).email;
    const cookie = await signIn(server.url, gambirian);
    expect((await get(server.url, `/kolaborasi/jawab/${gambirOnly}`, cookie)).status).toBe(200);
    expect((await post(`/kolaborasi/jawab/${gambirOnly}`, answers("submit", 4), cookie)).status).toBe(303);
    expect(stored(gambirian, gambirOnly).response?.status).toBe("submitted");
  });

  it("refuses a city coordinator a round over the province or over another city's district", async () => {
    const instrument = one<{ id: number }>("SELECT instrument_id AS id FROM survey_rounds WHERE id = ?", round).id;
    const gambir = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Gambir'").id;
    const base: [string, string][] = [
      ["name", "Putaran kota"],
      ["periodStart", "2026-11-01"],
      ["periodEnd", "2026-12-31"],
      ["instrumentId", String(instrument)],
      ["groups", "mentor"],
    ];
    for (const extra of [[["scope", "province"]], [["scope", "districts"], ["districtIds", String(gambir)]]] as [string, string][][]) {
      const before = surveyFingerprint();
      const response = await post("/kolaborasi/buka", [...base, ...extra], cookies["koordinator.jaktim@pas.demo"]!);
      expect(response.status).toBe(400);
      expect(surveyFingerprint()).toBe(before);
    }
  });
});

describe("nobody reads another person's answers", () => {
  it("shows each person only their own answers on the answer page and in its data", async () => {
    // Siti sent 2s and 3s; the Cakung mentor sent all 2s or all 4s. Another entrepreneur of Cakung has not answered.
    const other = one<{ email: string }>(
      `SELECT u.email FROM users u JOIN participants p ON p.user_id = u.id JOIN districts d ON d.id = p.district_id
       WHERE d.name = 'Cakung' AND u.role = 'entrepreneur' AND u.email <> 'umkm@pas.demo'
       AND u.id NOT IN (SELECT user_id FROM survey_responses WHERE round_id = ?) ORDER BY u.id LIMIT 1`,
      round,
    ).email;
    const cookie = await signIn(server.url, other);
    for (const [who, c] of [
      [other, cookie],
      ["koordinator@pas.demo", cookies["koordinator@pas.demo"]!],
    ] as const) {
      const html = await (await get(server.url, `/kolaborasi/jawab/${round}`, c)).text();
      expect(html, who).not.toMatch(/checked=""/);
      const data = await (await get(server.url, `/kolaborasi/jawab/${round}.data`, c)).text();
      expect(data, who).not.toContain('"answers"');
    }
    const own = await (await get(server.url, `/kolaborasi/jawab/${round}`, cookies["umkm@pas.demo"])).text();
    expect((own.match(/checked=""/g) ?? []).length).toBe(statements.length);
  });
});

describe("instruments", () => {
  it("refuses to edit a version a round used, copies it as the next version, edits the copy, and audits each", async () => {
    const coordinator = cookies["koordinator@pas.demo"]!;
    const used = one<{ id: number; code: string; version: number }>("SELECT id, code, version FROM survey_instruments WHERE id = (SELECT instrument_id FROM survey_rounds WHERE id = ?)", round);
    const before = surveyFingerprint();
    const refused = await post(`/kolaborasi/instrumen/${used.id}`, { nameId: "Diubah", nameEn: "Changed" }, coordinator);
    expect(refused.status).toBe(400);
    expect(surveyFingerprint()).toBe(before);

    const copied = await post("/kolaborasi", { intent: "copy", instrumentId: String(used.id) }, coordinator);
    expect(copied.status).toBe(303);
    const copyId = Number(/\/kolaborasi\/instrumen\/(\d+)/.exec(copied.headers.get("location") ?? "")?.[1]);
    const copy = one<{ code: string; version: number; copied_from_id: number }>("SELECT code, version, copied_from_id FROM survey_instruments WHERE id = ?", copyId);
    expect(copy).toEqual({ code: used.code, version: one<{ v: number }>("SELECT max(version) AS v FROM survey_instruments WHERE code = ?", used.code).v, copied_from_id: used.id });
    const count = (id: number) =>
      one<{ n: number }>(
        "SELECT count(*) AS n FROM survey_statements s JOIN survey_sub_indicators u ON u.id = s.sub_indicator_id JOIN survey_indicators i ON i.id = u.indicator_id WHERE i.instrument_id = ?",
        id,
      ).n;
    expect(count(copyId)).toBe(count(used.id));

    // The edit form as the page fills it, with one statement's Indonesian text changed.
    const page = await (await get(server.url, `/kolaborasi/instrumen/${copyId}`, coordinator)).text();
    const fields: [string, string][] = [...page.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&")]);
    const checked = [...page.matchAll(/<input[^>]*type="checkbox"[^>]*name="([^"]+)"[^>]*checked=""/g)].map((m) => [m[1]!, "on"] as [string, string]);
    const statementField = fields.find(([name]) => /^t\d+Id$/.test(name))!;
    const edited = fields.map(([name, value]) => [name, name === statementField[0] ? "Pernyataan yang diubah" : value] as [string, string]);
    const saved = await post(`/kolaborasi/instrumen/${copyId}`, [...edited, ...checked], coordinator);
    expect(saved.status, await saved.clone().text().then((t) => t.slice(0, 300))).toBe(303);
    const statementId = Number(/^t(\d+)Id$/.exec(statementField[0])![1]);
    expect(one<{ text_id: string }>("SELECT text_id FROM survey_statements WHERE id = ?", statementId).text_id).toBe("Pernyataan yang diubah");
    // The reverse flags came back as they were.
    const reversed = (id: number) => one<{ n: number }>(
      "SELECT sum(s.reverse) AS n FROM survey_statements s JOIN survey_sub_indicators u ON u.id = s.sub_indicator_id JOIN survey_indicators i ON i.id = u.indicator_id WHERE i.instrument_id = ?",
      id,
    ).n;
    expect(reversed(copyId)).toBe(reversed(used.id));

    const actions = all<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'survey.%' AND actor_user_id = ? ORDER BY id", userId("koordinator@pas.demo")).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["survey.instrument.copy", "survey.instrument.edit", "survey.round.open"]));
  });
});

describe("closing a round", () => {
  it("shows the response rate per group while open, then closes: no answer is saved or changed after, with a clear message", async () => {
    const coordinator = cookies["koordinator@pas.demo"]!;
    const overview = await (await get(server.url, "/kolaborasi", coordinator)).text();
    const sentByEntrepreneurs = one<{ n: number }>("SELECT count(*) AS n FROM survey_responses WHERE round_id = ? AND respondent_group = 'entrepreneur' AND status = 'submitted'", round).n;
    expect(overview).toContain("Pelaku usaha");
    expect(overview).toMatch(new RegExp(`${sentByEntrepreneurs} dari \\d+`));

    const closed = await post("/kolaborasi", { intent: "close", roundId: String(round) }, coordinator);
    expect(closed.status).toBe(303);
    expect(one<{ closed_by: number }>("SELECT closed_by FROM survey_rounds WHERE id = ?", round).closed_by).toBe(userId("koordinator@pas.demo"));

    const before = surveyFingerprint();
    const late = await post(`/kolaborasi/jawab/${round}`, answers("submit", 1), cookies["umkm@pas.demo"]!);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("Putaran ini sudah ditutup");
    expect(surveyFingerprint()).toBe(before);
    const page = await (await get(server.url, `/kolaborasi/jawab/${round}`, cookies["umkm@pas.demo"])).text();
    expect(page).toContain("Putaran ini sudah ditutup");
    expect(page).not.toContain(">Kirim");
    expect(await (await get(server.url, "/saya", cookies["umkm@pas.demo"])).text()).not.toContain(`/kolaborasi/jawab/${round}"`);

    const again = await post("/kolaborasi", { intent: "close", roundId: String(round) }, coordinator);
    expect(again.status).toBe(400);
  });
});
