// Import throughput: 300,000 generated valid rows, dry run then the real import, on a fresh
// database from the real migrations. Prints rows/s. Run with `npm run bench:import` (too slow for
// the test suite; tests/integration/import.test.ts imports 2,000 rows).
import { statSync, writeFileSync } from "node:fs";
import { importRegistrations } from "../../app/modules/transfer/import.server";
import { freshDatabase, tempDbPath } from "../helpers/db";
import { validImportCsv } from "../helpers/import-rows";

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 300_000);
const env = freshDatabase("import-bench");
try {
  const text = validImportCsv(ROWS, [env.district.name, env.otherDistrict.name]);
  const file = tempDbPath("import-bench").replace(/\.sqlite$/, ".csv");
  writeFileSync(file, text);
  console.log(`${ROWS.toLocaleString("en")} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB of CSV`);
  const importer = { id: null, cityId: null };
  const input = { fileName: "bench.csv", text, agencyId: env.agency.id };
  for (const dryRun of [true, false, false]) {
    const started = performance.now();
    const { report } = importRegistrations(env.db, importer, { ...input, dryRun });
    const seconds = (performance.now() - started) / 1000;
    const label = dryRun ? "dry run" : report.added ? "import" : "re-import (all skipped)";
    console.log(`${label.padEnd(24)} ${seconds.toFixed(1).padStart(5)} s  ${Math.round(ROWS / seconds).toLocaleString("en").padStart(8)} rows/s  added ${report.added}, present ${report.alreadyPresent}, problems ${report.problemCount}`);
  }
} finally {
  env.close();
}
