// Over HTTP on loopback: the production server (one worker per core) on the benchmark database, loaded
// with autocannon at 10 and at 100 connections; the HTML each page sends; the server's memory after
// warm-up. autocannon runs in this process, on the same cores as the server: the figures are what two
// cores give to both.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { freePort, launch, sameOriginHeaders, signIn } from "../helpers/server";
import { everyRouteScripts, pageAssets } from "./assets";
import type { Row } from "./table";

type Load = { requestsPerSecond: number; p50: number; p99: number; sent: number; completed: number; non2xx: number; errors: number; timeouts: number };

/** One autocannon run; then waits until the server has worked off what was still queued. */
async function run(options: autocannon.Options): Promise<autocannon.Result> {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ timeout: 20, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  const origin = new URL(options.url).origin;
  for (let fast = false; !fast; ) {
    const started = performance.now();
    await (await fetch(`${origin}/masuk`)).arrayBuffer();
    fast = performance.now() - started < 100;
  }
  return result;
}

function summary(result: autocannon.Result, expectedStatus = 200): Load {
  const byStatus = result.statusCodeStats as unknown as Record<string, { count: number }> | undefined;
  const expected = byStatus?.[String(expectedStatus)]?.count ?? result["2xx"];
  const completed = Object.values(byStatus ?? {}).reduce((sum, s) => sum + s.count, 0);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    sent: result.requests.sent,
    completed,
    non2xx: completed - expected,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

type Goal = { minRps?: number; maxP99Ms: number };

/**
 * Two rows per load: throughput and latency. At 10 connections the goal is a rate with p99 ≤ 50 ms;
 * at 100 connections that every request completes, none fails and p99 stays under a second.
 */
function loadRows(name: string, load: Load, goal: Goal, note?: string): Row[] {
  // In a run of a fixed number of requests, one sent but never answered counts as not completed (a
  // timed run abandons those in flight when the time is up: not the server's failure).
  const unanswered = goal.minRps === undefined ? Math.max(0, load.sent - load.completed - load.errors - load.timeouts) : 0;
  const failed = load.non2xx + load.errors + load.timeouts + unanswered;
  const complete = failed === 0 && load.completed > 0;
  const met = complete && load.p99 <= goal.maxP99Ms && (goal.minRps === undefined || load.requestsPerSecond >= goal.minRps);
  const goalText = goal.minRps !== undefined ? `≥ ${goal.minRps} req/s, p99 ≤ ${goal.maxP99Ms} ms` : `all complete, none fail, p99 < ${goal.maxP99Ms} ms`;
  const counts = `${load.completed} completed, ${failed} failed or timed out`;
  console.log(`${name}: ${load.requestsPerSecond} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms (${counts}${note ? `; ${note}` : ""})`);
  return [
    { name: `${name}: throughput`, unit: "req/s", median: load.requestsPerSecond, goal: goalText, met, note: note ? `${note}; ${counts}` : counts },
    { name: `${name}: latency`, unit: "ms", median: load.p50, note: `p99 ${load.p99} ms` },
  ];
}

/** Resident memory of the server: its primary and every worker it forked. */
function rssMb(pid: number): number {
  const rss = (p: number) => Number(readFileSync(`/proc/${p}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0);
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // no children file: a single process
  }
  return Math.round([pid, ...children].reduce((sum, p) => sum + rss(p), 0) / 1024);
}

async function htmlBytes(url: string, path: string, cookie: string): Promise<{ raw: number; gzip: number }> {
  const response = await fetch(`${url}${path}`, { headers: { Cookie: cookie, "Accept-Encoding": "identity" } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { raw: body.length, gzip: gzipSync(body).length };
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

export async function benchHttp(dbPath: string, options: { quick: boolean }): Promise<{ rows: Row[]; extra: Record<string, unknown> }> {
  const duration = options.quick ? 3 : 10;
  const workers = Number(process.env.PAS_WORKERS ?? availableParallelism());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await launch(dbPath, port, { NODE_ENV: "production", PAS_WORKERS: String(workers) });
  const rows: Row[] = [];
  const extra: Record<string, unknown> = { workers };
  try {
    const { default: Database } = await import("better-sqlite3");
    const sql = new Database(dbPath, { readonly: true });
    // Mentors by caseload (participants in their districts and agency): the median one is the typical
    // list, the largest the hardest a mentor opens.
    const mentors = sql
      .prepare(
        `SELECT u.email, count(p.id) AS participants FROM users u JOIN mentor_districts md ON md.mentor_id = u.id
         JOIN participants p ON p.district_id = md.district_id AND p.agency_id = u.agency_id
         WHERE u.role = 'mentor' AND u.active = 1 GROUP BY u.id ORDER BY participants`,
      )
      .all() as { email: string; participants: number }[];
    const typical = mentors[Math.floor(mentors.length / 2)]!;
    const busiest = mentors.at(-1)!;
    const entrepreneurEmail = (sql.prepare("SELECT email FROM users WHERE role = 'entrepreneur' ORDER BY id LIMIT 1").get() as { email: string }).email;
    const movers = sql
      .prepare("SELECT id, version FROM participants WHERE status = 'active' ORDER BY id DESC LIMIT 400")
      .all() as { id: number; version: number }[];
    sql.close();

    const coordinator = await signIn(url, "koordinator@pas.demo");
    const typicalMentor = await signIn(url, typical.email);
    const busiestMentor = await signIn(url, busiest.email);
    const entrepreneur = await signIn(url, entrepreneurEmail);

    const pages = [
      { name: `mentor list, typical caseload (${typical.participants})`, path: "/peserta?status=active", cookie: typicalMentor, minRps: 500 },
      { name: `mentor list, largest caseload (${busiest.participants})`, path: "/peserta?status=active", cookie: busiestMentor, minRps: 200 },
      { name: "participant list, province coordinator (largest scope)", path: "/peserta?status=active", cookie: coordinator, minRps: 200 },
      { name: "overview /koordinator, province", path: "/koordinator", cookie: coordinator, minRps: 200 },
      { name: "entrepreneur page /saya", path: "/saya", cookie: entrepreneur, minRps: 800 },
    ];

    // Warm-up, then memory.
    for (const page of pages) await run({ url: `${url}${page.path}`, headers: { Cookie: page.cookie }, connections: 10, duration: 1 });
    rows.push({ name: `server memory (RSS) after warm-up, ${workers} workers and primary`, unit: "MB", median: rssMb(server.pid!) });

    const html: Record<string, { raw: number; gzip: number }> = {};
    for (const page of pages) {
      html[page.name] = await htmlBytes(url, page.path, page.cookie);
      rows.push({ name: `GET ${page.name}: HTML`, unit: "KB", median: kb(html[page.name]!.raw), note: `${kb(html[page.name]!.gzip)} KB gzip` });
    }
    extra.html = html;

    // The JavaScript and CSS a full load of each page makes the browser fetch (gzip), and every
    // route's JavaScript from the build's manifest.
    const assets: Record<string, { js: number; css: number }> = {};
    for (const page of pages) {
      const { js, css } = await pageAssets(url, page.path, page.cookie);
      assets[page.name] = { js, css };
      const isSaya = page.path === "/saya";
      rows.push({
        name: `GET ${page.name}: JavaScript (gzip)`,
        unit: "KB",
        median: kb(js),
        note: `CSS ${kb(css)} KB gzip`,
        ...(isSaya ? { goal: "≤ 110 KB", met: js <= 110 * 1024 } : {}),
      });
    }
    const routes = everyRouteScripts();
    const heaviest = routes[0]!;
    rows.push({ name: `heaviest route's JavaScript (gzip), of ${routes.length} routes: ${heaviest.path}`, unit: "KB", median: kb(heaviest.js) });
    extra.assets = assets;
    extra.routeScripts = routes.map(({ path, routeId, js }) => ({ path, routeId, jsKb: kb(js) }));

    // At 10 connections a timed run; at 100 a fixed number of requests, so that "every request
    // completes" has a meaning (a timed run abandons what is in flight when the time is up).
    const amount = options.quick ? 300 : 1000;
    for (const connections of [10, 100]) {
      for (const page of pages) {
        const length = connections === 10 ? { duration } : { amount };
        const result = await run({ url: `${url}${page.path}`, headers: { Cookie: page.cookie }, connections, ...length });
        const goal = connections === 10 ? { minRps: page.minRps, maxP99Ms: 50 } : { maxP99Ms: 1000 };
        rows.push(...loadRows(`GET ${page.name}, ${connections} connections`, summary(result), goal));
      }
    }

    // Move POSTs: each connection owns one participant and alternates HOLD and RESUME, sending the
    // version it last saw, as the participant page's form does. A 303 is the answer of an applied move.
    const pool = movers.map((m) => ({ ...m, status: "active" }));
    const free = [...pool];
    for (const connections of [10, 100]) {
      let applied = 0;
      let refused = 0;
      const result = await run({
        url,
        connections,
        ...(connections === 10 ? { duration } : { amount }),
        requests: [
          {
            method: "POST",
            setupRequest: (request, context) => {
              // autocannon gives each request a fresh context, so participants are lent from a queue:
              // taken here, given back with its new version when the answer comes. A connection has
              // one request in flight, but autocannon builds a request ahead when it sets a connection up: 400
              // participants serve 100 connections without conflicts.
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
      const goal = connections === 10 ? { minRps: 800, maxP99Ms: 50 } : { maxP99Ms: 1000 };
      rows.push(...loadRows(`POST a move (hold / resume), ${connections} connections`, summary(result, 303), goal, `${applied} applied, ${refused} refused`));
      extra[`moves${connections}`] = { applied, refused };
    }
  } finally {
    server.kill("SIGTERM");
  }
  return { rows, extra };
}
