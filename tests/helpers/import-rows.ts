// Valid registration rows for import tests and the import benchmark: every row passes the walk-in
// schema and has its own NIK (row i gets birth-year and serial digits from i: unique below 1,000,000).
import { IMPORT_COLUMN_NAMES } from "../../app/modules/transfer/import-format";
import { SECTORS } from "../../machines/vocabulary";

export function validNik(i: number): string {
  const day = String((i % 28) + 1 + (i % 2 ? 40 : 0)).padStart(2, "0");
  const month = String((i % 12) + 1).padStart(2, "0");
  const year = String(Math.floor(i / 10_000) % 100).padStart(2, "0");
  return `317201${day}${month}${year}${String(i % 10_000).padStart(4, "0")}`;
}

/** The cells of row i, in IMPORT_COLUMN_NAMES order. Every third row is on the naik kelas track. */
export function validRow(i: number, districts: readonly string[]): string[] {
  const naikKelas = i % 3 === 0;
  const cells: Record<string, string> = {
    nama_lengkap: `Peserta Impor ${i}`,
    nik: validNik(i),
    telepon: `0812${String(i).padStart(8, "0")}`,
    jalur: naikKelas ? "naik_kelas" : "pemula",
    nama_usaha: `Usaha "Maju" ${i}`,
    sektor: SECTORS[i % SECTORS.length]!,
    kecamatan: districts[i % districts.length]!,
    dasar_domisili: "",
    rencana_usaha: naikKelas ? "tidak" : "ya",
    rencana_pengembangan: naikKelas ? "ya" : "tidak",
    bukti_kepemilikan: naikKelas ? "ya" : "tidak",
  };
  return IMPORT_COLUMN_NAMES.map((name) => cells[name]!);
}

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function csvOf(rows: readonly (readonly string[])[], header: readonly string[] = IMPORT_COLUMN_NAMES): string {
  return [header, ...rows].map((row) => row.map(quote).join(",")).join("\n") + "\n";
}

/** A file of `count` valid rows, rows numbered from `from`. */
export function validImportCsv(count: number, districts: readonly string[], from = 1): string {
  const rows: string[][] = [];
  for (let i = from; i < from + count; i++) rows.push(validRow(i, districts));
  return csvOf(rows);
}
