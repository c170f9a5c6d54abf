// The reads every list page and the overview make are compiled once per database handle: the tally
// sums (their moments bound by name) and the navigation's Hari ini count (bound by placeholder). A
// later moment compiles nothing again, and gives what a handle compiling afresh gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { generateDatabase } from "../../db/generate";
import { getOverviewSummary } from "../../app/modules/dashboard/overview.server";
import { listCohorts } from "../../app/modules/dashboard/cohorts.server";
import { readSummary, scopeCounts } from "../../app/modules/tallies/tallies.server";
import { countToday } from "../../app/modules/today/today.server";
import type { Viewer } from "../../app/modules/access/scope.server";
import { DAY_MS } from "../../machines/time";
import { removeDbFiles, tempDbPath } from "../helpers/db";

const NOW = Date.UTC(2026, 2, 31);

let path: string;
let db: Db;
let coordinator: Viewer;
let mentor: Viewer;

beforeAll(async () => {
  path = tempDbPath("compiled-statements");
  await generateDatabase({ participants: 600, out: path, seed: 5, now: NOW });
  db = openDatabase(path);
  const user = (role: string) =>
    db.$client.prepare("SELECT id, role, city_id AS cityId, agency_id AS agencyId FROM users WHERE role = ? AND active = 1 ORDER BY id LIMIT 1").get(role) as Viewer;
  coordinator = { ...user("coordinator"), cityId: null };
  mentor = user("mentor");
}, 120_000);

afterAll(() => {
  db?.$client.close();
  removeDbFiles(path);
});

/** The texts `db` compiles while `read` runs (the real handle's prepare, counted). */
function compiledDuring(handle: Db, read: () => void): string[] {
  const client = handle.$client;
  const prepare = client.prepare;
  const texts: string[] = [];
  client.prepare = ((text: string) => {
    texts.push(text);
    return prepare.call(client, text);
  }) as typeof prepare;
  try {
    read();
  } finally {
    client.prepare = prepare;
  }
  return texts;
}

// Each moment a few days after the clock (the generator leaves it at NOW), so the reads add what
// crossed an onset since: the statements with named moments.
const moments = [NOW + 2 * DAY_MS, NOW + 9 * DAY_MS + 1234, NOW + 40 * DAY_MS];

const reads = (handle: Db, now: number) => ({
  counts: [scopeCounts(handle, coordinator, now), scopeCounts(handle, mentor, now)],
  summary: readSummary(handle, coordinator, now),
  overview: getOverviewSummary(handle, coordinator, { now }),
  cohorts: listCohorts(handle, coordinator, { now }),
  today: countToday(handle, mentor.id, now),
});

describe("compiled statements", () => {
  it("the tally sums and the Hari ini count are compiled once, whatever the moment", () => {
    reads(db, moments[0]!);
    for (const now of moments.slice(1)) {
      const texts = compiledDuring(db, () => reads(db, now));
      // Other reads are still built each time; the tally sums (named moments) and the count (its
      // kinds selected from "(SELECT 1)") are not.
      expect(texts.filter((text) => text.includes("@clock") || text.includes("(SELECT 1)"))).toEqual([]);
      expect(texts.length).toBeGreaterThan(0);
    }
  });

  it("a statement compiled for one moment gives at another what a fresh handle gives", () => {
    for (const now of moments) {
      const fresh = openDatabase(path);
      try {
        expect(reads(db, now)).toEqual(reads(fresh, now));
      } finally {
        fresh.$client.close();
      }
    }
  });
});
