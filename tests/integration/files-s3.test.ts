// Evidence files kept in an S3-compatible bucket, over HTTP against the real server configured for it
// (a local S3-compatible server started in this process): an upload is stored in the bucket, not on
// the server's disk; it is served only through the access-checked routes (streamed from the bucket);
// a withdrawal removes the objects; the backup checks the bucket instead of copying it; and bytes no
// row names (a crash between rows and bytes) are swept.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupWithFiles } from "../../db/backup";
import { openDatabase } from "../../db/client";
import { S3Store } from "../../db/file-store-s3";
import { sweepUnreferenced } from "../../app/modules/files/files.server";
import { tempDbPath, removeDbFiles } from "../helpers/db";
import { arrangeRecords, type Ids, type Who } from "../helpers/routes";
import { startLocalBucket, type LocalBucket } from "../helpers/s3";
import { get, postForm, startServer, type TestServer } from "../helpers/server";

const tempDir = mkdtempSync(join(tmpdir(), "files-s3-tmp-"));
let bucket: LocalBucket;
let store: S3Store;
let server: TestServer;
let ids: Ids;
let cookies: Partial<Record<Who, string>>;
let mentor: string;
let evidenceId: number;

/** Stored files on the server's own disk, outside its temp area: with a bucket there are none. */
function storedOnDisk(): string[] {
  const dir = `${server.dbPath}-files`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.endsWith("tmp"))
    .map((entry) => join(entry.parentPath, entry.name));
}

const inBucket = async () => new Set((await store.list()).map((object) => object.sha256));

beforeAll(async () => {
  bucket = await startLocalBucket();
  store = new S3Store({ bucket: bucket.bucket, endpoint: bucket.endpoint, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }, forcePathStyle: true, tempDir });
  server = await startServer({ label: "files-s3", participants: 160, env: bucket.env });
  ({ ids, cookies } = await arrangeRecords(server));
  mentor = cookies.mentorCakung!;
  evidenceId = (server.sql.prepare("SELECT id FROM stage_evidence WHERE participant_id = ? ORDER BY id LIMIT 1").get(ids.cakung) as { id: number }).id;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  store?.destroy();
  await bucket?.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

function attach(files: { name: string; bytes: Buffer; type: string }[]): Promise<Response> {
  const body = new FormData();
  body.append("evidenceId", String(evidenceId));
  body.append("returnTo", `/peserta/${ids.cakung}`);
  for (const file of files) body.append("files", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return fetch(`${server.url}/peserta/${ids.cakung}/berkas`, { method: "POST", redirect: "manual", headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: mentor }, body });
}

const withdraw = (fileId: number) =>
  fetch(`${server.url}/berkas/${fileId}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", Cookie: mentor },
    body: new URLSearchParams({ intent: "withdraw", returnTo: `/peserta/${ids.cakung}` }),
  });

type Row = { id: number; sha256: string; thumb: string | null; size: number; type: string };
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

describe("files in an S3-compatible bucket", () => {
  it("upload → serve → withdraw: the bytes are in the bucket, served only through the checked routes, and gone after the withdrawal", async () => {
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#3a7" } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 49/1 0/1" } })
      .toBuffer();
    const response = await attach([
      { name: "sesi.jpg", bytes: photo, type: "image/jpeg" },
      { name: "sertifikat.pdf", bytes: PDF, type: "application/pdf" },
    ]);
    expect(response.status, await response.clone().text()).toBe(303);
    const [image, pdf] = server.sql.prepare("SELECT id, sha256, thumb_sha256 AS thumb, size, type FROM files ORDER BY id DESC LIMIT 2").all().reverse() as Row[];
    const stored = await inBucket();
    expect(stored.has(image!.sha256) && stored.has(image!.thumb!) && stored.has(pdf!.sha256)).toBe(true);
    expect(storedOnDisk()).toEqual([]);

    const served = await get(server.url, `/berkas/${image!.id}`, mentor);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toBe("private, no-store");
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.byteLength).toBe(image!.size);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(image!.sha256);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    const thumb = await get(server.url, `/berkas/${image!.id}/kecil`, mentor);
    expect(thumb.status).toBe(200);
    expect(createHash("sha256").update(Buffer.from(await thumb.arrayBuffer())).digest("hex")).toBe(image!.thumb);
    const download = await get(server.url, `/berkas/${pdf!.id}`, mentor);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    // The access check is the same: a mentor of another district gets nothing, signed out is sent to sign in.
    expect((await get(server.url, `/berkas/${image!.id}`, cookies.mentorGambir!)).status).toBe(404);
    expect((await get(server.url, `/berkas/${image!.id}`)).status).not.toBe(200);

    expect((await withdraw(image!.id)).status).toBe(303);
    expect((await get(server.url, `/berkas/${image!.id}`, mentor)).status).toBe(404);
    expect((await get(server.url, `/berkas/${image!.id}/kecil`, mentor)).status).toBe(404);
    const after = await inBucket();
    expect(after.has(image!.sha256) || after.has(image!.thumb!)).toBe(false);
    expect(after.has(pdf!.sha256)).toBe(true);
  });

  it("the own-data ZIP streams every file of theirs from the bucket, and an erasure removes their objects after its commit", async () => {
    const siti = cookies.entrepreneur!;
    const ktp = await sharp({ create: { width: 600, height: 380, channels: 3, background: "#9ab" } }).jpeg().toBuffer();
    const body = new FormData();
    body.append("purpose", "ktp");
    body.append("files", new Blob([new Uint8Array(ktp)], { type: "image/jpeg" }), "ktp-siti.jpg");
    const attached = await fetch(`${server.url}/peserta/${ids.siti}/berkas`, { method: "POST", redirect: "manual", headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: mentor }, body });
    expect(attached.status).toBe(303);
    const held = server.sql.prepare("SELECT id, sha256, thumb_sha256 AS thumb FROM files WHERE participant_id = ? AND withdrawn_at IS NULL ORDER BY id").all(ids.siti) as { id: number; sha256: string; thumb: string | null }[];
    expect(held.length).toBeGreaterThan(0);

    const response = await postForm(server.url, "/saya/data/unduh", { format: "zip" }, { cookie: siti });
    expect(response.status).toBe(200);
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const archived = Object.entries(entries).filter(([name]) => name.startsWith("berkas/"));
    expect(archived.map(([, bytes]) => createHash("sha256").update(bytes).digest("hex")).sort()).toEqual(held.map((file) => file.sha256).sort());

    expect((await postForm(server.url, "/saya/data", { intent: "erasure", message: "Saya mundur dari program, hapus data saya" }, { cookie: siti })).status).toBe(303);
    server.sql.prepare("UPDATE participants SET status = 'withdrawn' WHERE id = ?").run(ids.siti);
    const requestId = (server.sql.prepare("SELECT id FROM data_requests WHERE participant_id = ? AND kind = 'erasure' AND status = 'open'").get(ids.siti) as { id: number }).id;
    expect((await postForm(server.url, "/permintaan-data", { id: String(requestId), intent: "erase" }, { cookie: cookies.coordinator! })).status).toBe(303);

    const left = await inBucket();
    const stillNamed = new Set((server.sql.prepare("SELECT sha256 AS a, thumb_sha256 AS b FROM files WHERE withdrawn_at IS NULL").all() as { a: string; b: string | null }[]).flatMap((row) => [row.a, row.b]));
    // Each of their objects is gone unless another person's row names the very same bytes.
    for (const hash of held.flatMap((file) => (file.thumb ? [file.sha256, file.thumb] : [file.sha256]))) expect(left.has(hash), hash).toBe(stillNamed.has(hash));
    expect(left.has(held.at(-1)!.sha256)).toBe(false);
    for (const file of held) expect((await get(server.url, `/berkas/${file.id}`, mentor)).status).toBe(404);
  });

  it("the backup checks every named object in the bucket (not copied) and names the missing ones", async () => {
    const target = tempDbPath("files-s3-backup");
    try {
      const result = await backupWithFiles(server.dbPath, target, store);
      const named = (server.sql.prepare("SELECT count(DISTINCT sha256) AS n FROM files WHERE withdrawn_at IS NULL").get() as { n: number }).n;
      expect(named).toBeGreaterThan(0);
      expect(result).toMatchObject({ integrity: "ok", foreignKeyProblems: 0, files: { copiedTo: null, missing: [], mismatched: [] } });
      expect(result.files.referenced).toBeGreaterThanOrEqual(named);
      expect(existsSync(`${target}-files`)).toBe(false);

      const pdf = server.sql.prepare("SELECT sha256 FROM files WHERE type = 'application/pdf' AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1").get() as { sha256: string };
      await store.remove(pdf.sha256);
      const { checkFiles } = await import("../../db/backup");
      expect((await checkFiles(target, store)).missing).toEqual([pdf.sha256]);
      // Put back as it was, by its bytes (the same hash).
      const temp = store.tempPath();
      writeFileSync(temp, PDF);
      await store.commit(temp, pdf.sha256);
      expect((await checkFiles(target, store, { hashes: true })).mismatched).toEqual([]);
    } finally {
      removeDbFiles(target);
    }
  });

  it("sweeps objects no row names once they are older than an hour, and keeps every named one", async () => {
    const orphan = Buffer.from("tertinggal setelah crash");
    const hash = createHash("sha256").update(orphan).digest("hex");
    const temp = store.tempPath();
    writeFileSync(temp, orphan);
    await store.commit(temp, hash);
    const db = openDatabase(server.dbPath);
    try {
      const named = (server.sql.prepare("SELECT sha256 FROM files WHERE withdrawn_at IS NULL").all() as { sha256: string }[]).map((row) => row.sha256);
      // Fresh objects are left alone: an upload's bytes are stored a moment before its rows.
      expect(await sweepUnreferenced(db, store, 3_600_000)).toBe(0);
      expect(await store.has(hash)).toBe(true);
      expect(await sweepUnreferenced(db, store, 3_600_000, Date.now() + 2 * 3_600_000)).toBe(1);
      expect(await store.has(hash)).toBe(false);
      const left = await inBucket();
      expect(named.every((sha256) => left.has(sha256))).toBe(true);
    } finally {
      db.$client.close();
    }
  });
});

