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
  /**
   * Whose X-Forwarded-For to believe for the client's address (rate limits count per address):
   * unset believes no one (the address is the connection's); behind a proxy, its address, "loopback",
   * or the number of proxies (Express's "trust proxy").
   */
  trustProxy: string | number | false;
};

function trustProxy(): string | number | false {
  const raw = process.env.PAS_TRUST_PROXY?.trim();
  if (!raw) return false;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function serverConfig(): ServerConfig {
  return {
    port: whole("PORT", 3000),
    host: process.env.HOST || undefined,
    workers: whole("PAS_WORKERS", availableParallelism(), 1),
    buildDir: resolve(process.env.PAS_BUILD_DIR ?? "build"),
    shutdownMs: whole("PAS_SHUTDOWN_MS", 10_000),
    trustProxy: trustProxy(),
  };
}

