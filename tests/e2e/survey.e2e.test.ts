// The collaboration survey in a real browser on a 360 px phone with JavaScript off: Siti finds the
// open round on her own page, saves a draft of a few answers, comes back to it, is told what is
// missing when she sends it incomplete, answers the rest and sends it; her answers are stored.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitsThePhone, launchBrowser, newPage, signInWithForm } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const PHONE = { width: 360, height: 800 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-survey" }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const stored = () =>
  server.sql
    .prepare(
      `SELECT r.status, count(a.statement_id) AS answers FROM survey_responses r LEFT JOIN survey_answers a ON a.response_id = r.id
       WHERE r.user_id = (SELECT id FROM users WHERE email = 'umkm@pas.demo') AND r.round_id = (SELECT id FROM survey_rounds WHERE closed_at IS NULL)
       GROUP BY r.id`,
    )
    .get() as { status: string; answers: number } | undefined;

describe("an entrepreneur answers the open round on a phone without JavaScript", () => {
  it("finds it on her page, saves a draft, is told what is missing, and sends it", async () => {
    const page = await newPage(browser, { viewport: PHONE, javaScriptEnabled: false });
    await signInWithForm(page, server.url, "umkm@pas.demo");
    await page.getByRole("heading", { name: /^Survei kolaborasi: / }).waitFor();
    await fitsThePhone(page);
    await page.getByRole("link", { name: "Isi survei" }).click();
    await page.getByRole("heading", { level: 1, name: /Putaran 3/ }).waitFor();
    await fitsThePhone(page);

    // The statements are grouped by indicator, each a group of five labelled choices.
    await page.getByRole("heading", { level: 2, name: "1. Proses kolaborasi" }).waitFor();
    // Each statement is a group named by its number and text.
    const statement = (i: number) => page.getByRole("group", { name: /^\d+\. / }).nth(i);
    const groups = page.getByRole("group", { name: /^\d+\. / });
    const statements = await groups.count();
    expect(statements).toBeGreaterThan(20);
    const first = statement(0);
    expect(await first.getByRole("radio").count()).toBe(5);
    await first.getByRole("radio", { name: /Sangat setuju/ }).check();
    await statement(1).getByRole("radio", { name: /^4/ }).check();
    await page.getByRole("button", { name: "Simpan draf" }).click();
    await page.getByText("Draf disimpan.").waitFor();
    expect(stored()).toEqual({ status: "draft", answers: 2 });

    // Back later: the draft's answers are there; sending with some missing says what is missing.
    await page.goto(`${server.url}/saya`);
    await page.getByRole("link", { name: "Lanjutkan draf" }).click();
    expect(await statement(0).getByRole("radio", { name: /Sangat setuju/ }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Kirim" }).click();
    await page.getByText("Belum semua pernyataan dijawab").first().waitFor();
    expect(await page.getByText("Pilih salah satu jawaban.").count()).toBe(statements - 2);
    expect(stored()).toEqual({ status: "draft", answers: 2 });

    // What she chose before the refusal is kept; she answers the rest and sends.
    expect(await statement(1).getByRole("radio", { name: /^4/ }).isChecked()).toBe(true);
    for (let i = 2; i < statements; i++) await statement(i).getByRole("radio", { name: /^3/ }).check();
    await page.getByRole("button", { name: "Kirim" }).click();
    await page.getByText("Terima kasih, jawaban Anda terkirim.").waitFor();
    await fitsThePhone(page);
    expect(stored()).toEqual({ status: "submitted", answers: statements });
    await page.screenshot({ path: "tests/.tmp/survey-answer-360.png", fullPage: false });
  });
});
