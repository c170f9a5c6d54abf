// Inviting a mentor end to end, as people do it: a coordinator creates the invitation, the new
// mentor opens the link in their own browser, sets a password, signs in and sees the participants
// of the district they were given. Real server, real Chromium, elements found by role and label.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "admin-e2e" }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("inviting a mentor", () => {
  it("a coordinator invites a mentor, who sets a password from the link and sees their district's participants", async () => {
    const coordinator = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(coordinator, server.url, "koordinator@pas.demo");
    await coordinator.getByRole("link", { name: "Pengguna" }).first().click();
    await coordinator.getByRole("heading", { level: 1, name: "Pengguna" }).waitFor();
    await coordinator.getByRole("link", { name: "Undang pengguna" }).click();
    await coordinator.getByRole("heading", { level: 1, name: "Undang pengguna" }).waitFor();

    await coordinator.getByRole("radio", { name: "Pendamping" }).check();
    await coordinator.getByLabel("Nama lengkap").fill("Dian Pratiwi");
    await coordinator.getByLabel("Email").fill("dian.pratiwi@pas.demo");
    await coordinator.getByLabel("Instansi").selectOption({ label: "Dinas PPKUKM DKI Jakarta" });
    await coordinator.getByRole("checkbox", { name: "Cakung", exact: true }).check();
    await coordinator.getByRole("button", { name: "Buat undangan" }).click();

    const linkBox = coordinator.getByRole("textbox", { name: "Tautan undangan" });
    await linkBox.waitFor();
    const link = await linkBox.inputValue();
    expect(link).toMatch(/\/undangan\/[A-Za-z0-9_-]{43}$/);
    expect(server.sql.prepare("SELECT active FROM users WHERE email = 'dian.pratiwi@pas.demo'").get()).toEqual({ active: 0 });
    await coordinator.context().close();

    // The invitee, in a browser of their own (no cookies of the coordinator's), on a phone.
    const mentor = watchErrors(await newPage(browser, { viewport: { width: 360, height: 800 } }), pageErrors);
    await mentor.goto(link);
    await mentor.getByRole("heading", { level: 1, name: "Terima undangan" }).waitFor();
    await mentor.getByText("Halo Dian Pratiwi").waitFor();
    await mentor.getByLabel("Kata sandi baru").fill("pendek");
    await mentor.getByLabel("Ulangi kata sandi").fill("pendek");
    await mentor.getByRole("button", { name: "Simpan kata sandi" }).click();
    await mentor.getByText("Kata sandi minimal 8 karakter.").waitFor();

    await mentor.getByLabel("Kata sandi baru").fill("monas tugu emas 1975");
    await mentor.getByLabel("Ulangi kata sandi").fill("monas tugu emas 1975");
    await mentor.getByRole("button", { name: "Simpan kata sandi" }).click();
    await mentor.getByRole("heading", { level: 1, name: "Kata sandi tersimpan" }).waitFor();

    await signInWithForm(mentor, server.url, "dian.pratiwi@pas.demo", "monas tugu emas 1975");
    // A mentor lands on their day ("Hari ini"); their participants are one link away.
    await expect.poll(() => new URL(mentor.url()).pathname).toBe("/hari-ini");
    await mentor.goto(`${server.url}/peserta`);
    await mentor.getByRole("heading", { name: "Peserta di kecamatan Anda" }).waitFor();
    const cakungRows = mentor.getByRole("row").filter({ hasText: "Cakung" });
    await cakungRows.first().waitFor();
    const seen = await cakungRows.count();
    expect(seen).toBeGreaterThan(0);
    // Only Cakung: no participant of Sari's other district shows up.
    expect(await mentor.getByRole("row").filter({ hasText: "Pulo Gadung" }).count()).toBe(0);

    console.log(`invitation e2e: ${seen} Cakung participants seen by the new mentor; page errors: ${pageErrors.length}`);
    expect(pageErrors).toEqual([]);

    // The link was used: opening it again says so (the browser logs the page's 410 status, as intended).
    await mentor.goto(link);
    await mentor.getByText("Tautan undangan ini tidak berlaku lagi").waitFor();
    await mentor.context().close();
  });
});
