// A mentor on a phone (360 px) photographs a mentoring session: records the session, attaches a
// photo through the file chooser, sees its thumbnail in the evidence list and the history, and opens
// it full size. Once with JavaScript (the photo scaled down in the browser, sent with a progress
// bar), once without (a plain multipart form).
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { opensAsCleanJpeg } from "../helpers/file-viewer";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let sitiId: number;
let fixture: Buffer;
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "evidence-files", participants: 60 }), launchBrowser()]);
  sitiId = (server.sql.prepare("SELECT id FROM participants WHERE full_name = 'Siti Rahmawati'").get() as { id: number }).id;
  // A phone photo: 3000 × 2000 with the camera's EXIF and the place it was taken.
  fixture = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#c84" } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: "PAS-Test-Camera" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 49/1 0/1" } })
    .toBuffer();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function recordSession(page: Page, date: string, topic: string): Promise<void> {
  await page.goto(`${server.url}/peserta/${sitiId}`);
  const start = page.getByRole("button", { name: "Mulai P3 Pendampingan" });
  if (await start.count()) {
    await start.click();
    await page.getByRole("form", { name: "Catat sesi pendampingan" }).waitFor();
  }
  const form = page.getByRole("form", { name: "Catat sesi pendampingan" });
  await form.getByLabel("Tanggal sesi").fill(date);
  await form.getByLabel("Topik sesi pendampingan").fill(topic);
  await form.getByRole("button", { name: "Catat sesi pendampingan" }).click();
  await page.getByRole("list", { name: "Bukti tercatat" }).getByText(`Topik: ${topic}`).waitFor();
}

async function attachAndOpen(page: Page, topic: string, fileName: string): Promise<void> {
  const item = page.getByRole("list", { name: "Bukti tercatat" }).getByRole("listitem").filter({ hasText: `Topik: ${topic}` }).first();
  await item.getByText("Lampirkan foto atau dokumen").click();
  await item.getByLabel("Foto atau dokumen", { exact: true }).setInputFiles({ name: fileName, mimeType: "image/jpeg", buffer: fixture });
  await item.getByRole("button", { name: "Unggah" }).click();

  // The thumbnail in the evidence list and in the history, each a link to the full photo.
  await item.getByRole("img", { name: fileName }).waitFor();
  const history = page.locator("section", { has: page.getByRole("heading", { name: "Riwayat" }) });
  const thumb = history.getByRole("img", { name: fileName }).first();
  await thumb.waitFor();
  await thumb.scrollIntoViewIfNeeded();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // Nothing wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const stored = server.sql.prepare("SELECT id, width, height FROM files WHERE name = ?").get(fileName) as { id: number; width: number; height: number };
  expect(Math.max(stored.width, stored.height)).toBe(2048);
  await opensAsCleanJpeg(page, history.getByRole("link", { name: `Buka ${fileName}` }).first(), server.url, stored.id);
}

describe("a mentor attaches a photo to a mentoring session, at 360 px", () => {
  it("with JavaScript: scaled in the browser, sent with progress, thumbnail shown without a reload", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 360, height: 800 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await recordSession(page, "2026-11-02", "Foto lapak dengan JavaScript");
    const uploads: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/berkas")) uploads.push(request.headers()["content-type"] ?? "");
    });
    await attachAndOpen(page, "Foto lapak dengan JavaScript", "sesi-js.jpg");
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatch(/^multipart\/form-data/);
    expect(pageErrors.filter((e) => !e.includes("status of 404"))).toEqual([]);
  });

  it("without JavaScript: the same through a plain multipart form", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await recordSession(page, "2026-11-03", "Foto lapak tanpa JavaScript");
    await attachAndOpen(page, "Foto lapak tanpa JavaScript", "sesi-tanpa-js.jpg");
  });
});
