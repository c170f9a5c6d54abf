// The coordinator's command centre in the browser: from the overview to the most stalled cohort in
// two clicks (sign-in lands on the overview; one click opens the cohort with its stalled members),
// and a city coordinator who sees only their city (another city's cohort is 404).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";
import { openDatabase } from "../../db/client";
import { getOverview } from "../../app/modules/dashboard/overview.server";
import type { Viewer } from "../../app/modules/participants/scope.server";

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "coordinator-e2e", participants: 600 }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the coordinator's overview", () => {
  it("leads to the most stalled cohort and its stalled members in two clicks", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 360, height: 780 } }), pageErrors);
    await signInWithForm(page, server.url, "koordinator@pas.demo"); // click 1: sign in lands on the overview
    expect(new URL(page.url()).pathname).toBe("/koordinator");
    await page.getByRole("heading", { level: 1, name: "Di mana peserta tertahan, dan mengapa?" }).waitFor();

    const ranking = page.getByRole("region", { name: "Kohort paling macet" });
    const first = ranking.getByRole("listitem").first().getByRole("link").first();
    const name = (await first.innerText()).trim();
    await first.click(); // click 2: the most stalled cohort
    await page.getByRole("heading", { level: 1, name }).waitFor();

    // It is the cohort with the highest share of stalled active members (figures proved against direct
    // counts in tests/integration/dashboard.test.ts), and its stalled members are listed.
    const db = openDatabase(server.dbPath);
    const viewer = server.sql.prepare("SELECT id, role, city_id AS cityId, agency_id AS agencyId FROM users WHERE email = 'koordinator@pas.demo'").get() as Viewer;
    const overview = getOverview(db, viewer);
    db.$client.close();
    expect(Number(new URL(page.url()).pathname.split("/").pop())).toBe(overview.cohorts[0]!.id);
    const stalled = page.getByRole("region", { name: "Anggota yang macet" });
    const members = stalled.getByRole("list").first().locator(":scope > li");
    expect(await members.count()).toBe(Math.min(50, overview.cohorts[0]!.stalled));
    await members.first().getByText("Macet").first().waitFor();
    console.log(`most stalled cohort: ${name}, ${await members.count()} stalled members shown`);
    expect(pageErrors).toEqual([]);
  });

  it("shows a city coordinator only their city, and another city's cohort is not found", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "koordinator.jaktim@pas.demo");
    expect(new URL(page.url()).pathname).toBe("/koordinator");
    const map = page.getByRole("table", { name: "Peserta macet per kecamatan dan tahap yang masih terbuka" });
    const shown = (await map.locator("tbody th").allInnerTexts()).map((s) => s.trim()).sort();
    const city = (
      server.sql
        .prepare(
          "SELECT d.name FROM districts d JOIN cities c ON c.id = d.city_id WHERE c.name = 'Jakarta Timur' AND EXISTS (SELECT 1 FROM participants p WHERE p.district_id = d.id) ORDER BY d.name",
        )
        .all() as { name: string }[]
    ).map((d) => d.name);
    expect(shown).toEqual([...city].sort());

    const foreign = server.sql
      .prepare("SELECT co.id FROM cohorts co JOIN districts d ON d.id = co.district_id JOIN cities c ON c.id = d.city_id WHERE c.name <> 'Jakarta Timur' LIMIT 1")
      .get() as { id: number };
    const response = await page.goto(`${server.url}/kohort/${foreign.id}`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Halaman tidak ditemukan" }).waitFor();
    console.log(`city coordinator: ${shown.length} districts shown (every Jakarta Timur district with participants), cohort ${foreign.id} of another city: 404`);
    expect(pageErrors.filter((e) => !e.includes("404"))).toEqual([]);
  });
});
