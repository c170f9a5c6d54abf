// The registration import's file format: one row per participant, the columns of the registration
// form (minus the account: imported participants get no login). Safe for both sides: the page
// lists the columns, the server reads them. See docs/decisions/0003-import-export.md.

/** Column name in the file → the registration form's field. */
export const IMPORT_COLUMNS = {
  nama_lengkap: "fullName",
  nik: "nik",
  telepon: "phone",
  jalur: "track",
  nama_usaha: "businessName",
  sektor: "sector",
  kecamatan: "districtId",
  dasar_domisili: "domicileBasis",
  rencana_usaha: "businessPlan",
  rencana_pengembangan: "developmentPlan",
  bukti_kepemilikan: "ownershipProof",
  // The baseline at P1, each optional (empty: belum tahu): rupiah as typed, a whole number, ya/tidak/belum tahu.
  omset_per_bulan: "entryTurnover",
  modal_usaha: "entryCapital",
  jumlah_pekerja: "entryWorkers",
  punya_nib: "entryNib",
} as const;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;
export const IMPORT_COLUMN_NAMES = Object.keys(IMPORT_COLUMNS) as ImportColumn[];

/** Columns a file must have; the others may be left out (empty means "no" or "not needed"). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["nama_lengkap", "nik", "telepon", "jalur", "nama_usaha", "sektor", "kecamatan"];

/** Uploads through the page stop here; bigger files go through `npm run import`. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** How many problems the page lists; all of them are in the downloadable CSV. */
export const ERRORS_SHOWN = 50;

/** One problem in the file: its line (1 is the header; 0 for the whole file), column and message key. */
export type ImportProblem = { line: number; column: string | null; message: string; values?: Record<string, string | number> };

export type ImportReport = {
  fileName: string;
  /** Data rows read (the header not counted). */
  rows: number;
  /** Rows that would be (or were) added. */
  added: number;
  /** Rows whose NIK the agency already has: skipped, so a file can be imported again safely. */
  alreadyPresent: number;
  /** Number of problems; `problems` holds the first ERRORS_SHOWN of them. */
  problemCount: number;
  problems: ImportProblem[];
  dryRun: boolean;
  /** True only when a real import wrote its rows. */
  imported: boolean;
};

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first).
 * Refused in imported names; prefixed with ' on CSV export (OWASP "CSV injection").
 */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}
