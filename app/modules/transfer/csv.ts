// Writing CSV (every CSV the app hands out: exports, the import's problem list, the monthly report):
// cells quoted when needed and never runnable as a spreadsheet formula, lines ended with CRLF (RFC 4180).
import { looksLikeFormula } from "./import-format";

export type Cell = string | number | null;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe, which spreadsheets show as text (OWASP "CSV injection"); numbers stay numbers.
 */
export function csvCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  const text = looksLikeFormula(cell) ? `'${cell}` : cell;
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/** A whole file, starting with a UTF-8 byte order mark so that Excel reads UTF-8. */
export function csvFile(rows: readonly (readonly Cell[])[]): string {
  return "\uFEFF" + rows.map(csvLine).join("");
}
