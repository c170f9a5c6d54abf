// A walk-in's account, in a real browser on a phone (360 px): the mentor registers a person at the
// district office, invites them from the participant page and gets a WhatsApp link; the person opens
// the invitation on their own phone, types the code sent to it (the demo shows the message the phone
// would receive) and lands on their own page. Opened again, the link says it was used.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitsThePhone, launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];
const PHONE = { width: 360, height: 800 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-account-invite" }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a walk-in's account invitation", () => {
  it("the mentor registers a walk-in and gets a WhatsApp link; the person claims the account and lands on /saya", async () => {
    const mentor = watchErrors(await newPage(browser, { viewport: PHONE }), pageErrors);
    await signInWithForm(mentor, server.url, "mentor.cakung@pas.demo");
    await mentor.goto(`${server.url}/peserta/baru`);
    await mentor.getByLabel("Nama lengkap (sesuai KTP)").fill("Wati Lestari");
    await mentor.getByLabel("NIK", { exact: true }).fill("3175076208910005");
    await mentor.getByLabel("Nomor HP").fill("0813-4444-7070");
    await mentor.getByRole("radio", { name: /^Pemula/ }).check();
    await mentor.getByLabel("Nama usaha").fill("Gado-gado Wati");
    await mentor.getByLabel("Sektor usaha").selectOption({ label: "Kuliner" });
    await mentor.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Cakung" });
    await mentor.getByRole("checkbox", { name: "Pemula: peserta memiliki rencana usaha" }).check();
    await mentor.getByRole("button", { name: "Simpan pendaftaran" }).click();
    await mentor.getByRole("heading", { level: 1, name: "Wati Lestari" }).waitFor();

    // Right after registration the page offers the invitation.
    await mentor.getByRole("heading", { name: "Akun peserta" }).waitFor();
    await mentor.screenshot({ path: "tests/.tmp/account-invite-participant-360.png", fullPage: true });
    await fitsThePhone(mentor);
    await mentor.getByRole("link", { name: "Undang lewat WhatsApp" }).click();
    await mentor.getByRole("heading", { level: 1, name: "Undang Wati Lestari membuat akun" }).waitFor();
    await mentor.getByLabel("Bahasa pesan").selectOption({ label: "Bahasa Indonesia" });
    await mentor.getByRole("button", { name: "Buat tautan undangan" }).click();
    const whatsApp = mentor.getByRole("link", { name: "Kirim lewat WhatsApp" });
    await whatsApp.waitFor();
    const href = (await whatsApp.getAttribute("href"))!;
    expect(href).toMatch(/^https:\/\/wa\.me\/6281344447070\?text=/);
    expect(new URL(href).searchParams.get("text")).toMatch(/^Halo Wati, Anda terdaftar di program JakPreneur/);
    const link = await mentor.getByLabel("Tautan undangan").inputValue();
    expect(new URL(href).searchParams.get("text")).toContain(link);
    await mentor.screenshot({ path: "tests/.tmp/account-invite-link-360.png", fullPage: true });
    await fitsThePhone(mentor);

    // The person, on their own phone.
    const person = watchErrors(await newPage(browser, { viewport: PHONE }), pageErrors);
    await person.goto(link);
    await person.getByRole("heading", { level: 1, name: "Aktifkan akun Anda" }).waitFor();
    await person.getByText(/Halo Wati\. Akun ini untuk usaha Gado-gado Wati/).waitFor();
    await fitsThePhone(person);
    await person.getByRole("button", { name: "Kirim kode ke HP saya" }).click();
    const message = await person.getByText(/Kode aktivasi akun PAS Anda: \d{6}/).textContent();
    await person.getByLabel("Kode 6 angka").fill(/(\d{6})/.exec(message ?? "")![1]!);
    await person.screenshot({ path: "tests/.tmp/account-invite-claim-360.png", fullPage: true });
    await fitsThePhone(person);
    await person.getByRole("button", { name: "Aktifkan akun" }).click();
    await person.waitForURL((url) => url.pathname === "/saya");
    await person.getByText("Gado-gado Wati").first().waitFor();

    expect(pageErrors).toEqual([]);

    // The link has done its work: the page answers 410 Gone (the one console line a browser writes for it) and says so in words.
    await person.goto(link);
    await person.getByText("Tautan ini sudah dipakai: akun Anda sudah aktif. Masuk dengan nomor HP Anda.").waitFor();
    await person.screenshot({ path: "tests/.tmp/account-invite-used-360.png", fullPage: true });
    expect(pageErrors).toEqual(["console: Failed to load resource: the server responded with a status of 410 (Gone)"]);
  });
});
