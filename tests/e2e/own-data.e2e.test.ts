// "Data saya" in a real browser on a phone: Siti opens her data from her page, downloads it (JSON and
// a readable page, each holding her full NIK), and asks her mentor for a correction, which appears in
// the mentor's queue of data requests; the mentor answers and Siti sees the answer.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { decryptNik } from "../../app/modules/identity/identity.server";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const PHONE = { width: 360, height: 800 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-own-data", participants: 60 }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("Siti downloads her data and asks for a correction that her mentor answers, at 360 px", async () => {
  const errors: string[] = [];
  const page = watchErrors(await newPage(browser, { viewport: PHONE, acceptDownloads: true }), errors);
  await signInWithForm(page, server.url, "umkm@pas.demo");
  await page.goto(`${server.url}/saya`);
  await page.getByRole("link", { name: /Data saya/ }).click();
  await page.getByRole("heading", { level: 1, name: "Data saya" }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "no sideways scrolling at 360 px").toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: "tests/.tmp/own-data-360.png", fullPage: true });

  const nik = decryptNik(server.sql.prepare("SELECT p.nik_cipher FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = 'umkm@pas.demo'").pluck().get() as string);
  for (const [button, pattern] of [["Unduh (JSON)", /\.json$/], ["Unduh (halaman yang dapat dibaca)", /\.html$/]] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
    expect(download.suggestedFilename()).toMatch(pattern);
    const body = readFileSync((await download.path())!, "utf8");
    expect(body).toContain(nik);
    expect(body).toContain("Siti Rahmawati");
  }
  const downloads = server.sql.prepare("SELECT count(*) FROM audit_log WHERE action = 'own-data.download'").pluck().get();
  expect(downloads).toBe(2);

  await page.getByLabel("Pesan").first().fill("Nama usaha saya seharusnya Kue Siti Cakung");
  await page.getByRole("button", { name: "Kirim permintaan perbaikan" }).click();
  await page.getByText("Permintaan Anda terkirim.").waitFor();
  await page.getByText("Nama usaha saya seharusnya Kue Siti Cakung").waitFor();

  const mentor = watchErrors(await newPage(browser, { viewport: PHONE }), errors);
  await signInWithForm(mentor, server.url, "mentor.cakung@pas.demo");
  await mentor.goto(`${server.url}/permintaan-data`);
  await mentor.getByText("Nama usaha saya seharusnya Kue Siti Cakung").waitFor();
  await mentor.getByLabel("Jawaban untuk peserta").fill("Sudah saya perbaiki, terima kasih.");
  await mentor.getByRole("button", { name: "Sudah diperbaiki" }).click();
  await mentor.getByText("Permintaan ditangani.").waitFor();

  await page.reload();
  await page.getByText("Sudah saya perbaiki, terima kasih.").waitFor();
  expect(errors).toEqual([]);
}, 120_000);
