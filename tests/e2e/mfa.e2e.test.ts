// Two-step verification in a real browser, with enrolment required: a coordinator signs in, is sent
// to enrolment, scans (here: reads) the key beside the QR code, confirms with a code, keeps the
// recovery codes and reaches the overview; signing in again asks for the authenticator code after
// the password. The QR code is drawn on a full page load under the CSP (no console errors).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepAt, totpCode } from "../../app/modules/mfa/totp.server";
import { fitsThePhone, launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];
const PHONE = { width: 360, height: 800 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-mfa", participants: 60, env: { PAS_REQUIRE_MFA: "1" } }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("two-step verification", () => {
  it("a coordinator enrols when first asked, then signs in with password and authenticator code", async () => {
    const page = watchErrors(await newPage(browser, { viewport: PHONE }), pageErrors);
    await signInWithForm(page, server.url, "koordinator.jaktim@pas.demo");
    await page.waitForURL((url) => url.pathname === "/akun/autentikator");
    await page.getByText(/Akun koordinator perlu verifikasi dua langkah/).waitFor();
    await page.getByRole("button", { name: "Mulai" }).click();
    const qr = page.getByRole("img", { name: "Kode QR untuk aplikasi autentikator" });
    await qr.waitFor();
    const box = (await qr.locator("svg").boundingBox())!;
    expect(box.width, "the QR code is drawn at its size").toBeGreaterThan(150);
    const key = (await page.locator("p.font-mono").textContent())!.replace(/\s/g, "");
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: "tests/.tmp/mfa-enrol-360.png", fullPage: true });
    await fitsThePhone(page);

    // (A wrong code's refusal is tested over HTTP: in the browser its 400 answer logs a console error.)
    await page.getByLabel("Kode 6 angka dari aplikasi").fill(totpCode(key, stepAt(Date.now())));
    await page.getByRole("button", { name: "Aktifkan" }).click();
    const codes = page.getByRole("list", { name: "Kode pemulihan" }).getByRole("listitem");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await page.screenshot({ path: "tests/.tmp/mfa-recovery-360.png", fullPage: true });
    await fitsThePhone(page);
    await page.getByRole("link", { name: "Saya sudah menyimpannya, lanjutkan" }).click();
    await page.waitForURL((url) => url.pathname === "/koordinator");

    // Signed out, then in again: the password leads to the code step.
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.waitForURL((url) => url.pathname === "/masuk");
    await page.getByLabel("Email").fill("koordinator.jaktim@pas.demo");
    await page.getByLabel("Kata sandi").fill("demo-pas-2026");
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL((url) => url.pathname === "/masuk/kode");
    await page.getByRole("heading", { level: 1, name: "Kode autentikator" }).waitFor();
    await fitsThePhone(page);
    await page.getByLabel("Kode autentikator atau kode pemulihan").fill(totpCode(key, stepAt(Date.now()) + 1));
    await page.screenshot({ path: "tests/.tmp/mfa-code-step-360.png", fullPage: true });
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL((url) => url.pathname === "/koordinator");
    await page.getByRole("link", { name: "Verifikasi dua langkah" }).click();
    await page.getByText(/Verifikasi dua langkah aktif sejak .+ Sisa kode pemulihan: 10\./).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
