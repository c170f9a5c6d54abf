// Dormant participants in the browser, on a phone and on a desktop: a mentor opens a dormant
// participant's page, reads since when and why, and brings them back, once by recording a mentoring
// session and once with "Aktifkan lagi"; the page then shows them active, and the list no longer
// counts them as dormant.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

const DAY_MS = 86_400_000;
let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];
/** Per width, two participants made dormant for the test: one to record for, one to bring back. */
const targets: Record<number, { evidence: { id: number; name: string }; reactivate: { id: number; name: string } }> = {};

type Row = { status: string; last_activity_at: number; dormant_since: number | null };
const row = (id: number) => server.sql.prepare("SELECT status, last_activity_at, dormant_since FROM participants WHERE id = ?").get(id) as Row;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-dormancy" }), launchBrowser()]);
  // Active participants of Sari's with P3 in progress (so a mentoring session can be recorded), made
  // dormant whatever the seed made: nothing recorded for 200 days (the triggers recompute the onsets),
  // and a name that appears once.
  const rows = server.sql
    .prepare(
      `SELECT p.id FROM participants p JOIN districts d ON d.id = p.district_id JOIN agencies a ON a.id = p.agency_id
       WHERE d.name = 'Cakung' AND a.code = 'PPKUKM' AND p.user_id IS NULL AND p.status = 'active' AND p.p3_state = 'in_progress'
       ORDER BY p.id LIMIT 4`,
    )
    .all() as { id: number }[];
  expect(rows.length).toBe(4);
  const arrange = (id: number, name: string) => {
    server.sql.prepare("UPDATE participants SET last_activity_at = ?, full_name = ? WHERE id = ?").run(Date.now() - 200 * DAY_MS, name, id);
    expect(row(id).dormant_since!).toBeLessThan(Date.now());
    return { id, name };
  };
  [360, 1280].forEach((width, i) => {
    targets[width] = {
      evidence: arrange(rows[2 * i]!.id, `Dewi Uji Dorman ${width} catat`),
      reactivate: arrange(rows[2 * i + 1]!.id, `Dewi Uji Dorman ${width} aktif`),
    };
  });
}, 120_000);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await server?.stop();
});

async function openDormant(page: Page, target: { id: number; name: string }) {
  await page.goto(`${server.url}/peserta/${target.id}`);
  await page.getByRole("heading", { level: 1, name: target.name }).waitFor();
  const notice = page.getByRole("status").filter({ hasText: "Peserta ini tidak aktif (dorman)" });
  await notice.getByText(/^Tidak ada yang dicatat sejak .+\. Peserta dianggap tidak aktif bila tidak ada yang dicatat untuknya selama 180 hari\.$/).waitFor();
  await notice.getByText(/Peserta aktif lagi begitu ada yang dicatat/).waitFor();
  await page.locator("header").getByText("Tidak aktif", { exact: true }).waitFor();
}

async function expectActiveAgain(page: Page, target: { id: number; name: string }, started: number) {
  await page.getByRole("heading", { level: 1, name: target.name }).waitFor();
  await page.locator("header").getByText("Aktif", { exact: true }).waitFor();
  expect(await page.getByText("Peserta ini tidak aktif (dorman)").count()).toBe(0);
  expect(await page.getByRole("button", { name: "Aktifkan lagi" }).count()).toBe(0);
  const after = row(target.id);
  expect(after.status).toBe("active");
  expect(after.last_activity_at).toBeGreaterThanOrEqual(started);
  expect(after.dormant_since!).toBeGreaterThan(Date.now());
}

describe.each([360, 1280])("a dormant participant at %i px", (width) => {
  it("is active again when a mentoring session is recorded", async () => {
    const target = targets[width]!.evidence;
    const page = watchErrors(await newPage(browser, { viewport: { width, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await openDormant(page, target);

    const started = Date.now();
    const form = page.getByRole("form", { name: "Catat sesi pendampingan" });
    if (!(await form.isVisible())) await page.getByText("Catat sesi pendampingan…").click();
    await form.getByLabel("Topik sesi pendampingan").fill("Menghitung harga pokok");
    await form.getByRole("button", { name: "Catat sesi pendampingan" }).click();
    await expectActiveAgain(page, target, started);
    await page.getByText("Mencatat sesi pendampingan").first().waitFor();
    await page.context().close();
  });

  it("is active again with Aktifkan lagi, the note in the history; the dormant list no longer has them", async () => {
    const target = targets[width]!.reactivate;
    const page = watchErrors(await newPage(browser, { viewport: { width, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.goto(`${server.url}/peserta?status=dormant&q=${encodeURIComponent(target.name)}`);
    await page.getByText("1 peserta", { exact: false }).first().waitFor();
    await page.getByRole("link", { name: target.name }).first().click();
    await openDormant(page, target);

    const started = Date.now();
    await page.getByRole("link", { name: "Aktifkan lagi" }).click();
    const form = page.getByRole("form", { name: "Aktifkan lagi" });
    await form.getByLabel("Catatan (jika ada)").fill("Datang ke kantor kecamatan");
    await form.getByRole("button", { name: "Aktifkan lagi" }).click();
    await expectActiveAgain(page, target, started);
    const history = page.getByRole("region", { name: "Riwayat" });
    await history.getByText("Mengaktifkan lagi peserta yang tidak aktif").first().waitFor();
    await history.getByText("Datang ke kantor kecamatan").first().waitFor();

    await page.goto(`${server.url}/peserta?status=dormant&q=${encodeURIComponent(target.name)}`);
    await page.getByText("Tidak ada peserta yang cocok.").waitFor();
    await page.context().close();
  });
});
