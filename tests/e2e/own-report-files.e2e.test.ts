// An entrepreneur on a phone (360 px) attaches a photo of her bookkeeping to her monthly financial
// report on /saya: chooses it through the file chooser, sends the report, and sees its thumbnail under
// the report she sent, then opens it. Once with JavaScript (the photo scaled down in the browser and
// sent with a progress bar: the upload is smaller than the photo), once without (a plain multipart form).
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signInWithForm } from "../helpers/browser";
import { opensAsCleanJpeg } from "../helpers/file-viewer";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let fixture: Buffer;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "own-report-files", participants: 60 }), launchBrowser()]);
  // A phone photo: 3000 × 2000, grainy like a real one (so that it is megabytes, not kilobytes), with
  // the camera's EXIF and the place it was taken.
  fixture = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#888", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: "PAS-Test-Camera" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 49/1 0/1" } })
    .toBuffer();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function sendReportWithPhoto(page: Page, period: string, fileName: string): Promise<void> {
  await page.goto(`${server.url}/saya`);
  const form = page.getByRole("form", { name: "Laporan keuangan" });
  await form.getByLabel("Bulan laporan").fill(period);
  await form.getByLabel("Omset bulan itu (Rp)").fill("6.500.000");
  await form.getByLabel("Nilai aset (Rp)").fill("25000000");
  await form.getByLabel("Jumlah tenaga kerja").fill("2");
  await form.getByLabel(/^Foto atau dokumen pendukung/).setInputFiles({ name: fileName, mimeType: "image/jpeg", buffer: fixture });
  await form.getByRole("button", { name: "Kirim laporan" }).click();
  await page.getByText("Laporan terkirim. Pendamping Anda akan memeriksanya.").waitFor();
  // The form is empty again, ready for the next month.
  expect(await form.getByLabel(/^Foto atau dokumen pendukung/).evaluate((input: HTMLInputElement) => input.files?.length ?? 0)).toBe(0);
}

async function seeAndOpen(page: Page, fileName: string): Promise<void> {
  const sent = page.getByRole("list", { name: "Berkas" }).getByRole("img", { name: fileName }).first();
  await sent.waitFor();
  await sent.scrollIntoViewIfNeeded();
  await expect.poll(() => sent.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.locator("#laporan").screenshot({ path: `tests/.tmp/saya-laporan-berkas-${fileName}-360.png` });

  const stored = server.sql.prepare("SELECT f.id, f.width, f.height, e.status, e.kind FROM files f JOIN stage_evidence e ON e.id = f.evidence_id WHERE f.name = ?").get(fileName) as {
    id: number; width: number; height: number; status: string; kind: string;
  };
  expect([stored.kind, stored.status]).toEqual(["financial_report", "pending"]);
  expect(Math.max(stored.width, stored.height)).toBe(2048);
  await opensAsCleanJpeg(page, page.getByRole("link", { name: `Buka ${fileName}` }).first(), server.url, stored.id);
}

describe("an entrepreneur attaches a photo to her monthly report, at 360 px", () => {
  it("with JavaScript: scaled down in the browser, sent with progress, shown under the report", async () => {
    const page = await newPage(browser, { viewport: { width: 360, height: 800 } });
    await signInWithForm(page, server.url, "umkm@pas.demo");
    const uploads: Promise<{ type: string; bytes: number }>[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/saya") {
        uploads.push(
          request.response().then(async () => ({ type: (await request.allHeaders())["content-type"] ?? "", bytes: Number((await request.allHeaders())["content-length"] ?? 0) })),
        );
      }
    });
    await sendReportWithPhoto(page, "2025-10", "buku-kas-js.jpg");
    expect(uploads).toHaveLength(1);
    const sent = await uploads[0]!;
    console.log(`photo ${fixture.byteLength} bytes, sent ${sent.bytes} bytes`);
    expect(sent.type).toMatch(/^multipart\/form-data/);
    expect(sent.bytes, "the browser sent the scaled-down photo, not the original").toBeLessThan(fixture.byteLength);
    expect(sent.bytes).toBeGreaterThan(10_000);
    await seeAndOpen(page, "buku-kas-js.jpg");
  });

  it("without JavaScript: the same through a plain multipart form", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    await signInWithForm(page, server.url, "umkm@pas.demo");
    await sendReportWithPhoto(page, "2025-09", "buku-kas-tanpa-js.jpg");
    await seeAndOpen(page, "buku-kas-tanpa-js.jpg");
  });

  it("her mentor sees the photos while reviewing the reports, at 360 and 1280 px", async () => {
    const sitiId = (server.sql.prepare("SELECT p.id FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = 'umkm@pas.demo'").get() as { id: number }).id;
    for (const width of [360, 1280]) {
      const page = await newPage(browser, { viewport: { width, height: 900 } });
      await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
      await page.goto(`${server.url}/peserta/${sitiId}`);
      const pending = page.locator("#laporan-mandiri");
      for (const name of ["buku-kas-js.jpg", "buku-kas-tanpa-js.jpg"]) {
        const thumb = pending.getByRole("img", { name });
        await thumb.scrollIntoViewIfNeeded();
        await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await pending.screenshot({ path: `tests/.tmp/laporan-mandiri-berkas-${width}.png` });
      await page.context().close();
    }
  });
});
