// A survey round from opening to its results, on a 360 px phone: the province coordinator opens a round
// with the survey's form for the three districts with the most entrepreneur accounts, watches the
// response rate climb on the results page as entrepreneurs send their answers, closes the round, and
// reads the heat map and the scatter (no horizontal scrolling of the page, no console error).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { createSession, SESSION_COOKIE } from "../../app/modules/auth/session.server";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { postForm, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let db: Db;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "collaboration-e2e", participants: 400 }), launchBrowser()]);
  db = openDatabase(server.dbPath);
}, 180_000);

afterAll(async () => {
  db?.$client.close();
  await browser?.close();
  await server?.stop();
});

type Person = { id: number; district: string };

describe("a coordinator's survey round, at 360 px", () => {
  it("opens a round, sees the response rate climb, closes it and reads the heat map and the scatter", async () => {
    // The districts with the most entrepreneurs who have an account (each must reach the minimum of 5).
    const districts = server.sql
      .prepare(
        `SELECT d.id, d.name, count(*) AS n FROM participants p JOIN users u ON u.id = p.user_id JOIN districts d ON d.id = p.district_id
         WHERE u.role = 'entrepreneur' AND u.active = 1 GROUP BY d.id ORDER BY n DESC, d.name LIMIT 3`,
      )
      .all() as { id: number; name: string; n: number }[];
    expect(districts.every((d) => d.n >= 5), JSON.stringify(districts)).toBe(true);

    const errors: string[] = [];
    const page = watchErrors(await newPage(browser, { viewport: { width: 360, height: 800 } }), errors);
    await signInWithForm(page, server.url, "koordinator@pas.demo");

    // Open the round with the survey's own form.
    await page.goto(`${server.url}/kolaborasi/buka`);
    await page.getByLabel("Nama putaran").fill("Putaran Uji Telepon");
    await page.getByLabel("Periode mulai").fill("2026-11-01");
    await page.getByLabel("Periode selesai").fill("2026-12-31");
    await page.getByLabel("Instrumen").selectOption({ index: 1 });
    await page.getByLabel("Cakupan").selectOption("districts");
    for (const d of districts) await page.getByRole("checkbox", { name: d.name, exact: true }).check();
    const groups = page.getByRole("group", { name: "Kelompok responden" });
    for (const box of await groups.getByRole("checkbox").all()) await box.uncheck();
    await groups.getByRole("checkbox", { name: "Pelaku usaha" }).check();
    await page.getByRole("button", { name: "Buka putaran" }).click();
    await page.waitForURL((url) => url.pathname === "/kolaborasi");
    const round = server.sql.prepare("SELECT id, instrument_id AS instrumentId FROM survey_rounds WHERE name = 'Putaran Uji Telepon'").get() as { id: number; instrumentId: number };
    expect(round).toBeDefined();

    const results = `${server.url}/kolaborasi/putaran/${round.id}`;
    const heat = () => page.getByRole("table", { name: /Skor indikator per kecamatan/ });
    const rateIn = async (name: string) => (await heat().getByRole("row", { name: new RegExp(`^${name}\\b`) }).getByRole("cell").first().innerText()).split("\n")[0]!.trim();
    await page.goto(results);
    const before = await rateIn(districts[0]!.name);
    expect(before).toMatch(/^0 \/ \d+/);

    // Entrepreneurs of the three districts answer through the answer form's action, a few at a time.
    const statements = (
      server.sql
        .prepare(
          `SELECT st.id FROM survey_statements st JOIN survey_sub_indicators s ON s.id = st.sub_indicator_id JOIN survey_indicators i ON i.id = s.indicator_id
           WHERE i.instrument_id = ?`,
        )
        .all(round.instrumentId) as { id: number }[]
    ).map((r) => r.id);
    const people = server.sql
      .prepare(
        `SELECT u.id, d.name AS district FROM participants p JOIN users u ON u.id = p.user_id JOIN districts d ON d.id = p.district_id
         WHERE u.role = 'entrepreneur' AND u.active = 1 AND d.id IN (${districts.map((d) => d.id).join(", ")}) ORDER BY d.name, u.id`,
      )
      .all() as Person[];
    const answer = async (person: Person, k: number) => {
      const cookie = `${SESSION_COOKIE}=${createSession(db, person.id).token}`;
      // Each district answers at its own level, so the scatter has spread: better in the first.
      const level = 2 + (districts.findIndex((d) => d.name === person.district) === 0 ? 2 : districts.findIndex((d) => d.name === person.district) === 1 ? 1 : 0);
      const body: Record<string, string> = { intent: "submit" };
      statements.forEach((id, i) => (body[`s${id}`] = String(Math.min(5, Math.max(1, level + ((i + k) % 3) - 1)))));
      const response = await postForm(server.url, `/kolaborasi/jawab/${round.id}`, body, { cookie });
      expect(response.status, `answer of user ${person.id}`).toBe(303);
    };
    const first = people.filter((p) => p.district === districts[0]!.name);
    await answer(first[0]!, 0);
    await answer(first[1]!, 1);
    await page.reload();
    expect(await rateIn(districts[0]!.name)).toMatch(/^2 \/ \d+/);
    for (const [k, person] of people.entries()) if (person !== first[0] && person !== first[1]) await answer(person, k);
    await page.reload();
    const after = await rateIn(districts[0]!.name);
    expect(after).toMatch(new RegExp(`^${first.length} / \\d+`));
    console.log(`response rate in ${districts[0]!.name}: ${before} → 2 → ${after}`);

    // Close the round on the survey's page.
    await page.goto(`${server.url}/kolaborasi`);
    await page.getByRole("article").filter({ hasText: "Putaran Uji Telepon" }).getByRole("button", { name: "Tutup putaran" }).click();
    await page.getByRole("region", { name: "Putaran yang sudah ditutup" }).getByRole("link", { name: "Putaran Uji Telepon" }).waitFor();
    expect(server.sql.prepare("SELECT closed_at FROM survey_rounds WHERE id = ?").get(round.id)).toMatchObject({ closed_at: expect.any(Number) });

    // The results: every district's scores with a band, the scatter, r and the caution.
    await page.goto(results);
    await page.getByText("Putaran sudah ditutup.").waitFor();
    for (const d of districts) {
      const cells = await heat().getByRole("row", { name: new RegExp(`^${d.name}\\b`) }).getByRole("cell").allInnerTexts();
      expect(cells.slice(1, 4).every((c) => /^\d,\d\d (SB|B|KB|TB|STB)/.test(c.trim())), `${d.name}: ${cells.join(" | ")}`).toBe(true);
    }
    // Every coloured score keeps WCAG AA contrast with its text (4.5:1), measured on the rendered colours.
    const worst = await page.evaluate(() => {
      const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
      const rgb = (color: string) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = color;
        ctx.fillRect(0, 0, 1, 1);
        return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3);
      };
      const luminance = (c: number[]) =>
        c.map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      const cells = [...document.querySelectorAll("td, li")].filter((el) => /\bbg-(emerald|amber|orange|red)-/.test(el.className));
      return cells.reduce<{ ratio: number; text: string }>(
        (min, el) => {
          const style = getComputedStyle(el);
          const [a, b] = [luminance(rgb(style.color)), luminance(rgb(style.backgroundColor))];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          return ratio < min.ratio ? { ratio, text: el.textContent ?? "" } : min;
        },
        { ratio: Infinity, text: "" },
      );
    });
    expect(worst.ratio, `lowest contrast: ${worst.text}`).toBeGreaterThanOrEqual(4.5);
    console.log(`band colours: lowest text contrast ${worst.ratio.toFixed(2)}:1`);
    const scatter = page.getByRole("img", { name: /Proses kolaborasi dan peserta macet/ });
    await scatter.waitFor();
    const box = (await scatter.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(360);
    for (const d of districts) await expect(scatter.getByText(d.name, { exact: true }).count()).resolves.toBe(1);
    const correlation = await page.getByTestId("correlation").innerText();
    expect(correlation).toMatch(/r = [−-]?\d,\d\d/);
    await page.getByText(/bukan bahwa yang satu menyebabkan yang lain/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    console.log(`after closing: ${correlation}`);
    expect(errors).toEqual([]);
  }, 120_000);
});
