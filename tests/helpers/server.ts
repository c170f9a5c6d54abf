// The real server for integration and browser tests: a fresh demo database (made by the real setup)
// and the production build served by the production server (app/server/main.ts) on a free port, in
// one process unless the caller asks for more workers. Builds nothing itself: `npm test` builds
// before Vitest runs.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { setupDatabase } from "../../db/setup";
import { removeDbFiles, tempDbPath } from "./db";

const SERVER_BUILD = resolve(process.env.PAS_BUILD_DIR ?? "build", "server/index.js");
const SERVER_MAIN = resolve("app/server/main.ts");

export const DEMO_PASSWORD = "demo-pas-2026";

/**
 * Every test speaks from one address (127.0.0.1), and a test file signs up, signs in and posts
 * anonymous forms far more often than a person: the per-address limits (app/modules/limits/rules.ts),
 * and the overall ones its many sign-ups and failed sign-ins would reach, are lifted here. tests/survival/doors.test.ts runs with the real ones.
 */
const LIMITS_LIFTED: Record<string, string> = Object.fromEntries(
  ["SIGNUP_PER_ADDRESS", "SIGNUP_GLOBAL", "SIGNIN_FAILURES_PER_ADDRESS", "SIGNIN_FAILURES_GLOBAL", "ANONYMOUS_POSTS_PER_ADDRESS", "CODES_PER_RECIPIENT", "CODES_PER_ADDRESS"].map((name) => [
    `PAS_LIMIT_${name}`,
    "1000000/60",
  ]),
);

export type TestServer = {
  url: string;
  dbPath: string;
  /** A direct handle on the server's database file, for arranging and checking what the server did. */
  sql: Database.Database;
  /** Kills the server process with SIGKILL (no chance to clean up) and waits until it is gone. */
  crash(): Promise<void>;
  /** What the server has written to stdout and stderr since it (last) started. */
  log(): string;
  /** Starts the server again on the same database and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/masuk`, { redirect: "manual" });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Seeds a fresh database (fewer participants than the demo's 2,000 by default, for speed; the demo
 * accounts and Siti Rahmawati's record are always there) and starts the built server on it.
 */
export async function startServer(options: { label?: string; participants?: number; env?: Record<string, string> } = {}): Promise<TestServer> {
  if (!existsSync(SERVER_BUILD)) throw new Error("No server build: run `npm run build` first (npm test does).");
  const dbPath = tempDbPath(options.label ?? "server");
  await setupDatabase(dbPath, { participants: options.participants ?? 400 });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let process_ = await launch(dbPath, port, options.env ?? {}).catch((error: unknown) => {
    removeDbFiles(dbPath);
    throw error;
  });

  const sql = new Database(dbPath);
  sql.pragma("busy_timeout = 5000");
  return {
    url,
    dbPath,
    sql,
    async crash() {
      const exited = new Promise((r) => process_.once("exit", r));
      process_.kill("SIGKILL");
      await exited;
    },
    log: () => outputs.get(process_)?.() ?? "",
    async restart() {
      process_ = await launch(dbPath, port, options.env ?? {});
    },
    async stop() {
      sql.close();
      if (process_.exitCode === null && process_.signalCode === null) {
        const exited = new Promise((r) => process_.once("exit", r));
        process_.kill("SIGTERM");
        const timer = setTimeout(() => process_.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      removeDbFiles(dbPath);
    },
  };
}

/** Each launched server's output so far. */
const outputs = new WeakMap<ChildProcess, () => string>();

/**
 * Starts the production server on the database and waits until it answers. One process (the one
 * returned) unless `env` sets PAS_WORKERS: then the returned process is the primary and the workers
 * are its children.
 */
export async function launch(dbPath: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const { VITEST: _v, VITEST_POOL_ID: _p, VITEST_WORKER_ID: _w, ...inherited } = process.env;
  // node itself with tsx's loader (not the tsx command, which would start node as its child): the
  // pid is the server's, so a SIGKILL leaves nothing running.
  const child = spawn(process.execPath, ["--import", "tsx", SERVER_MAIN], {
    env: {
      ...inherited,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: dbPath,
      PAS_DEMO: "1",
      PAS_WORKERS: "1",
      ...LIMITS_LIFTED,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  outputs.set(child, () => output);
  try {
    await waitUntilAnswering(`http://127.0.0.1:${port}`, child, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return child;
}

// ─── Plain HTTP, as a browser would send it ──────────────────────────────────

/** Headers of a same-origin form post from one of our pages. */
export function sameOriginHeaders(url: string): Record<string, string> {
  return { Origin: url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" };
}

/** Signs in over HTTP; returns the Cookie header value for the session. */
export async function signIn(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/masuk`, {
    method: "POST",
    redirect: "manual",
    headers: sameOriginHeaders(url),
    body: new URLSearchParams({ email, password }),
  });
  const setCookie = response.headers.get("set-cookie");
  if (response.status !== 303 || !setCookie) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  return setCookie.split(";")[0]!;
}

export function get(url: string, path: string, cookie?: string): Promise<Response> {
  return fetch(`${url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

export function postForm(
  url: string,
  path: string,
  fields: Record<string, string>,
  options: { cookie?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { ...sameOriginHeaders(url), ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
    body: new URLSearchParams(fields),
  });
}
