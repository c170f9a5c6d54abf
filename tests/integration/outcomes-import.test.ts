// The import carries the baseline at P1: optional columns (empty: belum tahu), rupiah as typed,
// workers a whole number from 1, NIB ya/tidak/belum tahu; a bad value is a problem of its column.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { importRegistrations } from "../../app/modules/transfer/import.server";
import { IMPORT_COLUMN_NAMES } from "../../app/modules/transfer/import-format";
import { freshDatabase } from "../helpers/db";
import { csvOf, validRow } from "../helpers/import-rows";

let env: ReturnType<typeof freshDatabase>;
let coordinator: { id: number; cityId: number | null };
beforeAll(() => {
  env = freshDatabase("outcomes-import");
  coordinator = { id: env.db.insert(t.users).values({ email: "prov@test", name: "Prov", role: "coordinator", passwordHash: "x", cityId: null }).returning().get().id, cityId: null };
});
afterAll(() => env.close());

const row = (i: number, baseline: Record<string, string>) => {
  const cells = validRow(i, ["Cakung"]);
  for (const [column, value] of Object.entries(baseline)) cells[IMPORT_COLUMN_NAMES.indexOf(column as never)] = value;
  return cells;
};

describe("import with a baseline", () => {
  it("stores the figures given and leaves the rest unknown", () => {
    const text = csvOf([
      row(1, { omset_per_bulan: "Rp 7.500.000", modal_usaha: "20.000.000", jumlah_pekerja: "3", punya_nib: "ya" }),
      row(2, { omset_per_bulan: "", modal_usaha: "", jumlah_pekerja: "", punya_nib: "belum tahu" }),
    ]);
    const { report } = importRegistrations(env.db, coordinator, { fileName: "b.csv", text, agencyId: env.agency.id, dryRun: false });
    expect(report.added).toBe(2);
    expect(
      env.db.$client.prepare("SELECT entry_turnover AS t, entry_assets AS c, entry_workers AS w, entry_has_nib AS n FROM participants ORDER BY id").all(),
    ).toEqual([
      { t: 7_500_000, c: 20_000_000, w: 3, n: 1 },
      { t: null, c: null, w: null, n: null },
    ]);
  });

  it("names the column of a bad baseline value and imports nothing", () => {
    const text = csvOf([row(3, { jumlah_pekerja: "0" }), row(4, { omset_per_bulan: "5.000,50" }), row(5, { punya_nib: "mungkin" })]);
    const { report, allProblems } = importRegistrations(env.db, coordinator, { fileName: "c.csv", text, agencyId: env.agency.id, dryRun: true });
    expect(report.added).toBe(0);
    expect(allProblems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, "jumlah_pekerja", "baseline.workersInvalid"],
      [3, "omset_per_bulan", "validation.amountCents"],
      [4, "punya_nib", "validation.choose"],
    ]);
  });
});
