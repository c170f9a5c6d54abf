// Files on evidence, over HTTP against the real server and its real file store: every accepted and
// refused type (decided by the bytes, not the name), the limits (one byte over, 20 files at once,
// 21), EXIF and GPS gone after upload, who may see which file (generated from the access matrix's
// records and roles: no leaks), an identity document's view logged, a withdrawn file no longer
// served and its bytes gone, and nothing stored by a refused upload.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrangeRecords, PARTICIPANTS, SEES, WHO, type Ids, type Record_, type Who } from "../helpers/routes";
import { get, signIn, startServer, type TestServer } from "../helpers/server";

const FILE_MAX = 400_000;
let server: TestServer;
let ids: Ids;
let cookies: Partial<Record<Who, string>>;
let mentor: string;
let participantId: number;
let evidenceId: number;

const storeDir = () => `${server.dbPath}-files`;

/** Every file in the store (tmp/ included), so that a refusal can be shown to leave nothing. */
function storedFiles(dir = storeDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
const rows = () => (server.sql.prepare("SELECT count(*) AS n FROM files").get() as { n: number }).n;

type Part = { name: string; bytes: Uint8Array | Buffer; type?: string };

/** A multipart post as the browser sends it from the upload form. */
function upload(path: string, fields: Record<string, string>, files: Part[], cookie = mentor): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append("files", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: cookie },
    body,
  });
}
const attach = (files: Part[], fields: Record<string, string> = { evidenceId: String(evidenceId) }, pid = participantId, cookie = mentor) =>
  upload(`/peserta/${pid}/berkas`, { returnTo: `/peserta/${pid}`, ...fields }, files, cookie);

const photo = (width = 1600, height = 1200, colour = "#3a7") =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PAS-Test-Camera" },
      IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 49/1 0/1" },
    })
    .toBuffer();
const png = () => sharp({ create: { width: 40, height: 30, channels: 4, background: "#00f8" } }).png().toBuffer();
const webp = () => sharp({ create: { width: 40, height: 30, channels: 3, background: "#f80" } }).webp().toBuffer();
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/** The refusal the page states, by its message key in Bahasa Indonesia. */
async function refused(response: Response, status: number, fragment: string): Promise<void> {
  const html = await response.text();
  expect(response.status, html.slice(0, 300)).toBe(status);
  expect(html).toContain(fragment);
}

beforeAll(async () => {
  server = await startServer({ label: "files", participants: 160, env: { PAS_UPLOAD_MAX_BYTES: String(FILE_MAX) } });
  ({ ids, cookies } = await arrangeRecords(server));
  mentor = cookies.mentorCakung!;
  participantId = ids.cakung;
  evidenceId = (server.sql.prepare("SELECT id FROM stage_evidence WHERE participant_id = ? ORDER BY id LIMIT 1").get(participantId) as { id: number }).id;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("types, decided by the bytes", () => {
  it("takes JPEG, PNG (even named .pdf), WebP and PDF; re-encodes images to JPEG without EXIF or GPS", async () => {
    const gps = await photo();
    const before = (server.sql.prepare("SELECT coalesce(max(id), 0) AS id FROM files").get() as { id: number }).id;
    expect((await sharp(gps).metadata()).exif, "the fixture carries EXIF with GPS").toBeDefined();
    const response = await attach([
      { name: "sesi.jpg", bytes: gps, type: "image/jpeg" },
      { name: "bukan-pdf.pdf", bytes: await png(), type: "application/pdf" },
      { name: "toko.webp", bytes: await webp() },
      { name: "surat.pdf", bytes: PDF, type: "application/pdf" },
    ]);
    expect(response.status, await response.clone().text()).toBe(303);
    expect(response.headers.get("location")).toBe(`/peserta/${participantId}`);
    const files = server.sql.prepare("SELECT id, type, name, width, height, thumb_sha256 FROM files WHERE evidence_id = ? AND id > ? ORDER BY id").all(evidenceId, before) as {
      id: number; type: string; name: string; width: number; height: number; thumb_sha256: string | null;
    }[];
    expect(files.map((f) => [f.name, f.type, f.thumb_sha256 !== null])).toEqual([
      ["sesi.jpg", "image/jpeg", true],
      ["bukan-pdf.pdf", "image/jpeg", true],
      ["toko.webp", "image/jpeg", true],
      ["surat.pdf", "application/pdf", false],
    ]);
    const served = await get(server.url, `/berkas/${files[0]!.id}`, mentor);
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif, "no EXIF (and so no GPS) after upload").toBeUndefined();
    expect(bytes.includes("PAS-Test-Camera")).toBe(false);
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2048);
    const thumb = await get(server.url, `/berkas/${files[0]!.id}/kecil`, mentor);
    expect(thumb.status).toBe(200);
    expect(Math.max((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width!, 0)).toBeLessThanOrEqual(320);

    // The answer's headers: its stored type, nothing sniffed, nothing run, nothing cached; a PDF downloads.
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(served.headers.get("content-security-policy")).not.toContain("script-src");
    expect(served.headers.get("cache-control")).toContain("no-store");
    expect(served.headers.get("content-disposition")).toMatch(/^inline; filename="sesi\.jpg"/);
    const pdf = await get(server.url, `/berkas/${files[3]!.id}`, mentor);
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="surat\.pdf"/);
    expect(pdf.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await get(server.url, `/berkas/${files[3]!.id}/kecil`, mentor)).status).toBe(404);
  });

  it("a polyglot keeps only its image: a script appended after the JPEG data is not stored", async () => {
    const polyglot = Buffer.concat([await photo(64, 48, "#123"), Buffer.from("<html><script>alert(document.cookie)</script></html>")]);
    const response = await attach([{ name: "poliglot.jpg", bytes: polyglot }]);
    expect(response.status).toBe(303);
    const id = (server.sql.prepare("SELECT max(id) AS id FROM files").get() as { id: number }).id;
    const bytes = Buffer.from(await (await get(server.url, `/berkas/${id}`, mentor)).arrayBuffer());
    expect(bytes.includes("<script>")).toBe(false);
  });

  const refusals: [string, () => Promise<Part[]>, number, string][] = [
    ["HTML named .jpg", async () => [{ name: "foto.jpg", bytes: Buffer.from("<!doctype html><script>alert(1)</script>"), type: "image/jpeg" }], 400, "bukan foto JPEG, PNG, WebP atau PDF"],
    ["a JPEG header in front of HTML", async () => [{ name: "palsu.jpg", bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("<html><script>x</script></html>")]) }], 400, "rusak atau tidak dapat dibaca"],
    ["a PDF cut short", async () => [{ name: "terpotong.pdf", bytes: Buffer.from("%PDF-1.4\n1 0 obj") }], 400, "rusak atau tidak dapat dibaca"],
    ["0 bytes", async () => [{ name: "kosong.jpg", bytes: new Uint8Array() }], 400, "kosong (0 bita)"],
    ["a HEIC photo", async () => [{ name: "iphone.heic", bytes: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic"), Buffer.alloc(64)]) }], 400, "HEIC"],
    ["one byte over the limit", async () => [{ name: "besar.pdf", bytes: Buffer.concat([PDF, Buffer.alloc(FILE_MAX - PDF.length + 1)]) }], 413, "lebih besar dari"],
    ["a good file with a bad one", async () => [{ name: "baik.png", bytes: await png() }, { name: "buruk.jpg", bytes: Buffer.from("bukan gambar") }], 400, "buruk.jpg"],
    ["21 files at once", async () => Array.from({ length: 21 }, (_, i) => ({ name: `f${i}.pdf`, bytes: PDF })), 400, "Paling banyak 20 berkas"],
  ];
  for (const [name, files, status, message] of refusals) {
    it(`refuses ${name} with a clear message, and stores nothing`, async () => {
      const before = { rows: rows(), stored: storedFiles().length };
      await refused(await attach(await files()), status, message);
      expect({ rows: rows(), stored: storedFiles().length }).toEqual(before);
    });
  }

  it("takes exactly the limit, and 20 files at once", async () => {
    const atLimit = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(FILE_MAX - 16), Buffer.from("\n%%EOF\n")]);
    expect(atLimit.length).toBe(FILE_MAX);
    expect((await attach([{ name: "pas.pdf", bytes: atLimit }])).status).toBe(303);
    const twenty = await Promise.all(Array.from({ length: 20 }, (_, i) => photo(200 + i, 150, `#${(i * 11).toString(16).padStart(2, "0")}8844`)));
    const before = rows();
    const response = await attach(twenty.map((bytes, i) => ({ name: `foto-${i}.jpg`, bytes })));
    expect(response.status).toBe(303);
    expect(rows()).toBe(before + 20);
  });

  it("refuses a file for evidence of another participant, or without a record to attach to", async () => {
    const other = (server.sql.prepare("SELECT id FROM stage_evidence WHERE participant_id = ? LIMIT 1").get(ids.siti) as { id: number }).id;
    const before = { rows: rows(), stored: storedFiles().length };
    await refused(await attach([{ name: "a.pdf", bytes: PDF }], { evidenceId: String(other) }), 400, "Pilih bukti atau jenis dokumen");
    await refused(await attach([{ name: "a.pdf", bytes: PDF }], { purpose: "passport" }), 400, "Pilih bukti atau jenis dokumen");
    await refused(await attach([], {}), 400, "Pilih bukti atau jenis dokumen");
    expect({ rows: rows(), stored: storedFiles().length }).toEqual(before);
  });
});

describe("a refused upload", () => {
  it("closes its connection, so the next request sent does not wait behind the unread rest of its body", async () => {
    // Refused at the first field over the limit, before the megabyte of file after it was read.
    const refusedEarly = await upload(`/peserta/${participantId}/berkas`, { purpose: "ktp", note: "x".repeat(100_000) }, [{ name: "a.pdf", bytes: Buffer.alloc(1_000_000) }], mentor);
    expect(refusedEarly.status).toBe(413);
    expect(refusedEarly.headers.get("connection")).toBe("close");
    await refusedEarly.text();
    const next = await fetch(`${server.url}/peserta/${participantId}/berkas`, { headers: { Cookie: mentor }, signal: AbortSignal.timeout(5_000) });
    expect(next.status).toBe(200);
  });
});

describe("who may see a file", () => {
  const photos: Partial<Record<Record_, number>> = {};
  const ktps: Partial<Record<Record_, number>> = {};

  beforeAll(async () => {
    // The province coordinator attaches a photo to each record's P1 evidence and a KTP to each.
    const coordinator = cookies.coordinator!;
    for (const record of PARTICIPANTS) {
      const pid = ids[record];
      const evidence = (server.sql.prepare("SELECT id FROM stage_evidence WHERE participant_id = ? ORDER BY id LIMIT 1").get(pid) as { id: number }).id;
      const first = await attach([{ name: `${record}.jpg`, bytes: await photo(80, 60, "#456") }], { evidenceId: String(evidence) }, pid, coordinator);
      expect(first.status, record).toBe(303);
      photos[record] = (server.sql.prepare("SELECT max(id) AS id FROM files").get() as { id: number }).id;
      const second = await attach([{ name: `ktp-${record}.jpg`, bytes: await photo(90, 60, "#654") }], { purpose: "ktp" }, pid, coordinator);
      expect(second.status, record).toBe(303);
      ktps[record] = (server.sql.prepare("SELECT max(id) AS id FROM files").get() as { id: number }).id;
    }
  }, 60_000);

  it("every role × every record × photo, thumbnail and identity document: exactly those who may see the participant's evidence (0 leaks)", async () => {
    let checked = 0;
    const leaks: string[] = [];
    const post = (path: string, cookie: string | undefined) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
        body: "intent=view",
      });
    for (const who of WHO) {
      const cookie = cookies[who as Exclude<Who, "anonymous">];
      for (const record of PARTICIPANTS) {
        const sees = who !== "anonymous" && SEES[record].includes(who);
        // Identity documents: mentors who may verify P1 and province coordinators.
        const seesIdentity = sees && (who.startsWith("mentor") || who === "coordinator");
        const expectations: [string, Promise<Response>, boolean][] = [
          [`GET /berkas/${photos[record]}`, get(server.url, `/berkas/${photos[record]}`, cookie), sees],
          [`GET /berkas/${photos[record]}/kecil`, get(server.url, `/berkas/${photos[record]}/kecil`, cookie), sees],
          [`POST view KTP ${ktps[record]}`, post(`/berkas/${ktps[record]}`, cookie), seesIdentity],
          // A KTP is never served by a GET (a page read writes nothing, and a view is logged).
          [`GET KTP /berkas/${ktps[record]}`, get(server.url, `/berkas/${ktps[record]}`, cookie), false],
          [`GET KTP /berkas/${ktps[record]}/kecil`, get(server.url, `/berkas/${ktps[record]}/kecil`, cookie), false],
        ];
        for (const [what, pending, allowed] of expectations) {
          const response = await pending;
          const body = Buffer.from(await response.arrayBuffer());
          checked++;
          const served = response.status === 200 && response.headers.get("content-type") === "image/jpeg";
          if (served !== allowed) leaks.push(`${who} ${record} ${what}: ${response.status}`);
          if (served) expect(body.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
        }
      }
    }
    console.log(`file access: ${checked} requests checked, ${leaks.length} wrong`);
    expect(leaks).toEqual([]);
  });

  it("logs each full-size view of an identity document like a full-NIK read", async () => {
    const count = () => (server.sql.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'view-identity-document' AND subject = ?").get(`file:${ktps.cakung}`) as { n: number }).n;
    const before = count();
    const response = await fetch(`${server.url}/berkas/${ktps.cakung}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", Cookie: mentor },
      body: "intent=view",
    });
    expect(response.status).toBe(200);
    expect(count()).toBe(before + 1);
    const entry = server.sql.prepare("SELECT actor_user_id, detail FROM audit_log WHERE action = 'view-identity-document' ORDER BY id DESC LIMIT 1").get() as { actor_user_id: number; detail: string };
    expect(JSON.parse(entry.detail)).toEqual({ participantId: ids.cakung, purpose: "ktp" });
  });
});

describe("withdrawing a mistaken upload", () => {
  it("only by whoever added it; the file is no longer served, its bytes go, the record that it existed stays", async () => {
    const bytes = await photo(120, 90, "#987");
    expect((await attach([{ name: "keliru.jpg", bytes }])).status).toBe(303);
    const file = server.sql.prepare("SELECT id, sha256, thumb_sha256 FROM files ORDER BY id DESC LIMIT 1").get() as { id: number; sha256: string; thumb_sha256: string };
    const path = (hash: string) => join(storeDir(), hash.slice(0, 2), hash.slice(2, 4), hash);
    expect(existsSync(path(file.sha256))).toBe(true);
    const withdraw = (cookie: string) =>
      fetch(`${server.url}/berkas/${file.id}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        body: new URLSearchParams({ intent: "withdraw", returnTo: `/peserta/${participantId}` }),
      });
    // The coordinator may see it, but did not add it.
    expect((await withdraw(cookies.coordinatorJaktim!)).status).toBe(403);
    const done = await withdraw(mentor);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/peserta/${participantId}`);
    expect((await get(server.url, `/berkas/${file.id}`, mentor)).status).toBe(404);
    expect((await get(server.url, `/berkas/${file.id}/kecil`, mentor)).status).toBe(404);
    expect(existsSync(path(file.sha256))).toBe(false);
    expect(existsSync(path(file.thumb_sha256))).toBe(false);
    const row = server.sql.prepare("SELECT withdrawn_at, withdrawn_by, size FROM files WHERE id = ?").get(file.id) as { withdrawn_at: number; withdrawn_by: number; size: number };
    expect(row.withdrawn_at).toBeGreaterThan(0);
    const logged = server.sql.prepare("SELECT detail FROM audit_log WHERE action = 'withdraw-file' AND subject = ?").get(`file:${file.id}`) as { detail: string };
    expect(JSON.parse(logged.detail)).toMatchObject({ participantId, type: "image/jpeg", size: row.size });
    expect((await withdraw(mentor)).status).toBe(404);
  });

  it("keeps bytes another row still names", async () => {
    const bytes = await photo(100, 70, "#246");
    expect((await attach([{ name: "sama-1.jpg", bytes }])).status).toBe(303);
    expect((await attach([{ name: "sama-2.jpg", bytes }])).status).toBe(303);
    const [first, second] = server.sql.prepare("SELECT id, sha256 FROM files ORDER BY id DESC LIMIT 2").all().reverse() as { id: number; sha256: string }[];
    expect(first!.sha256).toBe(second!.sha256);
    const response = await fetch(`${server.url}/berkas/${first!.id}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", Cookie: mentor },
      body: "intent=withdraw",
    });
    expect(response.status).toBe(303);
    expect((await get(server.url, `/berkas/${second!.id}`, mentor)).status).toBe(200);
  });
});

describe("the participant page", () => {
  it("shows the evidence's thumbnails and offers the upload form, without JavaScript", async () => {
    const html = await (await get(server.url, `/peserta/${participantId}`, mentor)).text();
    expect(html).toMatch(/<img src="\/berkas\/\d+\/kecil"/);
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toContain('capture="environment"');
    expect(html).toContain(`href="/peserta/${participantId}/berkas"`);
  });

  it("a signed-out reader gets nothing", async () => {
    const id = (server.sql.prepare("SELECT min(id) AS id FROM files WHERE withdrawn_at IS NULL").get() as { id: number }).id;
    const response = await get(server.url, `/berkas/${id}`);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/masuk");
  });

  it("a mentor signed in again still sees the same", async () => {
    const again = await signIn(server.url, "mentor.cakung@pas.demo");
    const id = (server.sql.prepare("SELECT min(id) AS id FROM files WHERE withdrawn_at IS NULL AND participant_id = ? AND purpose = 'evidence'").get(participantId) as { id: number }).id;
    expect((await get(server.url, `/berkas/${id}`, again)).status).toBe(200);
  });
});

describe("after a crash between rows and bytes", () => {
  it("bytes no row names, older than an hour, are swept when the restarted server first opens its store; named ones and fresh ones stay", async () => {
    const { mkdirSync, utimesSync, writeFileSync } = await import("node:fs");
    const { createHash } = await import("node:crypto");
    const place = (text: string, hoursAgo: number) => {
      const hash = createHash("sha256").update(text).digest("hex");
      const path = join(storeDir(), hash.slice(0, 2), hash.slice(2, 4), hash);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, text);
      const at = (Date.now() - hoursAgo * 3_600_000) / 1000;
      utimesSync(path, at, at);
      return path;
    };
    // Left by an erasure that committed its rows and crashed before removing the bytes; and bytes an
    // upload stored a moment ago, whose rows are about to be written.
    const orphan = place("dihapus, lalu crash", 2);
    const fresh = place("baru saja disimpan", 0);
    const named = server.sql.prepare("SELECT sha256 FROM files WHERE withdrawn_at IS NULL").all() as { sha256: string }[];
    await server.crash();
    await server.restart();
    const id = (server.sql.prepare("SELECT min(id) AS id FROM files WHERE withdrawn_at IS NULL AND participant_id = ? AND purpose = 'evidence'").get(participantId) as { id: number }).id;
    expect((await get(server.url, `/berkas/${id}`, mentor)).status).toBe(200);
    await expect.poll(() => existsSync(orphan), { timeout: 10_000 }).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    for (const { sha256 } of named) expect(existsSync(join(storeDir(), sha256.slice(0, 2), sha256.slice(2, 4), sha256)), sha256).toBe(true);
  });
});
