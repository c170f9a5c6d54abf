// Which file store the process uses, from the environment (README, "Configuration"): a bucket when
// PAS_FILES_S3_BUCKET is set, else the disk under filesDir(). One store per setting per process.
import { filesDir, fileStore, type FileStore } from "./file-store";
import { S3Store, type S3Settings } from "./file-store-s3";

function flag(name: string): boolean {
  const raw = (process.env[name] ?? "").toLowerCase();
  if (raw === "" || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new Error(`${name} must be true or false, not "${process.env[name]}"`);
}

/** The bucket's settings, or null when files are kept on disk. */
export function s3Settings(): S3Settings | null {
  const bucket = process.env.PAS_FILES_S3_BUCKET;
  if (!bucket) return null;
  const accessKeyId = process.env.PAS_FILES_S3_ACCESS_KEY_ID;
  const secretAccessKey = process.env.PAS_FILES_S3_SECRET_ACCESS_KEY;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) throw new Error("PAS_FILES_S3_ACCESS_KEY_ID and PAS_FILES_S3_SECRET_ACCESS_KEY go together");
  return {
    bucket,
    endpoint: process.env.PAS_FILES_S3_ENDPOINT || undefined,
    region: process.env.PAS_FILES_S3_REGION || "us-east-1",
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: flag("PAS_FILES_S3_FORCE_PATH_STYLE"),
    // Uploads still arrive on this machine: their temp files go where the disk store would keep them.
    tempDir: `${filesDir()}/tmp`,
  };
}

const buckets = new Map<string, S3Store>();

/** The configured store: the bucket, or the disk. */
export function openFileStore(): FileStore {
  const settings = s3Settings();
  if (!settings) return fileStore(filesDir());
  const id = JSON.stringify([settings.bucket, settings.endpoint, settings.region, settings.tempDir]);
  let store = buckets.get(id);
  if (!store) {
    store = new S3Store(settings);
    buckets.set(id, store);
  }
  return store;
}
