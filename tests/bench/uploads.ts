// Uploading evidence photos: 100 phone photos of about 3 MB, one after another, then 10 at once,
// against the built production server (one process) on a fresh demo database. Reports the time per
// file, the server's resident memory (sampled every 50 ms: it must stay bounded, since uploads
// stream to disk and images are decoded one at a time) and the disk the store uses.
// Run: npm run build && npx tsx tests/bench/uploads.ts   (PAS_BUILD_DIR picks another build;
// UPLOADS and UPLOADS_AT_ONCE change the counts; UPLOADS_TO=bucket keeps the files in a local
// S3-compatible server started in this process instead of on disk)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { startLocalBucket } from "../helpers/s3";
import { signIn, startServer } from "../helpers/server";
import { percentile, round } from "./measure";

const SEQUENTIAL = Number(process.env.UPLOADS ?? 100);
const PARALLEL = Number(process.env.UPLOADS_AT_ONCE ?? 10);

/** A photo of about 3 MB that no other one equals (noise compresses badly, as a real photo's detail does). */
async function photo(seed: number): Promise<Buffer> {
  const width = 2400;
  const height = 1800;
  const raw = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    raw[i] = (x >>> 16) & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

/** The server process: the one whose environment names this database. */
function serverPid(dbPath: string): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`DATABASE_PATH=${dbPath}`)) return Number(entry);
    } catch {
      // gone, or not ours
    }
  }
  throw new Error("server process not found");
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

function diskBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function main(): Promise<void> {
  console.log("making photos…");
  const photos = await Promise.all(Array.from({ length: SEQUENTIAL + PARALLEL }, (_, i) => photo(i + 1)));
  const mb = photos.reduce((sum, p) => sum + p.length, 0) / photos.length / 1e6;
  console.log(`${photos.length} photos, ${mb.toFixed(2)} MB each on average`);

  const bucket = process.env.UPLOADS_TO === "bucket" ? await startLocalBucket() : null;
  const server = await startServer({ label: "bench-uploads", participants: 60, env: bucket?.env ?? {} });
  try {
    const cookie = await signIn(server.url, "mentor.cakung@pas.demo");
    const participant = server.sql
      .prepare("SELECT p.id, e.id AS evidence FROM participants p JOIN stage_evidence e ON e.participant_id = p.id JOIN districts d ON d.id = p.district_id WHERE d.name = 'Cakung' AND p.agency_id = (SELECT agency_id FROM users WHERE email = 'mentor.cakung@pas.demo') ORDER BY p.id LIMIT 1")
      .get() as { id: number; evidence: number };
    const pid = serverPid(server.dbPath);
    const idleRss = rssMb(pid);
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 50);

    const upload = async (bytes: Buffer, name: string): Promise<number> => {
      const body = new FormData();
      body.append("evidenceId", String(participant.evidence));
      body.append("files", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), name);
      const start = performance.now();
      const response = await fetch(`${server.url}/peserta/${participant.id}/berkas`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", Cookie: cookie },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 303) throw new Error(`upload ${name}: ${response.status}`);
      return performance.now() - start;
    };

    const sequential: number[] = [];
    const started = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) {
      sequential.push(await upload(photos[i]!, `foto-${i}.jpg`));
      if ((i + 1) % 10 === 0) console.log(`${i + 1} uploaded, last ${Math.round(sequential.at(-1)!)} ms`);
    }
    const sequentialSeconds = (performance.now() - started) / 1000;
    const rssAfterSequential = peakRss;

    const parallelStart = performance.now();
    const parallel = await Promise.all(photos.slice(SEQUENTIAL).map((bytes, i) => upload(bytes, `bersamaan-${i}.jpg`)));
    const parallelSeconds = (performance.now() - parallelStart) / 1000;
    clearInterval(sampler);

    const stats = (samples: number[]) => {
      const sorted = [...samples].sort((a, b) => a - b);
      return { median: round(percentile(sorted, 50), 0), p95: round(percentile(sorted, 95), 0), max: round(sorted.at(-1)!, 0) };
    };
    const files = (server.sql.prepare("SELECT count(*) AS n, sum(size) AS bytes FROM files").get() as { n: number; bytes: number });
    const disk = diskBytes(bucket?.directory ?? `${server.dbPath}-files`);
    console.log(
      JSON.stringify(
        {
          store: bucket ? "bucket" : "disk",
          photoMb: round(mb, 2),
          sequential: { files: SEQUENTIAL, seconds: round(sequentialSeconds, 1), msPerFile: stats(sequential) },
          parallel: { files: PARALLEL, seconds: round(parallelSeconds, 1), msPerFile: stats(parallel) },
          serverRssMb: { idle: round(idleRss, 0), peakSequential: round(rssAfterSequential, 0), peakOverall: round(peakRss, 0) },
          stored: { files: files.n, uploadedMb: round(((SEQUENTIAL + PARALLEL) * mb), 1), storedMb: round(disk / 1e6, 1), mainFilesMb: round(files.bytes / 1e6, 1) },
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
    await bucket?.stop();
  }
}

await main();
