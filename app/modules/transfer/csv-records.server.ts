// Reading a CSV file record by record, a piece at a time, so that neither the file nor its records
// need to be held whole: csv-parse's synchronous parser runs on pieces of about a megabyte, each cut
// where a record ends (after a newline outside quotes).
import { parse } from "csv-parse/sync";

export type CsvRecord = { record: string[]; line: number };

/** The file cannot be read as CSV (an unclosed quote …); `line` as csv-parse counts it. */
export class CsvUnreadable extends Error {
  constructor(readonly line: number) {
    super(`CSV unreadable at line ${line}`);
  }
}

const PIECE_CHARS = 1 << 20;

/**
 * Where the last record that ends within the first `limit` characters ends (0: none does). Outside
 * quotes every newline ends a record; a doubled quote inside a quoted cell toggles twice.
 */
function recordEndWithin(text: string, limit: number): number {
  let inQuotes = false;
  let end = 0;
  for (let from = 0; from < limit; ) {
    const quote = text.indexOf('"', from);
    const stop = quote === -1 || quote >= limit ? limit : quote;
    if (!inQuotes) {
      const newline = text.lastIndexOf("\n", stop - 1);
      if (newline >= from) end = newline + 1;
    }
    if (stop === limit) break;
    inQuotes = !inQuotes;
    from = quote + 1;
  }
  return end;
}

function newlines(text: string, from: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/** Excel set to Indonesian writes ";" between fields: take whichever the header line uses more. */
function delimiterOf(text: string): string {
  const newline = text.indexOf("\n");
  const header = newline === -1 ? text : text.slice(0, newline);
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
}

/**
 * The records of a text given in chunks of any size, with the line each ends on (1 is the first).
 * Throws CsvUnreadable where csv-parse gives up. `pieceChars`: how much to parse at once.
 */
export function* csvRecords(chunks: Iterable<string>, pieceChars = PIECE_CHARS): Generator<CsvRecord> {
  let pending = "";
  let linesBefore = 0;
  let delimiter: string | undefined;
  const parsePiece = (piece: string): CsvRecord[] => {
    delimiter ??= delimiterOf(piece);
    const offset = linesBefore;
    try {
      // on_record keeps only the line number of csv-parse's per-record info (cheaper than info: true).
      const records = (parse as (input: string, options: object) => CsvRecord[])(piece, {
        bom: true,
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (record: string[], context: { lines: number }) => ({ record, line: context.lines + offset }),
      });
      // The next piece starts on the line after the last record's, plus any empty lines after it.
      // (csv-parse's own count, not the newlines': a quoted CR LF counts as two lines there.)
      let tail = piece.length;
      while (tail > 0 && (piece[tail - 1] === "\n" || piece[tail - 1] === "\r")) tail--;
      const emptyLines = Math.max(0, newlines(piece, tail) - 1);
      linesBefore = records.length ? records.at(-1)!.line + emptyLines : linesBefore + newlines(piece, 0);
      return records;
    } catch (error) {
      throw new CsvUnreadable(offset + (Number((error as { lines?: unknown }).lines) || 0));
    }
  };
  for (const chunk of chunks) {
    pending += chunk;
    while (pending.length >= pieceChars) {
      // A record longer than a piece: take as much as ends a record, or wait for more text.
      const cut = recordEndWithin(pending, pieceChars) || recordEndWithin(pending, pending.length);
      if (cut === 0) break;
      yield* parsePiece(pending.slice(0, cut));
      pending = pending.slice(cut);
    }
  }
  if (pending !== "" || delimiter === undefined) yield* parsePiece(pending);
}
