// After the programme and the lenders' pipeline in a phone's browser (360 px, without JavaScript):
// a graduate answers the 6-month follow-up on /saya; Bank DKI's officer records a disbursement and a
// repayment status for an applied loan on /mitra/$id and sees the pipeline's totals move on /mitra.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitsThePhone, launchBrowser, newPage, signInWithForm } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

const DAY_MS = 86_400_000;
const PHONE = { javaScriptEnabled: false, viewport: { width: 360, height: 800 } } as const;
const jakartaDay = (at: number) => new Date(at + 7 * 3_600_000).toISOString().slice(0, 10);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-lending" }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A graduate of the demo with an account of their own: the 3-month follow-up answered, the 6-month due yesterday. */
function arrangeGraduate(): { participantId: number; sixMonths: number } {
  const db = server.sql;
  const row = db.prepare("SELECT id FROM participants WHERE status = 'graduated' AND user_id IS NULL ORDER BY id LIMIT 1").get() as { id: number } | undefined;
  if (!row) throw new Error("no graduate in the demo");
  const hash = (db.prepare("SELECT password_hash AS h FROM users WHERE email = 'umkm@pas.demo'").get() as { h: string }).h;
  const user = db
    .prepare("INSERT INTO users (email, name, role, password_hash) VALUES ('lulusan@pas.demo', 'Lulusan Uji', 'entrepreneur', ?)")
    .run(hash).lastInsertRowid;
  db.prepare("UPDATE participants SET user_id = ? WHERE id = ?").run(user, row.id);
  const now = Date.now();
  const set = db.prepare("UPDATE follow_ups SET due_on = ?, answered_at = ?, operating = ?, turnover = ?, workers = ? WHERE participant_id = ? AND months_after = ?");
  set.run(jakartaDay(now - 90 * DAY_MS), now - 80 * DAY_MS, 1, 6_000_000, 2, row.id, 3);
  set.run(jakartaDay(now - DAY_MS), null, null, null, null, row.id, 6);
  set.run(jakartaDay(now + 180 * DAY_MS), null, null, null, null, row.id, 12);
  const six = db.prepare("SELECT id FROM follow_ups WHERE participant_id = ? AND months_after = 6").get(row.id) as { id: number };
  return { participantId: row.id, sixMonths: six.id };
}

/** The pipeline's "all months" figure for a step on /mitra, e.g. "1 · Rp 16.000.000". */
async function allMonths(page: Page, step: string): Promise<string> {
  const total = page.locator('dl[aria-label="Semua bulan"]');
  return (await total.locator("div", { has: page.getByText(step, { exact: true }) }).locator("dd").innerText()).trim();
}

describe("after the programme, on a phone", () => {
  it("a graduate answers the 6-month follow-up on /saya", async () => {
    const { sixMonths } = arrangeGraduate();
    const page = await newPage(browser, PHONE);
    await signInWithForm(page, server.url, "lulusan@pas.demo");
    await page.goto(`${server.url}/saya`);
    const section = page.getByRole("region", { name: "Kabar usaha setelah program" });
    await section.getByText(/Laporan 6 bulan setelah program/).waitFor();
    await fitsThePhone(page);
    await section.getByLabel("Ya, masih berjalan").check();
    await section.getByLabel("Omset sebulan terakhir (Rp)").fill("8.500.000");
    await section.getByLabel("Jumlah pekerja (termasuk Anda)").fill("3");
    await section.getByLabel("Catatan (tidak wajib)").fill("Pesanan naik menjelang Lebaran");
    await section.getByRole("button", { name: "Kirim kabar usaha" }).click();
    await page.getByText("Terima kasih, kabar usaha Anda sudah tersimpan.").waitFor();
    const stored = server.sql.prepare("SELECT operating, turnover, workers, note, answered_at AS at FROM follow_ups WHERE id = ?").get(sixMonths) as Record<string, unknown>;
    expect(stored).toMatchObject({ operating: 1, turnover: 8_500_000, workers: 3, note: "Pesanan naik menjelang Lebaran" });
    expect(stored.at).toBeTypeOf("number");
    // Answered: no form is left, the list says what was answered.
    expect(await section.getByRole("button", { name: "Kirim kabar usaha" }).count()).toBe(0);
    await section.getByText(/Dijawab: omset Rp\s?8\.500\.000, 3 orang/).waitFor();
    // The answers are points of the business's figures: rows of their own in the chart's table, after the reports.
    const point = (months: number) => page.locator(`tr[data-follow-up="${months}"]`).textContent();
    expect(await point(6)).toMatch(/^Setelah program, 6 bulan .*8\.500\.000.*3 orang$/);
    expect(await point(3)).toMatch(/^Setelah program, 3 bulan .*6\.000\.000.*2 orang$/);
    await page.screenshot({ path: "tests/.tmp/follow-up-saya-360.png", fullPage: true });
    await page.context().close();
  });
});

describe("the lenders' pipeline, on a phone", () => {
  it("the bank's page lists a graduate's loan evidence under its referral", async () => {
    const graduate = server.sql
      .prepare("SELECT l.participant_id AS id FROM loans l JOIN participants p ON p.id = l.participant_id JOIN organisations o ON o.id = l.organisation_id WHERE o.name = 'Bank DKI' AND p.status = 'graduated' ORDER BY l.id LIMIT 1")
      .get() as { id: number };
    const page = await newPage(browser, PHONE);
    await signInWithForm(page, server.url, "mitra@pas.demo");
    await page.goto(`${server.url}/mitra/${graduate.id}`);
    const evidence = page.getByRole("list", { name: "Bukti tercatat" });
    await evidence.getByText("Modal dicairkan").first().waitFor();
    await evidence.getByText("Pengajuan modal").first().waitFor();
    expect(await page.getByText("Belum ada bukti tercatat.").count()).toBe(0);
    await fitsThePhone(page);
    await page.screenshot({ path: "tests/.tmp/loan-graduate-mitra-360.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: "tests/.tmp/loan-graduate-mitra-1280.png", fullPage: true });
    await page.context().close();
  });

  it("a bank officer records a disbursement and a repayment status and sees the totals move", async () => {
    const loan = server.sql
      .prepare("SELECT l.participant_id AS participantId, l.amount FROM loans l JOIN organisations o ON o.id = l.organisation_id WHERE o.name = 'Bank DKI' AND l.status = 'applied' ORDER BY l.id LIMIT 1")
      .get() as { participantId: number; amount: number };
    const page = await newPage(browser, PHONE);
    await signInWithForm(page, server.url, "mitra@pas.demo");
    await page.goto(`${server.url}/mitra`);
    await page.getByRole("heading", { name: "Alur pembiayaan" }).waitFor();
    await fitsThePhone(page);
    const before = await allMonths(page, "Dicairkan");
    const count = (text: string) => Number(/^(\d+)/.exec(text)?.[1]);
    const rupiah = (text: string) => Number(text.split("·")[1]!.replace(/\D/g, ""));

    await page.goto(`${server.url}/mitra/${loan.participantId}`);
    const stepForm = page.getByRole("form", { name: "Catat langkah pinjaman" });
    await stepForm.getByLabel("Langkah").selectOption({ label: "Dicairkan" });
    await stepForm.getByLabel("Tenor (bulan)").fill("18");
    await fitsThePhone(page);
    await stepForm.getByRole("button", { name: "Simpan langkah" }).click();
    const repaymentForm = page.getByRole("form", { name: "Status pembayaran (kolektibilitas OJK)" });
    await repaymentForm.getByLabel("Kolektibilitas").selectOption({ label: "Kolektibilitas 2 — Dalam perhatian khusus" });
    await repaymentForm.getByRole("button", { name: "Simpan status pembayaran" }).click();
    await page.getByRole("list", { name: "Riwayat per bulan" }).getByText("Kolektibilitas 2 — Dalam perhatian khusus").waitFor();
    await fitsThePhone(page);
    // The repayment word stays in the repayment context: "Macet" only as collectability 5.
    const text = await page.locator("main").innerText();
    expect(text.replace(/Kolektibilitas 5 — Macet/g, "")).not.toMatch(/macet/i);
    await page.screenshot({ path: "tests/.tmp/loan-mitra-360.png", fullPage: true });

    await page.goto(`${server.url}/mitra`);
    const after = await allMonths(page, "Dicairkan");
    expect(count(after)).toBe(count(before) + 1);
    expect(rupiah(after)).toBe(rupiah(before) + loan.amount);
    const stored = server.sql.prepare("SELECT status, tenor_months AS tenor FROM loans WHERE participant_id = ?").get(loan.participantId);
    expect(stored).toEqual({ status: "disbursed", tenor: 18 });
    console.log(`pipeline on /mitra: disbursed ${before} → ${after}`);
    await page.context().close();
  });
});
