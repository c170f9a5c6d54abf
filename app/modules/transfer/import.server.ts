// Importing registrations from a CSV file (coordinators, /impor, and `npm run import`).
// Every row is checked with the walk-in registration's own schema (same NIK rules, same messages);
// the agency is chosen for the whole file and the district comes from each row, within the
// coordinator's scope. A dry run reports every problem and what would be added; the real import is
// one transaction that writes nothing if any row is bad, and skips NIKs the agency already has, so
// running the same file twice adds its people once. The file is read once, record by record, and each
// good row is written as it is checked, inside the transaction (a problem anywhere rolls it all
// back): memory holds one NIK hash per row, not the rows.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, auditLog, cities, districts, mentorDistricts, participants, users } from "../../../db/schema";
import { nikColumns, nikHmac } from "../identity/identity.server";
import { documentsStatementOf, domicileBasisOf, walkInSchema, type WalkInValue } from "../participants/registration";
import { baselineColumns } from "../participants/baseline";
import { csvLine } from "./csv";
import { csvRecords, CsvUnreadable } from "./csv-records.server";
import { dropSecondaryIndexes } from "../../../db/bulk-load";
import { analyzeDatabase } from "../../../db/optimize";
import { insertRegistrations, type BulkRegistration } from "./bulk-register.server";
import {
  ERRORS_SHOWN,
  IMPORT_COLUMN_NAMES,
  IMPORT_COLUMNS,
  looksLikeFormula,
  REQUIRED_COLUMNS,
  type ImportColumn,
  type ImportProblem,
  type ImportReport,
} from "./import-format";

/** Who imports: a coordinator (their city limits the districts), or the command line (id null, whole region). */
export type Importer = { id: number | null; cityId: number | null };

/** The form field → the file's column, to name the column of a schema problem. */
const COLUMN_OF_FIELD = Object.fromEntries(Object.entries(IMPORT_COLUMNS).map(([column, field]) => [field, column])) as Record<string, ImportColumn>;

const YES = new Set(["ya", "y", "yes", "true", "1", "benar"]);
const NO = new Set(["", "tidak", "t", "no", "n", "false", "0", "salah"]);

export function listAgencies(db: Db): { id: number; name: string }[] {
  return db.select({ id: agencies.id, name: agencies.name }).from(agencies).orderBy(asc(agencies.name)).all();
}

const headerName = (cell: string) => cell.trim().toLowerCase().replace(/\s+/g, "_");

type FileRecord = { line: number; cells: Partial<Record<ImportColumn, string>>; fieldCount: number };

/** The problems of a header line (missing or unknown columns); none means the rows may be read. */
function headerProblems(header: string[]): ImportProblem[] {
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  const problems: ImportProblem[] = [];
  if (missing.length) problems.push({ line: 1, column: null, message: "transfer.import.problem.missingColumns", values: { columns: missing.join(", ") } });
  const unknown = header.filter((name) => name !== "" && !(IMPORT_COLUMN_NAMES as string[]).includes(name));
  if (unknown.length) problems.push({ line: 1, column: null, message: "transfer.import.problem.unknownColumns", values: { columns: unknown.join(", ") } });
  return problems;
}

/** The file's rows as records of named cells; the header comes first (or an empty file yields nothing). */
function* fileRecords(chunks: Iterable<string>): Generator<{ header: string[] } | FileRecord> {
  let header: string[] | undefined;
  for (const { record, line } of csvRecords(chunks)) {
    if (!header) {
      header = record.map(headerName);
      yield { header };
      continue;
    }
    const cells: Partial<Record<ImportColumn, string>> = {};
    for (let i = 0; i < header.length; i++) if (header[i] !== "") cells[header[i] as ImportColumn] = record[i] ?? undefined;
    yield { line, cells, fieldCount: record.length };
  }
}

type Scope = {
  /** District name (lower case) → ids in the importer's scope. */
  districtsByName: Map<string, number[]>;
  /** Names of districts outside the scope, to say "not your city" rather than "unknown". */
  outside: Set<string>;
  /** The agency's mentor for each district (its first active mentor there). */
  mentorOf: Map<number, number>;
};

function loadScope(db: Db, importer: Importer, agencyId: number): Scope {
  const all = db.select({ id: districts.id, name: districts.name, cityId: districts.cityId }).from(districts).all();
  const districtsByName = new Map<string, number[]>();
  const outside = new Set<string>();
  for (const district of all) {
    const key = district.name.trim().toLowerCase();
    if (importer.cityId != null && district.cityId !== importer.cityId) {
      outside.add(key);
      continue;
    }
    districtsByName.set(key, [...(districtsByName.get(key) ?? []), district.id]);
  }
  const mentorOf = new Map<number, number>();
  const assigned = db
    .select({ districtId: mentorDistricts.districtId, mentorId: users.id })
    .from(mentorDistricts)
    .innerJoin(users, eq(users.id, mentorDistricts.mentorId))
    .where(and(eq(users.role, "mentor"), eq(users.active, true), eq(users.agencyId, agencyId)))
    .orderBy(asc(users.id))
    .all();
  for (const row of assigned) if (!mentorOf.has(row.districtId)) mentorOf.set(row.districtId, row.mentorId);
  return { districtsByName, outside, mentorOf };
}

function existingNikHmacs(db: Db, agencyId: number): Set<string> {
  return new Set(db.select({ h: participants.nikHmac }).from(participants).where(eq(participants.agencyId, agencyId)).all().map((r) => r.h));
}

type CheckedRow = { line: number; value: WalkInValue; hmac: string };

/** Checks one record; pushes its problems and returns the value when it has none. */
function checkRecord(record: FileRecord, columnCount: number, scope: Scope, problems: ImportProblem[]): WalkInValue | null {
  const { line, cells } = record;
  if (record.fieldCount !== columnCount) {
    problems.push({ line, column: null, message: "transfer.import.problem.fieldCount", values: { found: record.fieldCount, expected: columnCount } });
    return null;
  }
  const before = problems.length;
  const flag = (column: ImportColumn): boolean | undefined => {
    const raw = (cells[column] ?? "").trim().toLowerCase();
    if (YES.has(raw)) return true;
    if (NO.has(raw)) return false;
    problems.push({ line, column, message: "transfer.import.problem.yesNo" });
    return undefined;
  };
  for (const column of ["nama_lengkap", "nama_usaha"] as const) {
    if (looksLikeFormula(cells[column] ?? "")) problems.push({ line, column, message: "transfer.import.problem.formula" });
  }
  const districtName = (cells.kecamatan ?? "").trim().toLowerCase();
  const ids = scope.districtsByName.get(districtName);
  let districtId: number | undefined;
  if (districtName === "") problems.push({ line, column: "kecamatan", message: "validation.required" });
  else if (!ids) {
    problems.push({ line, column: "kecamatan", message: scope.outside.has(districtName) ? "transfer.import.problem.districtOutside" : "transfer.import.problem.districtUnknown" });
  } else if (ids.length > 1) problems.push({ line, column: "kecamatan", message: "transfer.import.problem.districtAmbiguous" });
  else districtId = ids[0];
  const domicile = (cells.dasar_domisili ?? "").trim();
  const input = {
    fullName: cells.nama_lengkap,
    nik: cells.nik,
    phone: cells.telepon,
    track: cells.jalur?.trim(),
    businessName: cells.nama_usaha,
    sector: cells.sektor?.trim(),
    districtId: districtId ?? 0,
    domicileBasis: domicile === "" ? undefined : domicile,
    businessPlan: flag("rencana_usaha"),
    developmentPlan: flag("rencana_pengembangan"),
    ownershipProof: flag("bukti_kepemilikan"),
    ...baselineCells(cells),
  };
  const parsed = walkInSchema.safeParse(input);
  if (!parsed.success) {
    // A column already reported above (district, yes/no) is said once, in the file's terms.
    const reported = new Set(problems.slice(before).map((p) => p.column));
    for (const issue of parsed.error.issues) {
      const column = COLUMN_OF_FIELD[String(issue.path[0] ?? "")] ?? null;
      if (!reported.has(column)) problems.push({ line, column, message: issue.message });
    }
  }
  return problems.length === before && parsed.success ? parsed.data : null;
}

/** The baseline columns as the form's fields: an empty cell is "belum tahu". */
function baselineCells(cells: Record<string, string | undefined>) {
  const cell = (column: string) => {
    const value = (cells[column] ?? "").trim();
    return value === "" ? undefined : value;
  };
  const workers = cell("jumlah_pekerja");
  const nib = cell("punya_nib")?.toLowerCase();
  return {
    entryTurnover: cell("omset_per_bulan"),
    entryCapital: cell("modal_usaha"),
    entryWorkers: workers === undefined ? undefined : /^\d+$/.test(workers) ? Number(workers) : Number.NaN,
    entryNib: nib === undefined || nib === "belum tahu" ? undefined : YES.has(nib) ? "yes" : NO.has(nib) ? "no" : nib,
  };
}

/** What checking the whole file found: each good row's NIK hash (with its line), the problems, the row count. */
type Checked = { lines: Map<string, number>; problems: ImportProblem[]; total: number };

/**
 * Reads the file and checks every row, yielding the good ones as it goes and filling `checked`.
 * A problem in the header, an unknown agency or an unreadable file leaves only that one problem.
 */
function* checkFile(db: Db, importer: Importer, agencyId: number, chunks: Iterable<string>, checked: Checked): Generator<CheckedRow> {
  const stop = (problem: ImportProblem) => {
    checked.lines.clear();
    checked.problems.splice(0, checked.problems.length, problem);
    checked.total = 0;
  };
  try {
    let width = 0;
    let headerSeen = false;
    let scope: Scope | undefined;
    for (const item of fileRecords(chunks)) {
      if ("header" in item) {
        headerSeen = true;
        const problems = headerProblems(item.header);
        if (problems.length) return void checked.problems.push(...problems);
        const agency = db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId)).get();
        // An unknown agency: the rows are counted, not checked.
        if (agency) scope = loadScope(db, importer, agencyId);
        else checked.problems.push({ line: 0, column: null, message: "transfer.import.problem.agencyUnknown" });
        width = item.header.length;
        continue;
      }
      checked.total++;
      if (!scope) continue;
      const value = checkRecord(item, width, scope, checked.problems);
      if (!value) continue;
      const hmac = nikHmac(value.nik);
      const first = checked.lines.get(hmac);
      if (first !== undefined) {
        checked.problems.push({ line: item.line, column: "nik", message: "transfer.import.problem.duplicateInFile", values: { line: first } });
        continue;
      }
      checked.lines.set(hmac, item.line);
      yield { line: item.line, value, hmac };
    }
    if (!headerSeen) stop({ line: 0, column: null, message: "transfer.import.problem.empty" });
  } catch (error) {
    if (!(error instanceof CsvUnreadable)) throw error;
    stop({ line: error.line, column: null, message: "transfer.import.problem.unreadable" });
  }
}

const nothingChecked = (): Checked => ({ lines: new Map(), problems: [], total: 0 });

export type ImportInput = {
  fileName: string;
  agencyId: number;
  dryRun: boolean;
  at?: number;
} & (
  | { text: string }
  /** The file in chunks of any size, from its start at each call (it is read twice). */
  | { read: () => Iterable<string> }
);

export type ImportOutcome = {
  report: ImportReport;
  /** Every problem (the report holds only the first ERRORS_SHOWN), for the downloadable list. */
  allProblems: ImportProblem[];
};

function toRegistration(row: CheckedRow, agencyId: number, mentorOf: Map<number, number>): BulkRegistration {
  const { value } = row;
  const nik = value.nik;
  return {
    fullName: value.fullName,
    ...nikColumns(nik, row.hmac),
    phone: value.phone,
    track: value.track,
    domicileBasis: domicileBasisOf(value),
    businessName: value.businessName,
    sector: value.sector,
    documentsStatement: documentsStatementOf(value),
    districtId: value.districtId,
    agencyId,
    mentorId: mentorOf.get(value.districtId) ?? null,
    ...baselineColumns(value),
  };
}

/**
 * Checks a file and, unless it is a dry run or any row is bad, imports it: one BEGIN IMMEDIATE
 * transaction for the whole file, NIKs the agency already has skipped, and an audit log entry
 * (who, file name, counts; no personal data).
 */
export function importRegistrations(db: Db, importer: Importer, input: ImportInput): ImportOutcome {
  const at = input.at ?? Date.now();
  const chunks = "text" in input ? [input.text] : input.read();
  const checked = nothingChecked();
  const outcome = (added: number, alreadyPresent: number, imported: boolean): ImportOutcome => ({
    report: {
      fileName: input.fileName,
      rows: checked.total,
      added,
      alreadyPresent,
      problemCount: checked.problems.length,
      problems: checked.problems.slice(0, ERRORS_SHOWN),
      dryRun: input.dryRun,
      imported,
    },
    allProblems: checked.problems,
  });
  // A dry run counts what the good rows would do even when others are bad; a real import stops.
  if (input.dryRun) {
    const existing = existingNikHmacs(db, input.agencyId);
    let present = 0;
    for (const row of checkFile(db, importer, input.agencyId, chunks, checked)) if (existing.has(row.hmac)) present++;
    return outcome(checked.lines.size - present, present, false);
  }

  // A big file touches index pages all over (the NIK index is in HMAC order): a larger page cache
  // for the length of the import keeps most of them in memory, and bounds it (beyond it, SQLite
  // spills written pages to the WAL before the commit).
  const sqlite = db.$client;
  const cacheSize = sqlite.pragma("cache_size", { simple: true });
  sqlite.pragma(`cache_size = -${128 * 1024}`);
  try {
    return db.transaction(
      () => {
        // Statements on the same connection run inside this transaction; the NIKs the agency has are
        // read under the lock, so no one registers one of these people meanwhile.
        const existing = existingNikHmacs(db, input.agencyId);
        const { mentorOf } = loadScope(db, importer, input.agencyId);
        const load = new BulkLoad(db);
        const rows = freshRows(checkFile(db, importer, input.agencyId, chunks, checked), checked, existing, (row) => {
          load.adding();
          return toRegistration(row, input.agencyId, mentorOf);
        });
        const added = insertRegistrations(db, rows, importer.id, at);
        if (checked.problems.length) throw new BadFile();
        load.finish();
        const skipped = checked.lines.size - added;
        db.insert(auditLog)
          .values({
            actorUserId: importer.id,
            action: "import",
            subject: "import:participants",
            detail: { fileName: input.fileName, agencyId: input.agencyId, rows: checked.total, added, skipped },
            at,
          })
          .run();
        return outcome(added, skipped, true);
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof BadFile) return outcome(0, 0, false);
    throw error;
  } finally {
    sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  }
}

/** Thrown to roll the import's transaction back when the file has a problem: nothing of it stays. */
class BadFile extends Error {}

/**
 * The rows to write, as the file is checked: the good ones the agency does not have yet, until the
 * first problem. After it nothing more is written (the transaction will roll back), but the rest of
 * the file is still read, so that the report lists every problem.
 */
function* freshRows(
  checkedRows: Iterable<CheckedRow>,
  checked: Checked,
  existing: Set<string>,
  registration: (row: CheckedRow) => BulkRegistration,
): Generator<BulkRegistration> {
  for (const row of checkedRows) {
    if (checked.problems.length === 0 && !existing.has(row.hmac)) yield registration(row);
  }
}

/** The tables a registration writes rows into (the dashboard's counters are upserted once per file). */
const BULK_TABLES = ["participants", "transition_log", "stage_evidence"] as const;

/**
 * A large load builds the secondary indexes once after its rows rather than keep them in step with
 * each insert: once the file has added a quarter of the participants there were (and at least
 * BULK_ROWS), building them from all rows costs less than a dozen B-tree writes for each row still
 * to come. Such a load then renews the planner's statistics, which it has made stale.
 */
class BulkLoad {
  static readonly BULK_ROWS = 2_000;
  private added = 0;
  private readonly threshold: number;
  private rebuild: (() => void) | undefined;

  constructor(private readonly db: Db) {
    const present = db.$client.prepare("SELECT count(*) FROM participants").pluck().get() as number;
    this.threshold = Math.max(BulkLoad.BULK_ROWS, Math.ceil(present / 4));
  }

  /** One more row is about to be written. */
  adding(): void {
    if (++this.added === this.threshold) this.rebuild = dropSecondaryIndexes(this.db, BULK_TABLES);
  }

  finish(): void {
    if (!this.rebuild) return;
    this.rebuild();
    analyzeDatabase(this.db);
  }
}

/** The problems as a CSV file (line, column, message in the reader's language). */
export function problemsCsv(problems: ImportProblem[], t: (key: string, values?: Record<string, unknown>) => string): string {
  let csv = csvLine([t("transfer.import.errorsFile.line"), t("transfer.import.errorsFile.column"), t("transfer.import.errorsFile.message")]);
  for (const problem of problems) csv += csvLine([problem.line, problem.column, t(problem.message, problem.values)]);
  return csv;
}

/** The districts a coordinator may import into, grouped by city name (shown beside the form). */
export function importDistricts(db: Db, importer: Importer): { city: string; names: string[] }[] {
  const rows = db
    .select({ name: districts.name, city: cities.name })
    .from(districts)
    .innerJoin(cities, eq(cities.id, districts.cityId))
    .where(importer.cityId == null ? undefined : inArray(districts.cityId, [importer.cityId]))
    .orderBy(asc(cities.name), asc(districts.name))
    .all();
  const groups: { city: string; names: string[] }[] = [];
  for (const row of rows) {
    if (groups.at(-1)?.city !== row.city) groups.push({ city: row.city, names: [] });
    groups.at(-1)!.names.push(row.name);
  }
  return groups;
}

export type ImportHistoryEntry = { at: number; fileName: string; added: number; skipped: number };

/** The user's latest imports, from the audit log. */
export function recentImports(db: Db, userId: number, limit = 5): ImportHistoryEntry[] {
  return db
    .select({ at: auditLog.at, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.action, "import"), eq(auditLog.actorUserId, userId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all()
    .map(({ at, detail }) => {
      const d = detail as { fileName: string; added: number; skipped: number };
      return { at, fileName: d.fileName, added: d.added, skipped: d.skipped };
    });
}
