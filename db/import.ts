// Imports registrations from a CSV file without the web page's upload limit, through the same
// module as /impor (same checks, same all-or-nothing transaction, same audit log entry).
//
//   npm run import -- --file registrations.csv --agency PPKUKM [--db data/pas-tracker.sqlite] [--as koordinator@pas.demo] [--dry-run]
//
// --as names the coordinator the import is recorded for (and whose city limits the districts);
// without it the import is recorded without a user, for the whole region.
import { eq } from "drizzle-orm";
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { serverI18n } from "../app/modules/i18n/i18n.server";
import { importRegistrations } from "../app/modules/transfer/import.server";
import { databasePath, openDatabase } from "./client";
import { agencies, users } from "./schema";

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    db: { type: "string" },
    agency: { type: "string" },
    as: { type: "string" },
    "dry-run": { type: "boolean", default: false },
  },
});
if (!values.file || !values.agency) {
  console.error("usage: npm run import -- --file x.csv --agency CODE [--db path] [--as email] [--dry-run]");
  process.exit(2);
}

const db = openDatabase(values.db ?? databasePath());
const agency = db.select().from(agencies).where(eq(agencies.code, values.agency)).get();
if (!agency) {
  console.error(`Unknown agency code ${values.agency}`);
  process.exit(2);
}
const actor = values.as ? db.select().from(users).where(eq(users.email, values.as)).get() : undefined;
if (values.as && actor?.role !== "coordinator") {
  console.error(`${values.as} is not a coordinator`);
  process.exit(2);
}

/** The file a megabyte at a time, from its start at each call: the import reads it twice, never whole. */
function* fileChunks(path: string): Generator<string> {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder("utf8");
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) yield decoder.write(buffer.subarray(0, n));
    yield decoder.end();
  } finally {
    closeSync(fd);
  }
}

const file = values.file;
const started = performance.now();
const { report, allProblems } = importRegistrations(db, { id: actor?.id ?? null, cityId: actor?.cityId ?? null }, {
  fileName: basename(values.file),
  read: () => fileChunks(file),
  agencyId: agency.id,
  dryRun: values["dry-run"],
});
const seconds = (performance.now() - started) / 1000;
const t = serverI18n("en").t as unknown as (key: string, values?: Record<string, unknown>) => string;
for (const problem of allProblems) console.log(`line ${problem.line}${problem.column ? ` (${problem.column})` : ""}: ${t(problem.message, problem.values)}`);
const verb = report.dryRun ? "would add" : "added";
console.log(
  `${report.rows} rows: ${verb} ${report.added}, already present ${report.alreadyPresent}, problems ${report.problemCount}` +
    `${report.problemCount && !report.dryRun ? " (nothing imported)" : ""}; ${seconds.toFixed(1)} s, ${Math.round(report.rows / seconds)} rows/s, ` +
    `peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);
db.$client.close();
process.exit(report.problemCount ? 1 : 0);
