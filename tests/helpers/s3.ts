// A local S3-compatible server in the test's own process (s3rver, its objects in a temporary
// directory), with the settings that point the app's bucket store at it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export type LocalBucket = {
  bucket: string;
  endpoint: string;
  /** Where the local server keeps the objects (to measure the space they take). */
  directory: string;
  /** The environment that makes the server keep its files in this bucket. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

export async function startLocalBucket(bucket = "pas-berkas"): Promise<LocalBucket> {
  const directory = mkdtempSync(join(tmpdir(), "s3-bucket-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    bucket,
    endpoint,
    directory,
    env: {
      PAS_FILES_S3_BUCKET: bucket,
      PAS_FILES_S3_ENDPOINT: endpoint,
      PAS_FILES_S3_REGION: "us-east-1",
      // s3rver's fixed keys: it checks each request's signature with them.
      PAS_FILES_S3_ACCESS_KEY_ID: "S3RVER",
      PAS_FILES_S3_SECRET_ACCESS_KEY: "S3RVER",
      PAS_FILES_S3_FORCE_PATH_STYLE: "true",
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
