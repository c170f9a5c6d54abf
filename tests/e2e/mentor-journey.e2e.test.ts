// A mentor takes one participant from registration to graduation through the participant page's
// forms only (real server, real Chromium, elements found by role and label), and the same page works
// with JavaScript turned off: the list, a participant, evidence, a completed stage, a refused date.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "mentor-journey" }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const stageItem = (page: Page, stage: string) =>
  page.getByRole("list", { name: "Tahapan P1–P7" }).getByRole("listitem").filter({ hasText: stage });

function row(id: number) {
  return server.sql.prepare("SELECT status, p1_state, p7_state, version FROM participants WHERE id = ?").get(id) as {
    status: string;
    p1_state: string;
    p7_state: string;
    version: number;
  };
}

/** Submits an evidence form and waits for the page to show the count it leads to. */
async function record(page: Page, formName: string, fill: (form: Locator) => Promise<void>, after: string) {
  const form = page.getByRole("form", { name: formName });
  await fill(form);
  await form.getByRole("button", { name: formName }).click();
  await page.getByText(after).first().waitFor();
}

async function complete(page: Page, stage: string) {
  await page.getByRole("button", { name: `Selesaikan ${stage}` }).click();
  await expect.poll(() => stageItem(page, stage).innerText()).toContain("Selesai");
}

describe("a mentor takes one participant from P1 to graduation, through the forms only", () => {
  it("registers a walk-in, verifies P1, records and completes P2–P7: the participant graduates", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");

    // A fresh participant, registered at the district office.
    await page.goto(`${server.url}/peserta/baru`);
    await page.getByLabel("Nama lengkap (sesuai KTP)").fill("Rudi Hartono");
    await page.getByLabel("NIK", { exact: true }).fill("3175071203850004");
    await page.getByLabel("Nomor HP").fill("081355556666");
    await page.getByRole("radio", { name: /^Pemula/ }).check();
    await page.getByLabel("Nama usaha").fill("Bakso Rudi");
    await page.getByLabel("Sektor usaha").selectOption({ label: "Kuliner" });
    await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Cakung" });
    // The walk-in form speaks about the participant, not to them.
    await page.getByRole("checkbox", { name: "Pemula: peserta memiliki rencana usaha" }).check();
    // The baseline P1's verification needs.
    await page.getByLabel("Omset per bulan (Rp)").fill("3.000.000");
    await page.getByLabel("Modal usaha (Rp)").fill("5.000.000");
    await page.getByLabel("Jumlah pekerja").fill("1");
    await page.getByRole("radio", { name: "Belum punya NIB" }).check();
    await page.getByRole("button", { name: "Simpan pendaftaran" }).click();
    await page.getByRole("heading", { level: 1, name: "Rudi Hartono" }).waitFor();
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    expect(row(id)).toMatchObject({ status: "active", p1_state: "submitted" });

    // P1: the documents statement is listed; the mentor verifies.
    await expect.poll(() => stageItem(page, "P1 Pendaftaran").innerText()).toContain("Diajukan");
    await page.getByRole("button", { name: "Verifikasi pendaftaran" }).click();
    await expect.poll(() => stageItem(page, "P1 Pendaftaran").innerText()).toContain("Terverifikasi");

    for (const stage of ["P2 Pelatihan", "P3 Pendampingan", "P4 Perizinan", "P5 Pemasaran", "P6 Pelaporan Keuangan"]) {
      await page.getByRole("button", { name: `Mulai ${stage}` }).click();
      await expect.poll(() => stageItem(page, stage).innerText()).toContain("Berjalan");
    }
    // The stepper shows time in the stage against its limit.
    await expect.poll(() => stageItem(page, "P2 Pelatihan").innerText()).toMatch(/0 dari \d+ hari/);

    await record(
      page,
      "Catat pelatihan diikuti",
      async (form) => {
        await form.getByLabel("Nama atau topik pelatihan").fill("Tata boga: bakso tanpa pengawet");
        await form.getByLabel("Jenis keterampilan").selectOption({ label: "Keterampilan teknis (hard skill)" });
        await form.getByLabel("Mitra penyelenggara (jika ada)").selectOption({ index: 1 });
      },
      "Pelatihan diikuti: 1 dari 1",
    );
    await complete(page, "P2 Pelatihan");

    for (const [n, topic] of ["Rencana usaha", "Harga pokok produksi", "Kemasan"].entries()) {
      await record(
        page,
        "Catat sesi pendampingan",
        async (form) => {
          // One session a day: a second on the same day would need a reason.
          await form.getByLabel("Tanggal sesi").fill(`2026-01-0${n + 1}`);
          await form.getByLabel("Topik sesi pendampingan").fill(topic);
          await form.getByLabel("Catatan sesi (jika ada)").fill(`Sesi ke-${n + 1}`);
        },
        `Sesi pendampingan: ${n + 1} dari 3`,
      );
    }
    await complete(page, "P3 Pendampingan");

    await record(
      page,
      "Catat izin usaha",
      async (form) => {
        await form.getByLabel("Jenis izin").selectOption({ label: "P-IRT" });
        await form.getByLabel("Nomor izin").fill("2063175010123-26");
        await form.getByLabel("Penerbit").fill("Dinas Kesehatan DKI Jakarta");
      },
      "Izin usaha: 1 dari 1",
    );
    await complete(page, "P4 Perizinan");

    await record(
      page,
      "Catat saluran pemasaran",
      async (form) => {
        await form.getByLabel("Saluran").selectOption({ label: "Bazar / pameran" });
        await form.getByLabel("Nama gerai, bazar atau toko daring (jika ada)").fill("Bazar UMKM Cakung");
      },
      "Saluran pemasaran: 1 dari 1",
    );
    await complete(page, "P5 Pemasaran");

    await record(
      page,
      "Catat laporan keuangan",
      async (form) => {
        await form.getByLabel("Periode (bulan)").fill(today.slice(0, 7));
        await form.getByLabel("Omset dalam periode (Rp)").fill("15000000");
        await form.getByLabel("Aset (Rp)").fill("42000000");
        await form.getByLabel("Jumlah tenaga kerja").fill("2");
      },
      "Laporan keuangan: 1 dari 1",
    );
    await complete(page, "P6 Pelaporan Keuangan");

    await page.getByRole("button", { name: "Mulai P7 Permodalan" }).click();
    await expect.poll(() => stageItem(page, "P7 Permodalan").innerText()).toContain("Berjalan");
    await record(
      page,
      "Catat hasil permodalan",
      async (form) => {
        await form.getByLabel("Hasil").selectOption({ label: "Modal dicairkan" });
        await form.getByLabel("Pemberi modal").fill("Bank DKI");
        await form.getByLabel("Produk pembiayaan").fill("KUR Mikro");
        await form.getByLabel("Jumlah (Rp)").fill("25000000");
      },
      "Modal disetujui: 1 dari 1",
    );
    await complete(page, "P7 Permodalan");

    // Graduated: the status says so, and what counted is listed with its details.
    await page.getByText("Lulus", { exact: true }).first().waitFor();
    await page.getByText("Status peserta: Lulus").waitFor();
    expect(row(id)).toMatchObject({ status: "graduated", p7_state: "done" });
    const evidence = server.sql
      .prepare("SELECT stage, kind FROM stage_evidence WHERE participant_id = ? ORDER BY id")
      .all(id) as { stage: string; kind: string }[];
    expect(evidence.map((e) => e.kind)).toEqual([
      "documents",
      "training_attended",
      "mentoring_session",
      "mentoring_session",
      "mentoring_session",
      "licence",
      "marketing_channel",
      "financial_report",
      "capital_disbursed",
    ]);
    await page.getByText("P7 Permodalan Selesai · 1 bukti").click();
    await page.getByText("Pemberi modal: Bank DKI").first().waitFor();
    console.log(`mentor journey: participant ${id} graduated through ${evidence.length} evidence records and ${row(id).version} versions`);
    await page.context().close();
  });

  it("opens a participant from the list in the app, without reloading the page, and the strip's boxes say their state in words", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.goto(`${server.url}/peserta`);
    const card = page.getByRole("row").filter({ hasText: "Kue Siti" });
    // The box's words are its text (read by screen readers), clipped from view: the box stays 28 px.
    const box = card.getByRole("listitem").filter({ hasText: "P1 Pendaftaran: Terverifikasi" });
    expect(await box.evaluate((cell) => [cell.getBoundingClientRect().width, cell.scrollWidth > cell.clientWidth])).toEqual([28, true]);
    // The links are plain anchors navigated by one handler on the list (list-links.ts): a marker left
    // on the window survives the click only if no new document was loaded.
    await page.evaluate(() => Object.assign(window, { listMarker: 1 }));
    await card.getByRole("link", { name: "Siti Rahmawati", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Siti Rahmawati" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { listMarker?: number }).listMarker)).toBe(1);
    await page.context().close();
  });

  it("raised no script errors, CSP violations or hydration failures on the way", () => {
    expect(pageErrors).toEqual([]);
  });
});

describe("without JavaScript", () => {
  it("signs in, opens the list and a participant, refuses a bad date in place, records evidence and completes a stage", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.goto(`${server.url}/peserta`);
    await page.getByRole("searchbox", { name: "Cari nama atau usaha" }).fill("Siti Rahmawati");
    await page.getByRole("button", { name: "Cari" }).click();
    // At phone width each row of the list is a card: the one table's rows laid out as blocks by CSS,
    // the column headings out of sight (kept for screen readers), each card's details labelled.
    const card = page.getByRole("row").filter({ hasText: "Kue Siti" });
    expect(await card.evaluate((row) => getComputedStyle(row).display)).toBe("flex");
    expect(await page.locator("thead", { has: page.getByRole("columnheader", { name: "Kecamatan" }) }).evaluate((head) => head.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    await card.getByText("Kecamatan:").waitFor({ state: "attached" });
    await card.getByRole("link", { name: "Siti Rahmawati", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Siti Rahmawati" }).waitFor();
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const before = row(id).version;

    // A training dated in the future: refused, the error next to the date, what was typed kept.
    let form = page.getByRole("form", { name: "Catat pelatihan diikuti" });
    await form.getByLabel("Nama atau topik pelatihan").fill("Pemasaran digital");
    await form.getByLabel("Jenis keterampilan").selectOption({ label: "Keterampilan nonteknis (soft skill)" });
    await form.getByLabel("Tanggal pelatihan").fill("2999-01-01");
    await form.getByRole("button", { name: "Catat pelatihan diikuti" }).click();
    form = page.getByRole("form", { name: "Catat pelatihan diikuti" });
    await form.getByText("Tanggal tidak boleh di masa depan.").waitFor();
    expect(await form.getByLabel("Nama atau topik pelatihan").inputValue()).toBe("Pemasaran digital");
    expect(row(id).version).toBe(before);

    await form.getByLabel("Tanggal pelatihan").fill(today);
    await form.getByRole("button", { name: "Catat pelatihan diikuti" }).click();
    await page.getByText("Pelatihan diikuti: 1 dari 1").waitFor();
    await page.getByRole("button", { name: "Selesaikan P2 Pelatihan" }).click();
    await expect.poll(() => stageItem(page, "P2 Pelatihan").innerText()).toContain("Selesai");
    expect(row(id).version).toBe(before + 2);
    await page.context().close();
  });
});
