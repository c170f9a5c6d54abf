// The production server (app/server/) over real HTTP: workers share the requests, one of them runs
// the timers (and its replacement takes over when it dies), pages and assets are compressed, hashed
// assets are cached for good, the health check answers, and SIGTERM lets a request in flight finish,
// closes the database and exits 0.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { request, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupDatabase } from "../../db/setup";
import { removeDbFiles, tempDbPath } from "../helpers/db";
import { DEMO_PASSWORD, freePort, launch } from "../helpers/server";

const CLIENT_DIR = resolve(process.env.PAS_BUILD_DIR ?? "build", "client");

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** One request on a connection of its own (no keep-alive), so that the cluster may hand it to any worker. */
function fetchRaw(port: number, path: string, headers: Record<string, string> = {}, timeoutMs = 5_000): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolveAnswer({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${path}: no answer in ${timeoutMs} ms`)));
    req.end();
  });
}

type Health = { ok: boolean; pid: number; timers: boolean };

/**
 * Asks /healthz until `count` workers (other than `exclude`) have answered; returns them by pid.
 * Right after a worker is killed a connection can fail: the primary may have handed it to the dead
 * worker before it learned of the death (Node's cluster does not hand it to another), so a failed
 * request is asked again, as a browser or proxy would after its timeout.
 */
async function workersAnswering(port: number, count: number, exclude: Set<number> = new Set()): Promise<Map<number, Health>> {
  const seen = new Map<number, Health>();
  const deadline = Date.now() + 20_000;
  while (seen.size < count && Date.now() < deadline) {
    const answer = await fetchRaw(port, "/healthz", {}, 1_000).catch(() => null);
    if (answer?.status !== 200) continue;
    const worker = JSON.parse(answer.body.toString()) as Health;
    if (!exclude.has(worker.pid)) seen.set(worker.pid, worker);
  }
  return seen;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once("exit", (code) => r(code)));
}

async function preparedDatabase(label: string): Promise<string> {
  const dbPath = tempDbPath(label);
  await setupDatabase(dbPath, { participants: 50 });
  return dbPath;
}

describe("a server of two workers", () => {
  let dbPath: string;
  let port: number;
  let server: ChildProcess;

  beforeAll(async () => {
    dbPath = await preparedDatabase("server-cluster");
    port = await freePort();
    server = await launch(dbPath, port, { PAS_WORKERS: "2" });
  });
  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await exited(server);
    }
    removeDbFiles(dbPath);
  });

  it("answers from both workers, exactly one of which runs the timers", async () => {
    const workers = await workersAnswering(port, 2);
    expect(workers.size).toBe(2);
    expect([...workers.keys()]).not.toContain(server.pid);
    expect([...workers.values()].filter((w) => w.timers)).toHaveLength(1);
  });

  it("replaces a worker that dies, and the replacement of the timers' worker takes the timers over", async () => {
    const before = await workersAnswering(port, 2);
    const timersPid = [...before.values()].find((w) => w.timers)!.pid;
    process.kill(timersPid, "SIGKILL");
    // The survivor keeps answering; the replacement appears beside it.
    const fresh = await workersAnswering(port, 1, new Set(before.keys()));
    expect(fresh.size).toBe(1);
    expect([...fresh.values()][0]!.timers).toBe(true);
    const after = await workersAnswering(port, 2, new Set([timersPid]));
    expect([...after.values()].filter((w) => w.timers)).toHaveLength(1);
  });

  it("the health check answers 200 with a small JSON body, without a session", async () => {
    const answer = await fetchRaw(port, "/healthz");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/application\/json/);
    expect(answer.headers["set-cookie"]).toBeUndefined();
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(answer.body.toString())).toMatchObject({ ok: true });
    expect(answer.body.length).toBeLessThan(100);
  });

  it("compresses pages with gzip when the browser accepts it, and keeps the security headers", async () => {
    const answer = await fetchRaw(port, "/masuk", { "Accept-Encoding": "gzip" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(answer.body).toString()).toContain("<html");
    expect(answer.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers["cache-control"]).toBe("no-store");
    const plain = await fetchRaw(port, "/masuk");
    expect(plain.headers["content-encoding"]).toBeUndefined();
  });

  it("serves hashed assets compressed and cached for a year as immutable; other public files briefly", async () => {
    const assets = readdirSync(join(CLIENT_DIR, "assets")).filter((name) => name.endsWith(".js"));
    const largest = assets.sort((a, b) => statSync(join(CLIENT_DIR, "assets", b)).size - statSync(join(CLIENT_DIR, "assets", a)).size)[0]!;
    for (const encoding of ["gzip", "br"]) {
      const answer = await fetchRaw(port, `/assets/${largest}`, { "Accept-Encoding": encoding });
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBe(encoding);
      expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
    const favicon = await fetchRaw(port, "/favicon.svg");
    expect(favicon.status).toBe(200);
    expect(favicon.headers["cache-control"]).toBe("public, max-age=3600");
    // An asset that is not there is a plain 404, not a rendered page.
    const missing = await fetchRaw(port, "/assets/not-there-1234.js");
    expect(missing.status).toBe(404);
    expect(missing.headers["content-type"] ?? "").not.toContain("text/html");
  });
});

describe.each([1, 2])("SIGTERM with %i worker(s)", (workers) => {
  it("stops accepting, finishes the request in flight, closes the database and exits 0", async () => {
    const dbPath = await preparedDatabase(`server-stop-${workers}`);
    try {
      const port = await freePort();
      const server = await launch(dbPath, port, { PAS_WORKERS: String(workers) });
      const gone = exited(server);

      // A sign-in whose body has not arrived yet: the server has its headers (it said "100 Continue").
      const body = new URLSearchParams({ email: "koordinator@pas.demo", password: DEMO_PASSWORD }).toString();
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      const closed = new Promise((r) => socket.once("close", r));
      socket.write(
        [
          "POST /masuk HTTP/1.1",
          `Host: 127.0.0.1:${port}`,
          "Content-Type: application/x-www-form-urlencoded",
          `Origin: http://127.0.0.1:${port}`,
          "Sec-Fetch-Site: same-origin",
          `Content-Length: ${Buffer.byteLength(body)}`,
          "Expect: 100-continue",
          "",
          "",
        ].join("\r\n"),
      );
      await expect.poll(() => received, { timeout: 10_000 }).toContain("100 Continue");

      server.kill("SIGTERM");
      // Stopped accepting: a new connection is refused.
      await expect
        .poll(
          () =>
            fetchRaw(port, "/healthz").then(
              () => "accepted",
              (error: NodeJS.ErrnoException) => error.code,
            ),
          { timeout: 10_000 },
        )
        .toBe("ECONNREFUSED");
      expect(server.exitCode).toBeNull();

      // The rest of the request (without half-closing: a browser does not, and Node drops a request
      // whose client half-closes). The server answers and closes the connection: it is stopping.
      socket.write(body);
      await closed;
      expect(received).toMatch(/HTTP\/1\.1 303/);
      expect(received.toLowerCase()).toContain("set-cookie:");
      expect(await gone).toBe(0);
      // Every connection closed: the last one checkpointed the WAL into the file and removed it.
      expect(existsSync(`${dbPath}-wal`)).toBe(false);
    } finally {
      removeDbFiles(dbPath);
    }
  });
});

describe("SIGTERM while the workers are still starting", () => {
  it("exits 0: a worker that has not loaded the build yet stops at once instead of dying of the signal", async () => {
    const dbPath = await preparedDatabase("server-stop-early");
    try {
      const port = await freePort();
      // Not `launch`: it waits for an answer, and the point is to stop before every worker can give one.
      const { VITEST: _v, VITEST_POOL_ID: _p, VITEST_WORKER_ID: _w, ...inherited } = process.env;
      const primary = spawn(process.execPath, ["--import", "tsx", resolve("app/server/main.ts")], {
        env: { ...inherited, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: dbPath, PAS_WORKERS: "2" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      primary.stderr.on("data", (chunk) => (output += chunk));
      const gone = exited(primary);
      // The primary says so right after forking, while the workers are loading the build.
      await new Promise<void>((started) => primary.stdout.on("data", (chunk) => String(chunk).includes("workers") && started()));
      primary.kill("SIGTERM");
      expect(await gone, output).toBe(0);
    } finally {
      removeDbFiles(dbPath);
    }
  });
});
