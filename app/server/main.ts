// The production server: `node --import tsx app/server/main.ts` (npm start). Applies migrations,
// then serves with one worker process per core (PAS_WORKERS), all on the one SQLite file (WAL lets
// them read side by side; writes take turns on SQLite's lock). PAS_WORKERS=1 serves from this very
// process, without a cluster. See docs/decisions/0009-cluster-server.md.
import cluster, { type Worker } from "node:cluster";
import { TIMERS_ENV } from "../modules/timers.server";
import { serverConfig, type ServerConfig } from "./config";

process.env.NODE_ENV ??= "production";

/** A worker that dies sooner than this after starting counts as crashing: its replacement waits longer. */
const HEALTHY_AFTER_MS = 30_000;
const MAX_RESTART_DELAY_MS = 30_000;

async function migrate(): Promise<void> {
  const { openDatabase } = await import("../../db/client");
  const { migrateDatabase } = await import("../../db/migrate");
  const db = openDatabase();
  try {
    migrateDatabase(db);
  } finally {
    db.$client.close();
  }
}

function runPrimary(config: ServerConfig): void {
  // Which workers run the timers (exactly one at a time), and when each started.
  const runsTimers = new Map<number, boolean>();
  const startedAt = new Map<number, number>();
  // Workers that have begun to listen; one still loading has nothing in flight when a stop comes.
  const serving = new Set<number>();
  let crashes = 0;
  let stopping = false;
  let exitCode = 0;
  const pendingRestarts = new Set<ReturnType<typeof setTimeout>>();

  const fork = (timers: boolean): Worker => {
    const worker = cluster.fork({ [TIMERS_ENV]: timers ? "1" : "0" });
    runsTimers.set(worker.id, timers);
    startedAt.set(worker.id, Date.now());
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    const timers = runsTimers.get(worker.id) ?? false;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    const wasServing = serving.has(worker.id);
    runsTimers.delete(worker.id);
    startedAt.delete(worker.id);
    serving.delete(worker.id);
    if (stopping) {
      // A worker stopped before it listened may die of the signal itself (its handler is not set
      // up yet): that is a clean stop too. One that served must have finished and exited 0.
      const stoppedWhileStarting = !wasServing && signal !== null;
      if (code !== 0 && !stoppedWhileStarting) exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    // A replacement takes over the dead worker's role; a crash loop backs off up to half a minute.
    crashes = lived < HEALTHY_AFTER_MS ? crashes + 1 : 0;
    const delay = crashes === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 250 * 2 ** crashes);
    console.error(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another in ${delay} ms`);
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      fork(timers);
    }, delay);
    pendingRestarts.add(timer);
  });

  cluster.on("listening", (worker) => serving.add(worker.id));

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const timer of pendingRestarts) clearTimeout(timer);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(0);
    // Each worker finishes its requests within shutdownMs; one that hangs past that is killed.
    for (const worker of workers) worker.process.kill(signal);
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
    }, config.shutdownMs + 5_000).unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));

  for (let i = 0; i < config.workers; i++) fork(i === 0);
  console.log(`PAS Tracker on port ${config.port}: ${config.workers} workers (primary ${process.pid})`);
}

async function main(): Promise<void> {
  const config = serverConfig();
  if (cluster.isWorker) {
    const { startWorker } = await import("./worker");
    await startWorker(config);
    return;
  }
  // Before anything listens, and once: workers never migrate.
  await migrate();
  if (config.workers === 1) {
    const { startWorker } = await import("./worker");
    await startWorker(config);
    console.log(`PAS Tracker on port ${config.port} (one process, ${process.pid})`);
    return;
  }
  runPrimary(config);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
