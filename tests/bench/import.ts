// Import throughput: generated valid rows (300,000 by default), dry run then the real import, then
// the same file again (every row already present), on a fresh database from the real migrations.
import { statSync, writeFileSync, rmSync } from "node:fs";
import { importRegistrations } from "../../app/modules/transfer/import.server";
import { freshDatabase, tempDbPath } from "../helpers/db";
import { validImportCsv } from "../helpers/import-rows";
import type { Row } from "./table";

export function benchImport(options: { rows: number }): Row[] {
  const env = freshDatabase("import-bench");
  const file = tempDbPath("import-bench").replace(/\.sqlite$/, ".csv");
  const rows: Row[] = [];
  try {
    const text = validImportCsv(options.rows, [env.district.name, env.otherDistrict.name]);
    writeFileSync(file, text);
    const megabytes = (statSync(file).size / 1e6).toFixed(1);
    const importer = { id: null, cityId: null };
    const input = { fileName: "bench.csv", text, agencyId: env.agency.id };
    for (const dryRun of [true, false, false]) {
      const started = performance.now();
      const { report } = importRegistrations(env.db, importer, { ...input, dryRun });
      const seconds = (performance.now() - started) / 1000;
      const label = dryRun ? "dry run" : report.added ? "import" : "re-import (all already present)";
      const name = `CSV import of ${options.rows.toLocaleString("en")} rows (${megabytes} MB): ${label}`;
      console.log(`${name}: ${seconds.toFixed(1)} s, added ${report.added}, present ${report.alreadyPresent}, problems ${report.problemCount}`);
      // The goal: 300,000 rows imported in under 20 s.
      const goal = label === "import" && options.rows === 300_000 ? { goal: "< 20 s", met: seconds < 20 } : {};
      rows.push({ name, unit: "rows/s", median: Math.round(options.rows / seconds), note: `${seconds.toFixed(1)} s`, ...goal });
    }
  } finally {
    env.close();
    rmSync(file, { force: true });
  }
  return rows;
}
