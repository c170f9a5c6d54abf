// The engine end to end, as people use it: a real server on a fresh demo database, real Chromium,
// elements found by role and label. A mentor completes a stage; the entrepreneur sees it; another
// district's mentor cannot open the record; and a page works with JavaScript turned off.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, watchErrors, signInWithForm } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let sitiId: number;
/** Errors the pages raised (script errors, CSP violations, failed hydration): there must be none. */
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e" }), launchBrowser()]);
  sitiId = (
    server.sql
      .prepare("SELECT p.id FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = 'umkm@pas.demo'")
      .get() as { id: number }
  ).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const stageItem = (page: Page, listName: string, stage: string) =>
  page.getByRole("list", { name: listName }).getByRole("listitem").filter({ hasText: stage });

function participantRow(id: number) {
  return server.sql.prepare("SELECT p2_state, p3_state, version FROM participants WHERE id = ?").get(id) as {
    p2_state: string;
    p3_state: string;
    version: number;
  };
}

describe("the journey in the browser", () => {
  it("a mentor finds Siti, records her training, completes P2 and sees it done", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    // A mentor lands on their day; the list is one link away.
    await expect.poll(() => new URL(page.url()).pathname).toBe("/hari-ini");
    await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Peserta", exact: true }).click();
    await page.getByRole("heading", { name: "Peserta di kecamatan Anda" }).waitFor();

    await page.getByRole("searchbox", { name: "Cari nama atau usaha" }).fill("Siti Rahmawati");
    await page.getByRole("button", { name: "Cari" }).click();
    await page.getByRole("row").filter({ hasText: "Kue Siti" }).getByRole("link", { name: "Siti Rahmawati", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Siti Rahmawati" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/peserta/${sitiId}`);

    // P2 is in progress, and completing it is explained rather than offered.
    const p2 = stageItem(page, "Tahapan P1–P7", "P2 Pelatihan");
    await expect.poll(() => p2.innerText()).toContain("Berjalan");
    await page.getByText("Perlu 1 pelatihan yang diikuti (baru 0).").waitFor();
    expect(await page.getByRole("button", { name: "Selesaikan P2 Pelatihan" }).count()).toBe(0);

    // Record the training attended.
    const form = page.getByRole("form", { name: "Catat pelatihan diikuti" });
    await form.getByLabel("Nama atau topik pelatihan").fill("Pemasaran digital untuk UMKM kuliner");
    await form.getByLabel("Jenis keterampilan").selectOption({ label: "Keterampilan nonteknis (soft skill)" });
    await form.getByRole("button", { name: "Catat pelatihan diikuti" }).click();

    // Now the machine allows completing P2.
    const complete = page.getByRole("button", { name: "Selesaikan P2 Pelatihan" });
    await complete.waitFor();
    await complete.click();
    await expect.poll(() => p2.innerText()).toContain("Selesai");
    await page.getByRole("listitem").filter({ hasText: "Menyelesaikan P2 Pelatihan" }).first().waitFor();
    await page
      .getByRole("listitem")
      .filter({ hasText: "Mencatat pelatihan diikuti" })
      .getByText("Topik: Pemasaran digital untuk UMKM kuliner")
      .waitFor();

    expect(participantRow(sitiId).p2_state).toBe("done");
    const log = server.sql
      .prepare(
        "SELECT l.event_type AS type, u.email FROM transition_log l JOIN users u ON u.id = l.actor_user_id WHERE l.participant_id = ? ORDER BY l.version DESC LIMIT 2",
      )
      .all(sitiId) as { type: string; email: string }[];
    expect(log).toEqual([
      { type: "COMPLETE", email: "mentor.cakung@pas.demo" },
      { type: "RECORD_EVIDENCE", email: "mentor.cakung@pas.demo" },
    ]);
    await page.context().close();
  });

  it("the entrepreneur sees P2 done on her own progress page, in either language", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 360, height: 800 } }), pageErrors);
    await signInWithForm(page, server.url, "umkm@pas.demo");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/saya");
    await page.getByRole("heading", { name: "Halo, Siti Rahmawati" }).waitFor();
    await expect.poll(() => stageItem(page, "Langkah PAS Anda", "P2 Pelatihan").innerText()).toContain("Selesai");
    await page.getByText("Pendamping Anda: Sari Wulandari").waitFor();
    await page.getByText("Menyelesaikan P2 Pelatihan").waitFor();

    // In English too (and the page hydrates cleanly in either language).
    await page.getByRole("button", { name: "Ganti bahasa ke English" }).click();
    await expect.poll(() => stageItem(page, "Your PAS steps", "P2 Training").innerText()).toContain("Done");
    await page.getByText("Your mentor: Sari Wulandari").waitFor();
    await page.getByRole("button", { name: "Ganti bahasa ke Bahasa Indonesia" }).click();
    await page.getByRole("heading", { name: "Langkah PAS Anda" }).waitFor();
    await page.context().close();
  });

  it("a mentor of other districts gets 404 for Siti's page, with nothing of hers on it", async () => {
    const page = watchErrors(await newPage(browser), pageErrors);
    await signInWithForm(page, server.url, "mentor.gambir@pas.demo");
    const response = await page.goto(`${server.url}/peserta/${sitiId}`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Halaman tidak ditemukan" }).waitFor();
    const html = await page.content();
    expect(html).not.toContain("Siti Rahmawati");
    expect(html).not.toContain("Kue Siti");
    // The 404 page's own console message about the failed load is expected; nothing else.
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !e.includes("404")));
    await page.context().close();
  });

  it("works without JavaScript: a move, a refused form with its errors in place, evidence, the language switch", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.goto(`${server.url}/peserta/${sitiId}`);
    const before = participantRow(sitiId);

    // START P3: a plain form post, answered with 303 and the page again.
    await page.getByRole("button", { name: "Mulai P3 Pendampingan" }).click();
    await page.getByRole("heading", { level: 1, name: "Siti Rahmawati" }).waitFor();
    await expect.poll(() => stageItem(page, "Tahapan P1–P7", "P3 Pendampingan").innerText()).toContain("Berjalan");
    expect(participantRow(sitiId)).toMatchObject({ p3_state: "in_progress", version: before.version + 1 });

    // A mentoring session without a topic: refused in place, nothing recorded, the date kept.
    const form = page.getByRole("form", { name: "Catat sesi pendampingan" });
    await form.getByLabel("Tanggal").fill("2026-01-15");
    await form.getByRole("button", { name: "Catat sesi pendampingan" }).click();
    const refused = page.getByRole("form", { name: "Catat sesi pendampingan" });
    await refused.getByText("Wajib diisi.").waitFor();
    expect(await refused.getByLabel("Tanggal").inputValue()).toBe("2026-01-15");
    expect(participantRow(sitiId).version).toBe(before.version + 1);

    await refused.getByLabel("Topik sesi pendampingan").fill("Harga pokok produksi");
    await refused.getByRole("button", { name: "Catat sesi pendampingan" }).click();
    await page.getByText("Sesi pendampingan: 1 dari 3").waitFor();
    await page.getByText("Perlu 3 sesi pendampingan (baru 1).").waitFor();
    expect(participantRow(sitiId).version).toBe(before.version + 2);

    // The language switch is a form too.
    await page.getByRole("button", { name: "Ganti bahasa ke English" }).click();
    await page.getByRole("heading", { name: "Stages P1–P7" }).waitFor();
    await page.getByText("Needs 3 mentoring sessions (1 so far).").waitFor();
    await page.getByRole("button", { name: "Ganti bahasa ke Bahasa Indonesia" }).click();
    await page.getByRole("heading", { name: "Tahapan P1–P7" }).waitFor();
    await page.context().close();
  });

  it("raised no script errors, CSP violations or hydration failures on the way", () => {
    expect(pageErrors).toEqual([]);
  });
});
