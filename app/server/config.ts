// The production server's settings, all from the environment (README, "Configure").
import { availableParallelism } from "node:os";
import { resolve } from "node:path";

function whole(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, not "${raw}"`);
  return value;
}

export type ServerConfig = {
  port: number;
  /** Unset: every interface. */
  host: string | undefined;
  /** Processes that answer requests; 1 answers in the starting process itself, without a cluster. */
  workers: number;
  /** The Remix build: server/index.js and client/. */
  buildDir: string;
  /** How long in-flight requests get to finish after SIGTERM or SIGINT before their connections are cut. */
  shutdownMs: number;
};

export function serverConfig(): ServerConfig {
  return {
    port: whole("PORT", 3000),
    host: process.env.HOST || undefined,
    workers: whole("PAS_WORKERS", availableParallelism(), 1),
    buildDir: resolve(process.env.PAS_BUILD_DIR ?? "build"),
    shutdownMs: whole("PAS_SHUTDOWN_MS", 10_000),
  };
}

