// The entrepreneur's own page in a real browser on a phone: Siti sees her stages, what they still
// need, her mentor, the partner offers for her open stage and her business figures; she sends a
// financial report; her mentor accepts it; she sees it accepted and the chart has the new point.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMonth } from "../../app/modules/i18n/format";
import { currentPeriod } from "../../app/modules/entrepreneur/self-report";
import { documentAssets } from "../bench/assets";
import { fitsThePhone, launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let sitiId: number;
const pageErrors: string[] = [];
const PHONE = { width: 360, height: 800 };
const month = formatMonth(currentPeriod(), "id");

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-entrepreneur" }), launchBrowser()]);
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

const stageItem = (page: Page, stage: string) =>
  page.getByRole("list", { name: "Langkah PAS Anda" }).getByRole("listitem").filter({ hasText: stage }).first();

describe("Siti's own progress on a phone", () => {
  it("a full load of /saya fetches exactly the scripts and stylesheets its JavaScript budget counts", async () => {
    // page-scripts.test.ts holds /saya to its budget by what documentAssets reads from the HTML: here
    // the browser says what it really fetched on a full load, so that count can be neither short nor padded.
    const page = watchErrors(await newPage(browser, { viewport: PHONE }), pageErrors);
    await signInWithForm(page, server.url, "umkm@pas.demo");
    const fetched = new Set<string>();
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (/^\/assets\/.+\.(?:js|css)$/.test(path)) fetched.add(path);
    });
    const response = await page.goto(`${server.url}/saya`, { waitUntil: "networkidle" });
    const counted = documentAssets(await response!.text());
    expect([...fetched].sort()).toEqual([...counted].sort());
    await page.context().close();
  });

  it("shows her stages and what they need, her mentor, the offers for her open stage and her figures", async () => {
    const page = watchErrors(await newPage(browser, { viewport: PHONE }), pageErrors);
    await signInWithForm(page, server.url, "umkm@pas.demo");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/saya");
    await page.getByRole("heading", { level: 1, name: "Halo, Siti Rahmawati" }).waitFor();

    // In her words: what each step's state means for her and what she does next, no programme terms.
    await expect.poll(() => stageItem(page, "P1 Pendaftaran").innerText()).toContain("Diterima");
    const p2 = await stageItem(page, "P2 Pelatihan").innerText();
    expect(p2).toContain("Berjalan");
    expect(p2).toContain("Yang perlu Anda lakukan:");
    expect(p2).toContain("Ikuti pelatihan: perlu 1, sudah 0.");
    expect(await stageItem(page, "P7 Permodalan").innerText()).toContain("Selesaikan dulu langkah Pelatihan sampai Pelaporan Keuangan: perlu 5 dari 5, sudah 0.");
    const words = await page.locator("main").innerText();
    for (const jargon of ["dibebaskan", "Dibebaskan", "P2–P6", "laporan P6", "Terverifikasi"]) expect(words, jargon).not.toContain(jargon);

    // Her own NIK and phone masked; her mentor's phone whole, as a link that calls.
    expect(await page.content()).not.toContain("081298765432");
    await page.getByText("Pendamping Anda: Sari Wulandari").waitFor();
    expect(await page.getByRole("link", { name: "Telepon 081234560001" }).getAttribute("href")).toBe("tel:081234560001");
    expect(await page.getByRole("link", { name: "Email mentor.cakung@pas.demo" }).getAttribute("href")).toBe("mailto:mentor.cakung@pas.demo");

    // Offers for P2 only, from agreements in force.
    const offers = page.getByRole("region", { name: "Tawaran mitra untuk tahap Anda" });
    await offers.getByText("Universitas Negeri Jakarta").waitFor();
    await offers.getByText("Tokopedia").waitFor();
    expect(await offers.getByText("Bank DKI").count()).toBe(0);
    expect(await offers.getByText("Koperasi Jasa Keuangan Sejahtera").count()).toBe(0);

    // The figures: one point so far (at registration), as a chart with a text alternative and a table.
    const turnover = page.getByRole("img", { name: "Omset per bulan" });
    await turnover.waitFor();
    expect(await turnover.getAttribute("aria-labelledby")).toContain("figures-turnover-desc");
    await fitsThePhone(page);
    await page.context().close();
  });

  it("she sends a financial report from the phone; a mistake is shown in place and what she typed stays", async () => {
    const page = watchErrors(await newPage(browser, { viewport: PHONE }), pageErrors);
    await signInWithForm(page, server.url, "umkm@pas.demo");
    const form = page.getByRole("form", { name: "Laporan keuangan" });
    expect(await form.getByLabel("Bulan laporan").inputValue()).toBe(currentPeriod());
    await form.getByLabel("Omset bulan itu (Rp)").fill("tujuh juta");
    await form.getByLabel("Nilai aset (Rp)").fill("25.000.000");
    await form.getByLabel("Jumlah tenaga kerja").fill("3");
    await form.getByRole("button", { name: "Kirim laporan" }).click();
    await form.getByText("Tulis jumlah rupiah dengan angka, misalnya 25000000, 25.000.000 atau Rp 25.000.000.").first().waitFor();
    expect(await form.getByLabel("Nilai aset (Rp)").inputValue()).toBe("25.000.000");
    expect(server.sql.prepare("SELECT count(*) AS n FROM stage_evidence WHERE participant_id = ? AND status = 'pending'").get(sitiId)).toEqual({ n: 0 });

    await form.getByLabel("Omset bulan itu (Rp)").fill("7.500.000");
    await form.getByRole("button", { name: "Kirim laporan" }).click();
    await page.getByText("Laporan terkirim. Pendamping Anda akan memeriksanya.").waitFor();
    const sent = page.getByRole("region", { name: "Laporan yang Anda kirim" });
    await sent.getByText("Menunggu pemeriksaan").waitFor();
    expect(await sent.innerText()).toContain(month);
    await fitsThePhone(page);
    await page.context().close();
  });

  it("her mentor accepts it on the participant page, through the machine", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.goto(`${server.url}/peserta/${sitiId}`);
    const section = page.getByRole("region", { name: /Laporan keuangan dari peserta/ });
    await section.getByText("Omset Rp 7.500.000").waitFor();
    await section.getByRole("button", { name: `Terima laporan ${month}` }).click();
    await page.getByRole("listitem").filter({ hasText: "Mencatat laporan keuangan" }).first().waitFor();
    expect(await page.getByRole("region", { name: /Laporan keuangan dari peserta/ }).count()).toBe(0);
    const last = server.sql
      .prepare("SELECT l.event_type AS type, e.status, e.recorded_by = u.id AS bySiti FROM transition_log l JOIN stage_evidence e ON e.id = l.evidence_id JOIN users u ON u.email = 'umkm@pas.demo' WHERE l.participant_id = ? ORDER BY l.version DESC LIMIT 1")
      .get(sitiId);
    expect(last).toEqual({ type: "RECORD_EVIDENCE", status: "recorded", bySiti: 1 });
    await page.context().close();
  });

  it("Siti sees it accepted, the chart with the new point, and the offers of the stage it opened", async () => {
    const page = watchErrors(await newPage(browser, { viewport: PHONE }), pageErrors);
    await signInWithForm(page, server.url, "umkm@pas.demo");
    const sent = page.getByRole("region", { name: "Laporan yang Anda kirim" });
    await sent.getByText("Diterima").waitFor();
    expect(await stageItem(page, "P6 Pelaporan Keuangan").innerText()).toContain("Berjalan");

    const desc = await page.locator("#figures-turnover-desc").textContent();
    expect(desc).toContain("2 angka");
    expect(desc).toMatch(/Rp\s7\.500\.000/);
    await page.getByText("Lihat angka dalam tabel").click();
    const table = page.getByRole("table", { name: "Angka usaha Anda per bulan" });
    expect(await table.getByRole("row").count()).toBe(3); // header, at registration, the new report
    expect(await table.getByRole("row").last().innerText()).toMatch(/Rp\s7\.500\.000/);

    await page.getByRole("region", { name: "Tawaran mitra untuk tahap Anda" }).getByText("Bank DKI").waitFor();
    await fitsThePhone(page);
    await page.context().close();
    expect(pageErrors).toEqual([]);
    console.log("Siti on a 360 px phone: 7 stages, 3 offers after accept, 2 chart points, 1 report accepted, page errors: 0");
  });
});
