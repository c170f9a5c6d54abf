// One process that answers HTTP: the Remix build behind Express, with compression, the built
// assets, a health check and a graceful stop. main.ts runs one of these per core, or just one in
// its own process.
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from "express";
import { readdirSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { closeDb, getDb } from "../../db/client";
import { requestRefusal } from "../modules/http/body-limits.server";
import { refusalPage } from "../modules/http/refusal-page.server";
import { runsTimers, timersRunning } from "../modules/timers.server";
import { startImportRunner } from "./import-runner";
import type { ServerConfig } from "./config";

/** What a file the browser may keep gets besides its cache lifetime (pages set theirs in entry.server). */
function staticHeaders(res: Response): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
}

/** 200 while the database answers, 503 otherwise; reads no session and renders nothing. */
const health: RequestHandler = (_req, res) => {
  res.setHeader("Cache-Control", "no-store");
  try {
    getDb().$client.prepare("SELECT 1").pluck().get();
    // pid and timers: which process answered, for checking that the work is shared out.
    res.status(200).json({ ok: true, pid: process.pid, timers: timersRunning() });
  } catch (error) {
    console.error("health check: the database did not answer:", error);
    res.status(503).json({ ok: false });
  }
};

/**
 * Refuses, before any byte of the body is read, a cross-site post, a body of a type no route reads
 * (JSON, multipart outside the upload routes) and one over its limit (body-limits.server.ts): a short
 * page with a 4xx, nothing parsed, echoed or logged. The rest of the body is read and thrown away
 * (closing at once would cut the answer off before most clients read it), up to DRAIN_MAX_BYTES.
 */
const refuseBodies: RequestHandler = (req, res, next) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const refusal = requestRefusal(req.method, req.path, headers);
  if (!refusal) return next();
  const { lang, html } = refusalPage(refusal, req.headers.cookie);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Language", lang);
  staticHeaders(res);
  res.status(refusal.status).type("html").send(html);
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) req.socket.destroy();
  });
  req.resume();
};

/** A refused body is read to its end up to this much; a client still sending after it is cut off. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

export function createApp(build: ServerBuild, clientDir: string, isStopping: () => boolean): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // While stopping, each answer closes its connection, so keep-alive clients reconnect elsewhere.
  // An upload's answer closes it too: an upload refused at a limit is answered before the rest of
  // its body is read, and that rest, left on a kept connection, held up the next request sent on it.
  app.use((req, res, next) => {
    if (isStopping() || (req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/")) res.setHeader("Connection", "close");
    next();
  });
  app.get("/healthz", health);
  app.use(refuseBodies);
  // gzip or brotli (quality 4: most of the gain for little CPU) for pages, data and assets.
  app.use(compression());
  // Vite names these by content hash: a changed file gets a new name, so browsers may keep them for good.
  app.use(
    `${build.publicPath}assets`,
    express.static(join(clientDir, "assets"), { immutable: true, maxAge: "1y", index: false, redirect: false, fallthrough: false, setHeaders: staticHeaders }),
  );
  // The rest of public/ (favicon …) keeps its name across releases: a short lifetime. Only the names
  // public/ holds go to it: otherwise every page request would first cost a failed file lookup.
  const publicFiles = new Set(readdirSync(clientDir).filter((name) => name !== "assets"));
  const publicStatic = express.static(clientDir, { maxAge: "1h", index: false, redirect: false, setHeaders: staticHeaders });
  app.use((req, res, next) => (publicFiles.has(req.path.split("/")[1] ?? "") ? publicStatic(req, res, next) : next()));
  // The client's address reaches the routes for the rate limits (modules/limits): the connection's,
  // or the forwarded one from a proxy the "trust proxy" setting names.
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (req) => ({ clientAddress: req.ip ?? "" }) }));
  const failed: ErrorRequestHandler = (error, _req, res, next) => {
    // A missing asset is a plain 404; anything else is logged (requests themselves are not).
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) console.error(error);
    if (res.headersSent) return next(error);
    res.status(status).end();
  };
  app.use(failed);
  return app;
}

/**
 * Serves until SIGTERM or SIGINT, then stops accepting, lets the requests in flight finish (cut
 * after `shutdownMs`), closes the database (its last connection checkpoints the WAL) and exits 0.
 */
export async function startWorker(config: ServerConfig): Promise<Server> {
  installGlobals({ nativeFetch: true });
  const build = (await import(pathToFileURL(join(config.buildDir, "server/index.js")).href)) as ServerBuild;
  let stopping = false;
  const app = createApp(build, join(config.buildDir, "client"), () => stopping);
  app.set("trust proxy", config.trustProxy);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = config.host ? app.listen(config.port, config.host, () => resolve(listening)) : app.listen(config.port, () => resolve(listening));
    listening.once("error", reject);
  });

  // Background imports run beside the timers, in one process of the server.
  if (runsTimers()) startImportRunner();

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownMs);
    deadline.unref();
    // A keep-alive connection whose request began before the stop stays open after its answer: close
    // each connection as soon as it is idle, not only those idle now.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(sweep);
      closeDb();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return server;
}
