// The coordinator's command centre in the browser: from the overview to the open cohort with the most
// new stalls in two clicks (sign-in lands on the overview; one click opens the cohort), at phone and
// desktop width, with no console error or CSP violation;
// and a city coordinator who sees only their city (another city's cohort is 404).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

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
  for (const width of [360, 1280]) {
    it(`leads to the open cohort with the most new stalls in two clicks (${width} px)`, async () => {
      const errors: string[] = [];
      const page = watchErrors(await newPage(browser, { viewport: { width, height: 900 } }), errors);
      await signInWithForm(page, server.url, "koordinator@pas.demo"); // click 1: sign in lands on the overview
      expect(new URL(page.url()).pathname).toBe("/koordinator");
      await page.getByRole("heading", { level: 1, name: "Di mana peserta tertahan, dan mengapa?" }).waitFor();
      // The trend, drawn and told in words, and the stall ages.
      await page.getByRole("img", { name: /macet dibuka dan .* selesai/ }).waitFor();
      await page.getByRole("region", { name: "Sudah berapa lama macet?" }).waitFor();

      const ranking = page.getByRole("region", { name: "Kohort paling macet" });
      const first = ranking.getByRole("listitem").first().getByRole("link").first();
      const name = (await first.innerText()).trim();
      await first.click(); // click 2: the cohort with the most new stalls
      await page.getByRole("heading", { level: 1, name }).waitFor();

      // By direct SQL: among open cohorts (planned end today or later in Jakarta) with active members,
      // the most members stalled within 30 days (active, not dormant, onset within 30 days).
      const now = Date.now();
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date(now));
      const counts = server.sql
        .prepare(
          `SELECT c.id,
             sum(p.status = 'active' AND p.dormant_since >= @now AND p.stalled_since < @now AND p.stalled_since >= @now - 30 * 86400000) AS fresh
           FROM cohorts c JOIN participants p ON p.cohort_id = c.id
           WHERE c.planned_end_on >= @today
           GROUP BY c.id HAVING sum(p.status = 'active' AND p.dormant_since >= @now) > 0`,
        )
        .all({ now, today }) as { id: number; fresh: number }[];
      const most = Math.max(...counts.map((c) => c.fresh));
      const shown = Number(new URL(page.url()).pathname.split("/").pop());
      expect(counts.find((c) => c.id === shown)?.fresh, `cohort ${name}`).toBe(most);
      expect(most).toBeGreaterThan(0);
      // Its page: its own trend, and its stalled members.
      await page.getByRole("region", { name: "Macet dibuka dan diselesaikan per minggu" }).waitFor();
      const stalled = page.getByRole("region", { name: "Anggota yang macet" });
      await stalled.getByRole("list").first().locator(":scope > li").first().getByText("Macet").first().waitFor();
      console.log(`${width} px: cohort with the most new stalls: ${name} (${most} in 30 days)`);
      expect(errors).toEqual([]);
    });
  }

  it("shows a city coordinator only their city, and another city's cohort is not found", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "koordinator.jaktim@pas.demo");
    expect(new URL(page.url()).pathname).toBe("/koordinator");
    // The stall map is a page of its own, a plain link from the overview.
    await page.getByRole("region", { name: "Rincian" }).getByRole("link", { name: /Peta macet/ }).click();
    await page.waitForURL(/\/koordinator\/peta$/);
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
