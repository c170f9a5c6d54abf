// How long the coordinator's overview takes on a large database (not a timed test: it reports).
//   npx tsx tests/bench/dashboard.ts <database file> [rounds]
// Prints p50/p95 of: the rollup computed afresh (a cache miss), the overview served from a kept
// rollup (what most requests see), the cohort list, and the indicators, for the province and one city.
import { openDatabase } from "../../db/client";
import { listCohorts } from "../../app/modules/dashboard/cohorts.server";
import { getIndicators } from "../../app/modules/dashboard/indicators.server";
import { getOverview } from "../../app/modules/dashboard/overview.server";
import type { Viewer } from "../../app/modules/participants/scope.server";

const [file, roundsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: tsx tests/bench/dashboard.ts <database file> [rounds]");
const rounds = Number(roundsArg ?? 20);
const db = openDatabase(file);
const count = (db.$client.prepare("SELECT count(*) AS n FROM participants").get() as { n: number }).n;
const cityId = (db.$client.prepare("SELECT city_id AS id FROM users WHERE role = 'coordinator' AND city_id IS NOT NULL LIMIT 1").get() as { id: number }).id;

function measure(label: string, run: () => unknown, n = rounds): void {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${label.padEnd(44)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms   (${n} runs)`);
}

console.log(`${count.toLocaleString("en")} participants in ${file}`);
for (const [name, viewer] of [
  ["province", { id: 1, role: "coordinator", cityId: null, agencyId: null }],
  ["city", { id: 2, role: "coordinator", cityId, agencyId: null }],
] as [string, Viewer][]) {
  measure(`${name}: overview, rollup computed afresh`, () => getOverview(db, viewer, { maxAgeMs: 0 }), Math.min(rounds, 5));
  getOverview(db, viewer);
  measure(`${name}: overview from the kept rollup`, () => getOverview(db, viewer));
  measure(`${name}: overview by cohort, kept rollup`, () => getOverview(db, viewer, { by: "cohort" }));
  measure(`${name}: cohort list (sorted by stalled share)`, () => listCohorts(db, viewer));
  measure(`${name}: indicators`, () => getIndicators(db, viewer), Math.min(rounds, 5));
}
