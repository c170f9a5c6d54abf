// Over HTTP on loopback: the built server (remix-serve, production) on the benchmark database, loaded
// with autocannon; its memory after warm-up; and the JavaScript and CSS a page makes the browser load.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { freePort, launch, sameOriginHeaders, signIn } from "../helpers/server";
import type { Row } from "./table";

type Load = { requestsPerSecond: number; p50: number; p97_5: number; p99: number; non2xx: number; errors: number };

/** One autocannon run; then waits until the server has worked off what was still queued. */
async function run(options: autocannon.Options): Promise<autocannon.Result> {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ timeout: 60, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  const origin = new URL(options.url).origin;
  for (let fast = false; !fast; ) {
    const started = performance.now();
    await (await fetch(`${origin}/masuk`)).arrayBuffer();
    fast = performance.now() - started < 100;
  }
  return result;
}

function summary(result: autocannon.Result): Load {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function loadRows(name: string, load: Load, note?: string): Row[] {
  console.log(`${name}: ${load.requestsPerSecond} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms (non-2xx ${load.non2xx}, errors ${load.errors})`);
  return [
    { name: `${name}: throughput`, unit: "req/s", median: load.requestsPerSecond, note },
    { name: `${name}: latency`, unit: "ms", median: load.p50, p95: undefined, note: `p99 ${load.p99} ms, p97.5 ${load.p97_5} ms` },
  ];
}

async function assetBytes(url: string, path: string, cookie: string): Promise<{ js: number; css: number; files: number }> {
  const html = await (await fetch(`${url}${path}`, { headers: { Cookie: cookie } })).text();
  const assets = [...new Set(html.match(/\/assets\/[^"'\s)]+\.(?:js|css)/g) ?? [])];
  let js = 0;
  let css = 0;
  for (const asset of assets) {
    const body = Buffer.from(await (await fetch(`${url}${asset}`)).arrayBuffer());
    const gzipped = gzipSync(body).length;
    if (asset.endsWith(".css")) css += gzipped;
    else js += gzipped;
  }
  return { js, css, files: assets.length };
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return line ? Math.round(Number(line[1]) / 1024) : Number.NaN;
}

export async function benchHttp(dbPath: string, options: { quick: boolean }): Promise<{ rows: Row[]; extra: Record<string, unknown> }> {
  const duration = options.quick ? 3 : 10;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await launch(dbPath, port, { NODE_ENV: "production" });
  const rows: Row[] = [];
  const extra: Record<string, unknown> = {};
  try {
    const { default: Database } = await import("better-sqlite3");
    const sql = new Database(dbPath, { readonly: true });
    const mentorEmail = (
      sql
        .prepare(
          `SELECT u.email FROM users u JOIN mentor_districts md ON md.mentor_id = u.id
           JOIN participants p ON p.district_id = md.district_id AND p.agency_id = u.agency_id
           WHERE u.role = 'mentor' GROUP BY u.id ORDER BY count(p.id) DESC LIMIT 1`,
        )
        .get() as { email: string }
    ).email;
    const entrepreneurEmail = (sql.prepare("SELECT email FROM users WHERE role = 'entrepreneur' ORDER BY id LIMIT 1").get() as { email: string }).email;
    const movers = sql
      .prepare("SELECT id, version FROM participants WHERE status = 'active' ORDER BY id DESC LIMIT 50")
      .all() as { id: number; version: number }[];
    sql.close();

    const coordinator = await signIn(url, "koordinator@pas.demo");
    const mentor = await signIn(url, mentorEmail);
    const entrepreneur = await signIn(url, entrepreneurEmail);

    // Warm-up, then memory.
    await run({ url: `${url}/koordinator`, headers: { Cookie: coordinator }, connections: 10, duration: 2 });
    await run({ url: `${url}/peserta?status=active`, headers: { Cookie: mentor }, connections: 10, duration: 2 });
    const rss = rssMb(server.pid!);
    rows.push({ name: "server memory (RSS) after warm-up", unit: "MB", median: rss });

    for (const connections of [10, 100]) {
      rows.push(...loadRows(`GET /koordinator (overview), ${connections} connections`, summary(await run({ url: `${url}/koordinator`, headers: { Cookie: coordinator }, connections, duration }))));
      rows.push(
        ...loadRows(
          `GET /peserta?status=active (mentor list), ${connections} connections`,
          summary(await run({ url: `${url}/peserta?status=active`, headers: { Cookie: mentor }, connections, duration })),
        ),
      );
    }

    // Move POSTs: each connection owns one participant and alternates HOLD and RESUME, sending the
    // version it last saw, as the participant page's form does. A 303 is the answer of an applied move.
    const pool = movers.map((m) => ({ ...m, status: "active" }));
    const free = [...pool];
    let applied = 0;
    let refused = 0;
    const moveResult = await run({
      url,
      connections: 50,
      duration,
      requests: [
        {
          method: "POST",
          setupRequest: (request, context) => {
            // autocannon gives each request a fresh context, so participants are lent from a queue:
            // taken here, given back with its new version when the answer comes. A connection has
            // one request in flight, so 50 participants serve 50 connections without conflicts.
            const person = free.shift()!;
            (context as { person?: (typeof pool)[number] }).person = person;
            const event = person.status === "active" ? "HOLD" : "RESUME";
            return {
              ...request,
              path: `/peserta/${person.id}`,
              headers: { ...sameOriginHeaders(url), Cookie: coordinator },
              body: new URLSearchParams({ intent: "move", formId: `move-${event}`, version: String(person.version), event, reason: "Uji beban" }).toString(),
            };
          },
          onResponse: (status, _body, context) => {
            const person = (context as { person: (typeof pool)[number] }).person;
            if (status === 303) {
              applied++;
              person.version++;
              person.status = person.status === "active" ? "on_hold" : "active";
            } else refused++;
            free.push(person);
          },
        },
      ],
    });
    const moves = summary(moveResult);
    rows.push(...loadRows("POST a move (hold / resume), 50 connections", moves, `${applied} applied, ${refused} refused`));
    extra.moves = { applied, refused };

    const entrepreneurPage = await assetBytes(url, "/saya", entrepreneur);
    const overviewPage = await assetBytes(url, "/koordinator", coordinator);
    rows.push({ name: "entrepreneur page /saya: JavaScript (gzip)", unit: "KB", median: Math.round(entrepreneurPage.js / 102.4) / 10 });
    rows.push({ name: "entrepreneur page /saya: CSS (gzip)", unit: "KB", median: Math.round(entrepreneurPage.css / 102.4) / 10 });
    rows.push({ name: "overview /koordinator: JavaScript (gzip)", unit: "KB", median: Math.round(overviewPage.js / 102.4) / 10 });
    rows.push({ name: "overview /koordinator: CSS (gzip)", unit: "KB", median: Math.round(overviewPage.css / 102.4) / 10 });
    extra.assets = { entrepreneurPage, overviewPage };
  } finally {
    server.kill("SIGTERM");
  }
  return { rows, extra };
}
