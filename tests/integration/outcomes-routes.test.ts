// The outcome forms over HTTP: the baseline on the participant page (refused, changing nothing, once
// P1 is verified) and the class thresholds on /aturan (a province coordinator's, audited; bounds that
// do not increase are refused; a city coordinator is answered 404).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
const one = <T>(sql: string, ...args: unknown[]) => server.sql.prepare(sql).get(...args) as T;

beforeAll(async () => {
  server = await startServer({ label: "outcomes-routes", participants: 40 });
});
afterAll(async () => server?.stop());

const bounds = { capitalMikro: "1.000.000.000", capitalKecil: "5.000.000.000", capitalMenengah: "10.000.000.000", salesMikro: "2.000.000.000", salesKecil: "15.000.000.000", salesMenengah: "50.000.000.000" };

describe("outcome forms", () => {
  it("the baseline form is refused once P1 is verified, and the record keeps its figures", async () => {
    const cookie = await signIn(server.url, "mentor.cakung@pas.demo");
    const { id, t } = one<{ id: number; t: number }>(
      "SELECT p.id, p.entry_turnover AS t FROM participants p JOIN districts d ON d.id = p.district_id WHERE d.name = 'Cakung' AND p.p1_state = 'verified' AND p.agency_id = (SELECT agency_id FROM users WHERE email = 'mentor.cakung@pas.demo') LIMIT 1",
    );
    const response = await postForm(server.url, `/peserta/${id}`, { intent: "baseline", formId: "baseline", entryTurnover: "1", entryCapital: "1", entryWorkers: "1", entryNib: "yes" }, { cookie });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("baseline.locked");
    expect(one<{ t: number }>("SELECT entry_turnover AS t FROM participants WHERE id = ?", id).t).toBe(t);
  });

  it("a province coordinator changes the thresholds (audited); bounds that do not increase are refused; a city coordinator gets 404", async () => {
    const province = await signIn(server.url, "koordinator@pas.demo");
    const refused = await postForm(server.url, "/aturan", { intent: "thresholds", ...bounds, capitalKecil: "900.000.000" }, { cookie: province });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("outcomes.thresholds.notIncreasing");
    expect(one<{ n: number }>("SELECT count(*) AS n FROM settings WHERE key = 'business_class_thresholds'").n).toBe(0);

    const saved = await postForm(server.url, "/aturan", { intent: "thresholds", ...bounds, capitalMikro: "Rp 800.000.000" }, { cookie: province });
    expect(saved.status).toBe(303);
    expect(JSON.parse(one<{ v: string }>("SELECT value AS v FROM settings WHERE key = 'business_class_thresholds'").v).capital.mikro).toBe(800_000_000);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM settings_changes WHERE key = 'business_class_thresholds'").n).toBe(1);

    const city = await signIn(server.url, "koordinator.jaktim@pas.demo");
    expect((await postForm(server.url, "/aturan", { intent: "thresholds", ...bounds }, { cookie: city })).status).toBe(404);
  });

  it("shows the follow-ups' response per district on /koordinator/indikator, as many due as the rows say", async () => {
    const html = await (await get(server.url, "/koordinator/indikator", await signIn(server.url, "koordinator@pas.demo"))).text();
    const section = html.slice(html.indexOf('id="after-programme-by-district"'));
    expect(section).toContain("Setelah program per kecamatan");
    const due = one<{ n: number }>("SELECT count(*) AS n FROM follow_ups WHERE due_on <= date('now', '+7 hours')").n;
    if (due === 0) expect(section).toContain("Belum ada tindak lanjut yang jatuh tempo.");
    // The "Semua" row's first figure is every follow-up due (grouped as the reader's language writes it).
    else expect(section).toMatch(new RegExp(`Semua</th><td[^>]*>${due.toLocaleString("id-ID").replace(".", "\\.")}</td>`));
  });

  it("exports the outcomes per participant (masked: no names, the masked NIK) and per group, as CSV and XLSX", async () => {
    const cookie = await signIn(server.url, "koordinator@pas.demo");
    const people = await get(server.url, "/ekspor/indikator?isi=hasil-peserta&format=csv", cookie);
    expect(people.status).toBe(200);
    const lines = (await people.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toContain("NIK (disamarkan)");
    const withBaseline = one<{ n: number }>(
      "SELECT count(*) AS n FROM participants WHERE entry_turnover IS NOT NULL AND entry_assets IS NOT NULL AND entry_workers IS NOT NULL",
    ).n;
    expect(lines).toHaveLength(1 + withBaseline);
    const someone = one<{ name: string; masked: string }>("SELECT full_name AS name, nik_masked AS masked FROM participants ORDER BY id LIMIT 1");
    const body = lines.join("\n");
    expect(body).toContain(someone.masked);
    expect(body).not.toContain(someone.name);
    // The last column says who closed (their latest follow-up says the business stopped) or no longer reports.
    expect(lines[0]!.endsWith(",Setelah program")).toBe(true);
    const closed = one<{ n: number }>(
      `SELECT count(*) AS n FROM participants p WHERE entry_turnover IS NOT NULL AND entry_assets IS NOT NULL AND entry_workers IS NOT NULL
         AND (SELECT operating FROM follow_ups f WHERE f.participant_id = p.id AND f.answered_at IS NOT NULL ORDER BY f.due_on DESC LIMIT 1) = 0`,
    ).n;
    expect(lines.filter((line) => line.endsWith(",Usaha berhenti"))).toHaveLength(closed);
    console.log(`[outcomes export] ${lines.length - 1} participants, ${closed} closed by their latest follow-up`);

    const groups = await get(server.url, "/ekspor/indikator?isi=hasil-kelompok&by=track&format=xlsx", cookie);
    expect(groups.status).toBe(200);
    expect(groups.headers.get("content-type")).toContain("spreadsheetml");
    expect((await get(server.url, "/ekspor/indikator?isi=lain&format=csv", cookie)).status).toBe(404);
  });
});
