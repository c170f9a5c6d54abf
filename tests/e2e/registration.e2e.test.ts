// Self-registration in a real browser, as a person would do it: a mistyped NIK is shown in place and
// stores nothing; the corrected form registers, signs the person in and lands on /saya with P1
// awaiting verification. The same page works with JavaScript turned off (the server validates).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
/** Errors the pages raised (script errors, CSP violations, failed hydration): there must be none. */
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-registration" }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function stored(): { users: number; participants: number } {
  return server.sql.prepare("SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM participants) AS participants").get() as {
    users: number;
    participants: number;
  };
}

async function fillForm(page: Page, person: { name: string; nik: string; email: string }) {
  await page.getByLabel("Nama lengkap (sesuai KTP)").fill(person.name);
  await page.getByLabel("NIK", { exact: true }).fill(person.nik);
  await page.getByLabel("Nomor HP").fill("081234567890");
  await page.getByLabel("Email", { exact: true }).fill(person.email);
  await page.getByLabel("Kata sandi", { exact: true }).fill("sambal roa dari manado enak sekali");
  await page.getByRole("radio", { name: /^Pemula/ }).check();
  await page.getByLabel("Nama usaha").fill(`Sambal ${person.name}`);
  await page.getByLabel("Sektor usaha").selectOption({ label: "Kuliner" });
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Cakung" });
  await page.getByRole("checkbox", { name: "Pemula: saya memiliki rencana usaha" }).check();
}

/**
 * The second step: the code sent to the phone. The demo sends nothing and shows the message the phone
 * would have received; the code is read from it, as a person reads it from their SMS.
 */
async function enterCode(page: Page) {
  await page.waitForURL((url) => url.pathname === "/daftar/kode");
  const message = await page.getByText(/Kode pendaftaran PAS Anda: \d{6}/).textContent();
  await page.getByLabel("Kode 6 angka").fill(/(\d{6})/.exec(message ?? "")![1]!);
  await page.getByRole("button", { name: "Kirim kode" }).click();
}

async function expectLandedOnSaya(page: Page, name: string) {
  await page.waitForURL((url) => url.pathname === "/saya");
  await page.getByRole("heading", { level: 1, name: `Halo, ${name}` }).waitFor();
  await page.getByText("Pendamping Anda sedang memeriksa pendaftaran Anda.").first().waitFor();
  await page.getByRole("button", { name: "Keluar" }).waitFor();
}

describe("self-registration in the browser", () => {
  it("shows a bad NIK's problem and stores nothing, then registers and lands signed in on /saya", async () => {
    const page = watchErrors(await newPage(browser), pageErrors);
    await page.goto(`${server.url}/masuk`);
    await page.getByRole("link", { name: "Belum punya akun? Daftar PAS" }).click();
    await page.getByRole("heading", { level: 1, name: "Daftar PAS" }).waitFor();
    // Wait for hydration so that the form validates in the page.
    await page.waitForFunction(() => document.querySelector("form#register")?.hasAttribute("novalidate"));

    const before = stored();
    await fillForm(page, { name: "Rina Marlina", nik: "3174015513900001", email: "rina@contoh.id" });
    await page.getByRole("button", { name: "Daftar" }).click();
    const nik = page.getByLabel("NIK", { exact: true });
    await page.getByText("Angka ke-9 dan ke-10 NIK (bulan lahir) tidak benar: harus 01–12.").waitFor();
    await expect.poll(() => nik.getAttribute("aria-invalid")).toBe("true");
    expect(stored()).toEqual(before);

    await nik.fill("3174015508909801");
    await page.getByRole("button", { name: "Daftar" }).click();
    // Nothing reaches a mentor before the code is entered.
    await enterCode(page);
    await expectLandedOnSaya(page, "Rina Marlina");
    expect(stored()).toEqual({ users: before.users + 1, participants: before.participants + 1 });
    expect(pageErrors).toEqual([]);
  });

  it("works with JavaScript turned off: the server shows the problem, then registers", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/daftar`);
    const before = stored();
    await fillForm(page, { name: "Budi Santoso", nik: "3174014508909802", email: "budi@contoh.id" });
    // Not a DKI NIK and no basis chosen: refused by the server, with what was typed kept.
    await page.getByLabel("NIK", { exact: true }).fill("3201011201859803");
    await page.getByRole("button", { name: "Daftar" }).click();
    await page.getByText("NIK Anda bukan NIK DKI Jakarta (tidak diawali 31): pilih dasar pendaftaran Anda.").waitFor();
    expect(await page.getByLabel("Nama lengkap (sesuai KTP)").inputValue()).toBe("Budi Santoso");
    expect(stored()).toEqual(before);

    // The password is never sent back: type it again, choose the basis, and register.
    await page.getByLabel("Kata sandi", { exact: true }).fill("sambal roa dari manado enak sekali");
    await page.getByRole("radio", { name: /surat keterangan lurah/ }).check();
    await page.getByRole("checkbox", { name: "Pemula: saya memiliki rencana usaha" }).check();
    await page.getByRole("button", { name: "Daftar" }).click();
    await enterCode(page);
    await expectLandedOnSaya(page, "Budi Santoso");
    expect(stored()).toEqual({ users: before.users + 1, participants: before.participants + 1 });
  });
});
