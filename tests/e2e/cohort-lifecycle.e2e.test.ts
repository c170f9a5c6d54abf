// A closed cohort in the browser (Debian Chromium, the real server), on a phone and on a desktop: a
// coordinator finds it among the closed cohorts of /kohort, opens it and sees its result card (the
// counts of a direct count of its members), and it is in neither stalled ranking (the overview's
// "most stalled cohorts" and /kohort's open cohorts).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "cohort-lifecycle-e2e", participants: 600 }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Closed = { id: number; name: string; stalled: number };

/** The closed cohort with the most stalled active members: the one a ranking would put high if it counted closed cohorts. */
function mostStalledClosedCohort(): Closed {
  const now = Date.now();
  return server.sql
    .prepare(
      `SELECT c.id, c.name, (SELECT count(*) FROM participants p WHERE p.cohort_id = c.id AND p.status = 'active' AND p.stalled_since < @now AND p.dormant_since >= @now) AS stalled
       FROM cohorts c WHERE c.planned_end_on < @today ORDER BY stalled DESC, c.planned_end_on DESC, c.id LIMIT 1`,
    )
    .get({ now, today: jakartaDate() }) as Closed;
}

describe("a closed cohort", () => {
  for (const width of [360, 1280]) {
    it(`shows its result and is not ranked among the stalled (${width} px)`, async () => {
      const closed = mostStalledClosedCohort();
      expect(closed, "the demo has a closed cohort").toBeDefined();
      const page = watchErrors(await newPage(browser, { viewport: { width, height: 900 } }), pageErrors);
      await signInWithForm(page, server.url, "koordinator@pas.demo");
      expect(new URL(page.url()).pathname).toBe("/koordinator");
      const ranking = page.getByRole("region", { name: "Kohort paling macet" });
      await ranking.getByRole("link").first().waitFor();
      expect(await ranking.locator(`a[href="/kohort/${closed.id}"]`).count()).toBe(0);

      await page.goto(`${server.url}/kohort`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.locator(`a[href="/kohort/${closed.id}"]`).count()).toBe(0);
      await page.getByRole("navigation", { name: "Tampilkan kohort" }).getByRole("link", { name: /^Selesai/ }).click();
      await page.waitForURL((url) => url.searchParams.get("tampil") === "selesai");
      await page.getByRole("link", { name: closed.name, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: closed.name }).waitFor();

      const card = page.getByRole("region", { name: "Hasil kohort" });
      await card.waitFor();
      const direct = server.sql
        .prepare(
          `SELECT count(*) AS members, sum(status = 'graduated') AS graduated, sum(status = 'active' AND dormant_since >= @now) AS active,
             sum(status = 'on_hold') AS onHold, sum(status = 'withdrawn' OR (status = 'active' AND dormant_since < @now)) AS notCompleted
           FROM participants WHERE cohort_id = @id`,
        )
        .get({ id: closed.id, now: Date.now() }) as Record<string, number>;
      const figure = async (part: string) => Number((await card.locator(`[data-part="${part}"] p`).nth(1).innerText()).replace(/\D/g, ""));
      expect({
        graduated: await figure("graduated"),
        active: await figure("active"),
        onHold: await figure("on-hold"),
        notCompleted: await figure("not-completed"),
      }).toEqual({ graduated: direct.graduated, active: direct.active, onHold: direct.onHold, notCompleted: direct.notCompleted });
      await card.getByText(`dari ${direct.members} anggota`).first().waitFor();
      await page.screenshot({ path: `tests/.tmp/kohort-selesai-${width}.png`, fullPage: true });
      console.log(`closed cohort ${closed.name} (${closed.stalled} stalled members): result ${JSON.stringify(direct)}, not in either ranking at ${width} px`);
      await page.context().close();
    });
  }

  it("raised no script errors, CSP violations or hydration failures on the way", () => {
    expect(pageErrors).toEqual([]);
  });
});
