// The disk store: bytes under their hash, a temp file renamed into place only on commit, the same
// bytes stored once, temp files of aborted uploads swept after an hour, no path but a hash's.
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DiskStore } from "../../db/file-store";

const dir = mkdtempSync(join(tmpdir(), "file-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("DiskStore", () => {
  const store = new DiskStore(dir);

  it("stores a committed temp file under its hash, once, and removes it", () => {
    const first = store.tempPath();
    writeFileSync(first, "foto");
    store.commit(first, sha("foto"));
    const second = store.tempPath();
    writeFileSync(second, "foto");
    store.commit(second, sha("foto"));
    expect(existsSync(first) || existsSync(second)).toBe(false);
    expect(store.list()).toEqual([sha("foto")]);
    expect(store.size(sha("foto"))).toBe(4);
    store.remove(sha("foto"));
    expect(store.has(sha("foto"))).toBe(false);
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

  it("takes no path that is not a SHA-256", () => {
    expect(() => store.pathOf("../../etc/passwd")).toThrow();
    expect(() => store.has("ab/../../x")).toThrow();
  });
});
