// Accounts in a real browser on a phone (360 px): an entrepreneur signs in with her phone number and
// the code sent to it (the demo shows the message the phone would receive), and a mentor changes his
// password, which ends his session on another device and makes the old password stop working.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitsThePhone, launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { DEMO_PASSWORD, postForm, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];
const PHONE = { width: 360, height: 800 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-account" }), launchBrowser()]);
  // Siti's account carries the number she registered with.
  server.sql.prepare("UPDATE users SET phone = '0812-7777-0101' WHERE email = 'umkm@pas.demo'").run();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("accounts on a phone", () => {
  it("an entrepreneur signs in with her phone number and the code sent to it", async () => {
    const page = watchErrors(await newPage(browser, { viewport: PHONE }), pageErrors);
    await page.goto(`${server.url}/masuk`);
    await page.getByRole("link", { name: "Masuk dengan nomor HP" }).click();
    await page.getByRole("heading", { level: 1, name: "Masuk dengan nomor HP" }).waitFor();
    await fitsThePhone(page);
    await page.getByLabel("Nomor HP").fill("0812 7777 0101");
    await page.getByRole("button", { name: "Kirim kode" }).click();
    await page.waitForURL((url) => url.pathname === "/masuk/telepon" && url.searchParams.has("n"));
    const message = await page.getByText(/Kode masuk PAS Tracker Anda: \d{6}/).textContent();
    await page.screenshot({ path: "tests/.tmp/account-phone-code-360.png", fullPage: true });
    await fitsThePhone(page);
    await page.getByLabel("Kode 6 angka").fill(/(\d{6})/.exec(message ?? "")![1]!);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL((url) => url.pathname === "/saya");
    await page.getByRole("button", { name: "Keluar" }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("a partner's staff member changes his password: his other session ends, the old password stops working", async () => {
    const elsewhere = await newPage(browser);
    await signInWithForm(elsewhere, server.url, "mitra@pas.demo");

    const page = watchErrors(await newPage(browser, { viewport: PHONE }), pageErrors);
    await signInWithForm(page, server.url, "mitra@pas.demo");
    await page.getByRole("link", { name: "Ganti kata sandi" }).click();
    await page.getByRole("heading", { level: 1, name: "Ganti kata sandi" }).waitFor();
    await page.waitForFunction(() => document.querySelector("form#change-password")?.hasAttribute("novalidate"));
    await fitsThePhone(page);

    // Two different new passwords: said in place, nothing changed.
    await page.getByLabel("Kata sandi sekarang").fill(DEMO_PASSWORD);
    await page.getByLabel("Kata sandi baru", { exact: true }).fill("teh tarik di kantor mitra");
    await page.getByLabel("Ulangi kata sandi baru").fill("teh tarik di kantor mitro");
    await page.getByRole("button", { name: "Simpan kata sandi" }).click();
    await page.getByText("Kedua kata sandi baru tidak sama.").waitFor();

    await page.getByLabel("Kata sandi sekarang").fill(DEMO_PASSWORD);
    await page.getByLabel("Kata sandi baru", { exact: true }).fill("teh tarik di kantor mitra");
    await page.getByLabel("Ulangi kata sandi baru").fill("teh tarik di kantor mitra");
    await page.getByRole("button", { name: "Simpan kata sandi" }).click();
    await page.getByText("Kata sandi sudah diganti. Sesi di perangkat lain sudah diakhiri.").waitFor();
    await page.screenshot({ path: "tests/.tmp/account-password-changed-360.png", fullPage: true });
    await fitsThePhone(page);

    // This device continues in a new session; the other one is signed out.
    await page.goto(`${server.url}/akun/sandi`);
    await page.getByRole("button", { name: "Keluar" }).waitFor();
    await elsewhere.goto(`${server.url}/akun/sandi`);
    await elsewhere.waitForURL((url) => url.pathname === "/masuk");

    // The old password no longer signs in; the new one does.
    expect((await postForm(server.url, "/masuk", { email: "mitra@pas.demo", password: DEMO_PASSWORD })).status).toBe(400);
    await signInWithForm(elsewhere, server.url, "mitra@pas.demo", "teh tarik di kantor mitra");
    expect(pageErrors).toEqual([]);
  });
});
