// The file store in an S3-compatible bucket (AWS S3, MinIO, a cloud provider's object storage), over
// the AWS SDK's S3 client. The same promises as the disk store (file-store.ts): objects named by
// their SHA-256 ("files/ab/cd/<sha-256>"), never overwritten, never at a public URL (the bucket stays
// private; the app streams an object only after its access check, never by a presigned link).
// Uploads still arrive in a local temp area and are checked and re-encoded on this machine; only
// an accepted file is put into the bucket.
import { createReadStream, rmSync, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { assertHash, isHash, TempArea, type FileStore, type StoredObject } from "./file-store";

export type S3Settings = {
  bucket: string;
  /** The service's address, for anything but AWS itself (MinIO, another provider); AWS's own when absent. */
  endpoint?: string;
  region: string;
  /** Keys from the settings; when absent the SDK's own chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** "bucket in the path" addressing (MinIO and most self-hosted services), not in the host name. */
  forcePathStyle: boolean;
  /** The local directory for uploads' temp files. */
  tempDir: string;
};

const PREFIX = "files/";

export function objectKey(sha256: string): string {
  assertHash(sha256);
  return `${PREFIX}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

function status(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

const isMissing = (error: unknown) => status(error) === 404 || ["NotFound", "NoSuchKey"].includes((error as Error).name);

export class S3Store implements FileStore {
  readonly kind = "s3" as const;
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly temp: TempArea;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.temp = new TempArea(settings.tempDir);
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // Checksums only where the service requires them: many S3-compatible services refuse the
      // SDK's default streamed (aws-chunked) checksums. Integrity is checked by our own SHA-256.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  tempPath(): string {
    return this.temp.path();
  }

  tempDir(): string {
    return this.temp.dir;
  }

  sweepTemp(olderThanMs: number, now = Date.now()): number {
    return this.temp.sweep(olderThanMs, now);
  }

  async commit(tempPath: string, sha256: string): Promise<void> {
    const Key = objectKey(sha256);
    if ((await this.size(sha256)) === null) {
      try {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key,
            Body: createReadStream(tempPath),
            ContentLength: statSync(tempPath).size,
            ContentType: "application/octet-stream",
            // A stored object is never overwritten (the same hash is the same bytes anyway).
            IfNoneMatch: "*",
          }),
        );
      } catch (error) {
        // 412: stored meanwhile by another upload of the same bytes.
        if (status(error) !== 412) throw error;
      }
    }
    rmSync(tempPath, { force: true });
  }

  async size(sha256: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey(sha256) }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async read(sha256: string): Promise<{ body: Readable; size: number } | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey(sha256) }));
      // In Node the body is the HTTP response itself: streamed, never held whole.
      return { body: object.Body as Readable, size: object.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async remove(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey(sha256) }));
  }

  async list(): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: PREFIX, ContinuationToken }));
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(object.Key.lastIndexOf("/") + 1) ?? "";
        if (isHash(name) && object.Key === objectKey(name)) objects.push({ sha256: name, size: object.Size ?? 0, storedAt: object.LastModified?.getTime() ?? 0 });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return objects;
  }

  destroy(): void {
    this.client.destroy();
  }
}
