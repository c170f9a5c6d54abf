// What every file store promises (db/file-store.ts FileStore), run against each store: the disk
// (tests/unit/file-store.test.ts) and an S3-compatible bucket (tests/integration/file-store-s3.test.ts).
import { existsSync, writeFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import type { FileStore } from "../../db/file-store";

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function bytesOf(store: FileStore, hash: string): Promise<Buffer | null> {
  const stored = await store.read(hash);
  if (!stored) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stored.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function put(store: FileStore, bytes: Buffer): Promise<{ hash: string; temp: string }> {
  const temp = store.tempPath();
  writeFileSync(temp, bytes);
  const hash = sha(bytes);
  await store.commit(temp, hash);
  return { hash, temp };
}

export function storeContract(open: () => FileStore): void {
  it("contract: a committed file exists under its hash with its size and bytes, is listed, and is removed", async () => {
    const store = open();
    // Larger than one network chunk, so that reading streams more than one piece.
    const bytes = randomBytes(300_000);
    const { hash, temp } = await put(store, bytes);
    expect(existsSync(temp)).toBe(false);
    expect(await store.has(hash)).toBe(true);
    expect(await store.size(hash)).toBe(bytes.byteLength);
    expect((await store.read(hash))?.size).toBe(bytes.byteLength);
    expect((await bytesOf(store, hash))?.equals(bytes)).toBe(true);
    const listed = (await store.list()).find((object) => object.sha256 === hash);
    expect(listed).toMatchObject({ sha256: hash, size: bytes.byteLength });
    expect(Math.abs(listed!.storedAt - Date.now())).toBeLessThan(10 * 60_000);
    await store.remove(hash);
    expect(await store.has(hash)).toBe(false);
    expect(await store.size(hash)).toBeNull();
    expect(await store.read(hash)).toBeNull();
    expect((await store.list()).some((object) => object.sha256 === hash)).toBe(false);
  });

  it("contract: the same bytes committed twice are stored once and stay as they were; removing twice is fine", async () => {
    const store = open();
    const bytes = Buffer.from(`foto yang sama ${randomBytes(8).toString("hex")}`);
    const first = await put(store, bytes);
    const second = await put(store, bytes);
    expect(second.hash).toBe(first.hash);
    expect(existsSync(second.temp)).toBe(false);
    expect((await bytesOf(store, first.hash))?.equals(bytes)).toBe(true);
    expect((await store.list()).filter((object) => object.sha256 === first.hash)).toHaveLength(1);
    await store.remove(first.hash);
    await store.remove(first.hash);
    expect(await store.has(first.hash)).toBe(false);
  });

  it("contract: takes no name that is not a SHA-256", async () => {
    const store = open();
    await expect(store.size("../../etc/passwd")).rejects.toThrow();
    await expect(store.read("ab/../x")).rejects.toThrow();
    await expect(store.remove("*")).rejects.toThrow();
  });
}
