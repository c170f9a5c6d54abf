// `npm run bench [-- --db data/bench-300k.sqlite] [--quick]`: every figure issue 5 asks for, in one
// run against the province-size database (generated first when missing), written as JSON under
// tests/bench/results/ and printed as the README's table. Not part of `npm test`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, hostname, totalmem } from "node:os";
import { resolve } from "node:path";
import { openDatabase } from "../../db/client";
import { benchHttp } from "./http";
import { benchLoaders } from "./loaders";
import { benchMoves } from "./moves";
import { benchImport } from "./import";
import type { Row } from "./table";
import { markdownTable } from "./table";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes("--quick");
const participants = Number(option("participants") ?? 300_000);
const dbPath = resolve(option("db") ?? `data/bench-${participants / 1000}k.sqlite`);

if (!existsSync(dbPath)) {
  console.log(`No database at ${dbPath}: generating ${participants} participants (a few minutes) …`);
  execFileSync(process.execPath, ["--import", "tsx", "db/generate.ts", "--participants", String(participants), "--out", dbPath], {
    stdio: "inherit",
  });
}

const db = openDatabase(dbPath);
const counts = db.$client
  .prepare("SELECT (SELECT count(*) FROM participants) AS participants, (SELECT count(*) FROM transition_log) AS log")
  .get() as { participants: number; log: number };
console.log(`Database ${dbPath}: ${counts.participants} participants, ${counts.log} log entries`);

const rows: Row[] = [];
rows.push(...benchLoaders(db, { quick }));
rows.push(...benchMoves(db, { quick }));
db.$client.close();
const http = await benchHttp(dbPath, { quick });
rows.push(...http.rows);
rows.push(...benchImport({ rows: quick ? 30_000 : 300_000 }));

const machine = {
  host: hostname(),
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const result = { date: new Date().toISOString(), machine, database: { path: dbPath, ...counts }, rows, extra: http.extra };
mkdirSync("tests/bench/results", { recursive: true });
const file = `tests/bench/results/${result.date.slice(0, 10)}${quick ? "-quick" : ""}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\n${markdownTable(rows)}\n\nMachine: ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}. Results: ${file}`);
