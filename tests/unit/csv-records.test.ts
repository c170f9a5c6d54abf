// Reading CSV a piece at a time gives what csv-parse gives on the whole text: the same records on the
// same lines, wherever the pieces and the chunks fall (inside quotes, between \r and \n).
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvRecords, CsvUnreadable } from "../../app/modules/transfer/csv-records.server";

function wholeParse(text: string): { record: string[]; line: number }[] {
  return (parse as (input: string, options: object) => { record: string[]; line: number }[])(text, {
    bom: true,
    delimiter: ",",
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (record: string[], context: { lines: number }) => ({ record, line: context.lines }),
  });
}

function chunked(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
  return chunks;
}

const cell = fc.oneof(
  fc.constantFrom("", "a", "Siti", "Usaha", "x".repeat(40)),
  fc.constantFrom('"dua\nbaris"', '"kata ""kutip"""', '"a,b"', '"\r\n"', '""'),
);
const csvText = fc
  .tuple(
    fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 60 }),
    fc.constantFrom("\n", "\r\n"),
    fc.boolean(),
  )
  .map(([rows, eol, trailing]) => rows.map((r) => r.join(",")).join(eol) + (trailing ? eol : ""));

describe("csvRecords", () => {
  it("yields the records and lines of a whole-text parse, for any piece and chunk size", () => {
    fc.assert(
      fc.property(csvText, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 50 }), (text, pieceChars, chunkSize) => {
        expect([...csvRecords(chunked(text, chunkSize), pieceChars)]).toEqual(wholeParse(text));
      }),
      { numRuns: 400 },
    );
  });

  it("reports an unreadable file at the line a whole-text parse fails on", () => {
    const text = 'a,b\nc,d\n"open,e\nf,g\n';
    let wholeLine = 0;
    try {
      wholeParse(text);
    } catch (error) {
      wholeLine = Number((error as { lines: number }).lines);
    }
    expect(wholeLine).toBeGreaterThan(0);
    for (const pieceChars of [1, 4, 1000]) {
      expect(() => [...csvRecords(chunked(text, 3), pieceChars)]).toThrow(CsvUnreadable);
      try {
        Array.from(csvRecords(chunked(text, 3), pieceChars));
      } catch (error) {
        expect((error as CsvUnreadable).line).toBe(wholeLine);
      }
    }
  });

  it("an empty file has no records", () => {
    expect([...csvRecords([])]).toEqual([]);
    expect([...csvRecords(["", ""])]).toEqual([]);
  });
});
