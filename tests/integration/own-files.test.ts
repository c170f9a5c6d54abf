// The entrepreneur's own files, over HTTP against the real server and its real file store: photos and
// documents sent with the monthly financial report from /saya (stored with the report, re-encoded
// without GPS, seen by exactly those who may see the participant's evidence, shown to the mentor
// reviewing the report and, once accepted, under the P6 evidence), refused types and limits on this
// path leaving nothing behind (no report, no file).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrangeRecords, SEES, WHO, type Ids, type Who } from "../helpers/routes";
import { get, postForm, startServer, type TestServer } from "../helpers/server";

const FILE_MAX = 300_000;
let server: TestServer;
let ids: Ids;
let cookies: Partial<Record<Who, string>>;
let siti: string;

const storeDir = () => `${server.dbPath}-files`;
function storedFiles(dir = storeDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
const count = (sql: string, ...args: unknown[]) => (server.sql.prepare(sql).get(...args) as { n: number }).n;
const reports = () => count("SELECT count(*) AS n FROM stage_evidence WHERE participant_id = ? AND kind = 'financial_report'", ids.siti);
const fileRows = () => count("SELECT count(*) AS n FROM files");

type Part = { name: string; bytes: Uint8Array | Buffer; type?: string };

/** The report form as the browser sends it without JavaScript: multipart, its files as chosen. */
function sendReport(fields: Record<string, string>, files: Part[], cookie = siti): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append("files", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  return fetch(`${server.url}/saya`, { method: "POST", redirect: "manual", headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: cookie }, body });
}
const report = (period: string) => ({ period, turnover: "7.500.000", assets: "20000000", workers: "2" });

const photo = (width = 1600, height = 1200, colour = "#3a7") =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .withExif({ IFD0: { Make: "PAS-Test-Camera" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 49/1 0/1" } })
    .toBuffer();
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

beforeAll(async () => {
  server = await startServer({ label: "own-files", participants: 160, env: { PAS_UPLOAD_MAX_BYTES: String(FILE_MAX) } });
  ({ ids, cookies } = await arrangeRecords(server));
  siti = cookies.entrepreneur!;
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe("the monthly report with its photos (/saya)", () => {
  let reportId: number;
  let photoId: number;
  let pdfId: number;

  it("stores the report and its files together: the photo re-encoded without GPS, the PDF as it is", async () => {
    const response = await sendReport(report("2025-10"), [
      { name: "buku-kas.jpg", bytes: await photo(), type: "image/jpeg" },
      { name: "rekening.pdf", bytes: PDF, type: "application/pdf" },
    ]);
    expect(response.status, await response.clone().text()).toBe(303);
    expect(response.headers.get("location")).toBe("/saya?laporan=terkirim#laporan");
    reportId = (server.sql.prepare("SELECT id FROM stage_evidence WHERE participant_id = ? AND status = 'pending' AND json_extract(details, '$.period') = '2025-10'").get(ids.siti) as { id: number }).id;
    const files = server.sql.prepare("SELECT id, purpose, type, name, added_by AS addedBy FROM files WHERE evidence_id = ? ORDER BY id").all(reportId) as { id: number; purpose: string; type: string; name: string; addedBy: number }[];
    const sitiUser = count("SELECT user_id AS n FROM participants WHERE id = ?", ids.siti);
    expect(files.map((f) => [f.name, f.type, f.purpose, f.addedBy])).toEqual([
      ["buku-kas.jpg", "image/jpeg", "evidence", sitiUser],
      ["rekening.pdf", "application/pdf", "evidence", sitiUser],
    ]);
    [photoId, pdfId] = files.map((f) => f.id) as [number, number];

    const served = await get(server.url, `/berkas/${photoId}`, siti);
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif, "no EXIF (and so no GPS) after upload").toBeUndefined();
    expect(bytes.includes("PAS-Test-Camera")).toBe(false);
    const pdf = await get(server.url, `/berkas/${pdfId}`, siti);
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true);
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment/);
  });

  it("shows the entrepreneur their report's thumbnail on /saya, and the form takes files without JavaScript", async () => {
    const html = await (await get(server.url, "/saya", siti)).text();
    expect(html).toContain(`src="/berkas/${photoId}/kecil"`);
    expect(html).toMatch(/<form[^>]*enctype="multipart\/form-data"[^>]*>/i);
    expect(html).toMatch(/<input[^>]*type="file"[^>]*accept="image\/jpeg,image\/png,image\/webp[^"]*application\/pdf"[^>]*capture="environment"[^>]*multiple/);
  });

  it("every role sees the report's files exactly as it sees the participant's evidence (0 leaks)", async () => {
    let checked = 0;
    const leaks: string[] = [];
    for (const who of WHO) {
      const cookie = who === "anonymous" ? undefined : cookies[who];
      const sees = who !== "anonymous" && SEES.siti.includes(who);
      for (const path of [`/berkas/${photoId}`, `/berkas/${photoId}/kecil`, `/berkas/${pdfId}`]) {
        const response = await get(server.url, path, cookie);
        await response.arrayBuffer();
        checked++;
        if ((response.status === 200) !== sees) leaks.push(`${who} ${path}: ${response.status}`);
      }
    }
    console.log(`own report files: ${checked} requests checked, ${leaks.length} wrong`);
    expect(leaks).toEqual([]);
  });

  it("shows the mentor the thumbnails while reviewing, and under the P6 evidence once accepted", async () => {
    const mentor = cookies.mentorCakung!;
    const review = await (await get(server.url, `/peserta/${ids.siti}/laporan-mandiri`, mentor)).text();
    expect(review).toContain(`src="/berkas/${photoId}/kecil"`);
    expect(review).toContain(`href="/berkas/${pdfId}"`);
    const version = count("SELECT version AS n FROM participants WHERE id = ?", ids.siti);
    const accepted = await postForm(server.url, `/peserta/${ids.siti}/laporan-mandiri`, { evidenceId: String(reportId), version: String(version), decision: "accept" }, { cookie: mentor });
    expect(accepted.status).toBe(303);
    expect(count("SELECT count(*) AS n FROM stage_evidence WHERE id = ? AND status = 'recorded'", reportId)).toBe(1);
    const page = await (await get(server.url, `/peserta/${ids.siti}`, mentor)).text();
    // The history's entry for the accepted report carries the thumbnail (the pending list is empty now).
    const history = page.slice(page.indexOf('id="history-heading"'));
    expect(history).toContain(`src="/berkas/${photoId}/kecil"`);
  });
});

describe("refused on this path: nothing stored, neither the report nor a file", () => {
  const cases: [string, () => Promise<Part[]>, Record<string, string>, number, string][] = [
    ["an HTML file named .jpg", async () => [{ name: "foto.jpg", bytes: Buffer.from("<!doctype html><script>alert(1)</script>"), type: "image/jpeg" }], report("2025-09"), 400, "bukan foto JPEG, PNG, WebP atau PDF"],
    ["a 0-byte file", async () => [{ name: "kosong.jpg", bytes: Buffer.alloc(0), type: "image/jpeg" }], report("2025-09"), 400, "kosong (0 bita)"],
    ["one byte over the limit", async () => [{ name: "besar.pdf", bytes: Buffer.concat([PDF, Buffer.alloc(FILE_MAX + 1 - PDF.length)]), type: "application/pdf" }], report("2025-09"), 413, "lebih besar dari"],
    ["a photo with a report in the future", async () => [{ name: "foto.jpg", bytes: await photo(200, 100) }], report("2999-01"), 400, "self-report-field-period-error"],
    ["a good photo with a refused one after it", async () => [{ name: "baik.jpg", bytes: await photo(200, 100) }, { name: "buruk.jpg", bytes: Buffer.from("GIF89a not ours") }], report("2025-09"), 400, "buruk.jpg"],
  ];
  for (const [name, files, fields, status, fragment] of cases) {
    it(`refuses ${name} with a clear message`, async () => {
      const before = { reports: reports(), rows: fileRows(), stored: storedFiles() };
      const response = await sendReport(fields, await files());
      const html = await response.text();
      expect(response.status, html.slice(0, 300)).toBe(status);
      expect(html).toContain(fragment);
      expect({ reports: reports(), rows: fileRows(), stored: storedFiles() }).toEqual(before);
    });
  }

  it("a second report for a month still waiting keeps none of its files", async () => {
    expect((await sendReport(report("2025-08"), [])).status).toBe(303);
    const before = { reports: reports(), rows: fileRows(), stored: storedFiles() };
    const response = await sendReport(report("2025-08"), [{ name: "lagi.jpg", bytes: await photo(300, 200, "#a37") }]);
    expect(response.status).toBe(400);
    expect({ reports: reports(), rows: fileRows(), stored: storedFiles() }).toEqual(before);
  });

  it("the report's upload is the entrepreneur's alone: staff posting to /saya get 404, signed-out readers the sign-in page", async () => {
    const before = { reports: reports(), rows: fileRows() };
    for (const who of ["mentorCakung", "coordinator", "partner"] as const) {
      const response = await sendReport(report("2025-07"), [{ name: "x.jpg", bytes: await photo(50, 50) }], cookies[who]!);
      expect(response.status, who).toBe(404);
    }
    const anonymous = await sendReport(report("2025-07"), [{ name: "x.jpg", bytes: await photo(50, 50) }], "");
    expect(anonymous.status).toBe(302);
    expect({ reports: reports(), rows: fileRows() }).toEqual(before);
  });
});
