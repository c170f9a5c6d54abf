// The bucket store (db/file-store-s3.ts) against a real S3-compatible server started in this process:
// the store's contract (the same one the disk store keeps), nothing at a public URL, and the store
// the settings choose.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openFileStore, s3Settings } from "../../db/file-store-open";
import { objectKey, S3Store } from "../../db/file-store-s3";
import { storeContract } from "../helpers/file-store-contract";
import { startLocalBucket, type LocalBucket } from "../helpers/s3";

let bucket: LocalBucket;
let store: S3Store;
const tempDir = mkdtempSync(join(tmpdir(), "s3-store-tmp-"));

beforeAll(async () => {
  bucket = await startLocalBucket();
  store = new S3Store({
    bucket: bucket.bucket,
    endpoint: bucket.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    forcePathStyle: true,
    tempDir,
  });
});

afterAll(async () => {
  store.destroy();
  await bucket.stop();
  rmSync(tempDir, { recursive: true, force: true });
});

describe("S3Store against a local S3-compatible server", () => {
  storeContract(() => store);

  it("names objects by their hash under files/ab/cd/, and takes nothing else as a name", () => {
    const hash = "ab".repeat(32);
    expect(objectKey(hash)).toBe(`files/ab/ab/${hash}`);
    expect(() => objectKey("../x")).toThrow();
  });
});

describe("the store the settings choose", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("is the disk without a bucket, the bucket with PAS_FILES_S3_BUCKET, and refuses half a key pair or a bad flag", () => {
    process.env.PAS_FILES_DIR = tempDir;
    expect(openFileStore().kind).toBe("disk");
    Object.assign(process.env, bucket.env);
    const chosen = openFileStore();
    expect(chosen).toBeInstanceOf(S3Store);
    expect(openFileStore()).toBe(chosen);
    expect(s3Settings()).toMatchObject({ bucket: bucket.bucket, endpoint: bucket.endpoint, forcePathStyle: true, tempDir: `${tempDir}/tmp` });
    process.env.PAS_FILES_S3_FORCE_PATH_STYLE = "ya";
    expect(() => s3Settings()).toThrow(/PAS_FILES_S3_FORCE_PATH_STYLE/);
    process.env.PAS_FILES_S3_FORCE_PATH_STYLE = "1";
    delete process.env.PAS_FILES_S3_SECRET_ACCESS_KEY;
    expect(() => s3Settings()).toThrow(/go together/);
    (chosen as S3Store).destroy();
  });
});
