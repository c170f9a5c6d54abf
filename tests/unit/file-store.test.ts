// The disk store: bytes under their hash, a temp file put into place only on commit, the same
// bytes stored once, temp files of aborted uploads swept after an hour, no path but a hash's.
// The same contract runs against an S3-compatible bucket in tests/integration/file-store-s3.test.ts.
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DiskStore } from "../../db/file-store";
import { storeContract } from "../helpers/file-store-contract";

const dir = mkdtempSync(join(tmpdir(), "file-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("DiskStore", () => {
  const store = new DiskStore(dir);

  storeContract(() => store);

  it("stores a committed temp file under its hash, once, and removes it", async () => {
    const first = store.tempPath();
    writeFileSync(first, "foto");
    await store.commit(first, sha("foto"));
    const second = store.tempPath();
    writeFileSync(second, "foto");
    await store.commit(second, sha("foto"));
    expect(existsSync(first) || existsSync(second)).toBe(false);
    expect((await store.list()).map((object) => object.sha256)).toEqual([sha("foto")]);
    expect(await store.size(sha("foto"))).toBe(4);
    await store.remove(sha("foto"));
    expect(await store.has(sha("foto"))).toBe(false);
  });

  it("sweeps temp files older than the limit and keeps newer ones (an upload still arriving)", () => {
    const old = store.tempPath();
    const fresh = store.tempPath();
    writeFileSync(old, "terputus");
    writeFileSync(fresh, "masih dikirim");
    const twoHoursAgo = (Date.now() - 2 * 3_600_000) / 1000;
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    expect(store.sweepTemp(3_600_000)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it("takes no path that is not a SHA-256", async () => {
    expect(() => store.pathOf("../../etc/passwd")).toThrow();
    await expect(store.has("ab/../../x")).rejects.toThrow();
  });
});
