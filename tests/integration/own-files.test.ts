// The entrepreneur's own files, over HTTP against the real server and its real file store: photos and
// documents sent with the monthly financial report from /saya (stored with the report, re-encoded
// without GPS, seen by exactly those who may see the participant's evidence, shown to the mentor
// reviewing the report and, once accepted, under the P6 evidence), refused types and limits on this
// path leaving nothing behind (no report, no file). Then "Data saya": the ZIP download holds every
// file held about the person with its bytes (hash equal; their KTP too), and an erasure removes them.
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { unzipSync } from "fflate";
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

describe("Data saya: the download holds the files, the erasure removes them", () => {
  const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
  type Held = { id: number; sha256: string; thumb: string | null; purpose: string };
  const held = () => server.sql.prepare("SELECT id, sha256, thumb_sha256 AS thumb, purpose FROM files WHERE participant_id = ? AND withdrawn_at IS NULL ORDER BY id").all(ids.siti) as Held[];

  it("the ZIP holds the JSON, the readable page and every file of theirs with its bytes, their KTP included; a withdrawn one not", async () => {
    const mentor = cookies.mentorCakung!;
    // Her mentor adds her KTP (P1 document) and a photo that is withdrawn again.
    const attach = (fields: Record<string, string>, name: string, bytes: Buffer) => {
      const body = new FormData();
      for (const [key, value] of Object.entries(fields)) body.append(key, value);
      body.append("files", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), name);
      return fetch(`${server.url}/peserta/${ids.siti}/berkas`, { method: "POST", redirect: "manual", headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: mentor }, body });
    };
    expect((await attach({ purpose: "ktp" }, "ktp-siti.jpg", await photo(900, 570, "#9ab"))).status).toBe(303);
    expect((await attach({ purpose: "domicile_letter" }, "salah.jpg", await photo(300, 300, "#b9a"))).status).toBe(303);
    const mistaken = count("SELECT max(id) AS n FROM files");
    expect((await postForm(server.url, `/berkas/${mistaken}`, { intent: "withdraw" }, { cookie: mentor })).status).toBe(303);

    const files = held();
    expect(files.map((f) => f.purpose)).toContain("ktp");
    expect(files.length).toBeGreaterThanOrEqual(3);

    const response = await postForm(server.url, "/saya/data/unduh", { format: "zip" }, { cookie: siti });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="data-saya-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(entries);
    const json = JSON.parse(new TextDecoder().decode(entries[names.find((n) => n.endsWith(".json"))!]!)) as { record: { nik: string }; files: { id: number; path: string }[] };
    expect(json.record.nik).toMatch(/^\d{16}$/);
    expect(names.some((n) => n.endsWith(".html"))).toBe(true);
    // Every file held, under the path the JSON names, with exactly its stored bytes; nothing else.
    expect(json.files.map((f) => f.id)).toEqual(files.map((f) => f.id));
    for (const file of files) {
      const path = json.files.find((f) => f.id === file.id)!.path;
      expect(entries[path], path).toBeDefined();
      expect(sha(entries[path]!), path).toBe(file.sha256);
    }
    expect(names.filter((n) => n.startsWith("berkas/"))).toHaveLength(files.length);
    expect(json.files.some((f) => f.id === mistaken)).toBe(false);
    const audit = server.sql.prepare("SELECT detail FROM audit_log WHERE action = 'own-data.download' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ format: "zip", files: files.length });
  });

  it("an erasure removes every file of theirs: rows and bytes, and nothing is served any more", async () => {
    const files = held();
    expect(files.length).toBeGreaterThan(0);
    const requested = await postForm(server.url, "/saya/data", { intent: "erasure", message: "Saya mundur dari program, hapus data saya" }, { cookie: siti });
    expect(requested.status).toBe(303);
    server.sql.prepare("UPDATE participants SET status = 'withdrawn' WHERE id = ?").run(ids.siti);
    const requestId = count("SELECT id AS n FROM data_requests WHERE participant_id = ? AND kind = 'erasure' AND status = 'open'", ids.siti);
    const erased = await postForm(server.url, "/permintaan-data", { id: String(requestId), intent: "erase" }, { cookie: cookies.coordinator! });
    expect(erased.status).toBe(303);

    expect(count("SELECT count(*) AS n FROM files WHERE participant_id = ?", ids.siti)).toBe(0);
    const stored = new Set(storedFiles().map((path) => path.split("/").pop()));
    // Bytes go unless another person's file is the very same (content-addressed: the demo's photos are shared).
    const stillNamed = (hash: string) => count("SELECT count(*) AS n FROM files WHERE withdrawn_at IS NULL AND (sha256 = ? OR thumb_sha256 = ?)", hash, hash) > 0;
    let removed = 0;
    for (const file of files) {
      for (const hash of [file.sha256, file.thumb].filter((h): h is string => h !== null)) {
        expect(stored.has(hash), `bytes ${hash.slice(0, 8)} of file ${file.id}`).toBe(stillNamed(hash));
        if (!stored.has(hash)) removed++;
      }
      expect((await get(server.url, `/berkas/${file.id}`, cookies.coordinator)).status).toBe(404);
    }
    // Her own uploads (the report's photo and PDF) and her KTP were hers alone: their bytes are gone.
    expect(removed).toBeGreaterThanOrEqual(4);
  });
});
