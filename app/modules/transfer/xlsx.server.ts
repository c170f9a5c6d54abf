// A minimal streaming XLSX writer: one sheet of text and numbers, written row by row.
//
// An XLSX file is a zip of a few XML parts, and only the sheet grows with the data. We write the XML
// ourselves (a handful of fixed parts and one <row> per row) and leave the zip container to fflate:
// its Zip writes each entry's header, then sizes and CRC in a data descriptor after the data, then
// the central directory, handing bytes back as soon as they exist, so memory does not grow with the
// row count. The npm workbook writers either build the whole workbook in memory (write-excel-file)
// or bring a large dependency tree for far more than we need (exceljs).
//
// Compression is Node's zlib rather than fflate's own deflate: fflate's is JavaScript and made a
// 300,000-row export three to four times slower. Each batch of rows is deflated on its own and ended
// with a sync flush (Z_SYNC_FLUSH), which ends on a byte boundary with no final block; the batches
// concatenated, then the final block, are one valid deflate stream.
// Limits: fflate writes no ZIP64, so a sheet must stay under 4 GB uncompressed (300,000 rows are
// about 100 MB).
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from "fflate";
import { constants, crc32, deflateRawSync } from "node:zlib";
import type { Cell } from "./csv";

const BATCH_BYTES = 64 * 1024;
const DEFLATE = 8;
const encoder = new TextEncoder();

/**
 * A zip entry deflated by zlib, for fflate's Zip: we count the size and CRC (zlib's crc32, native
 * too) of what is pushed, and compress it.
 */
class ZlibDeflate implements ZipInputFile {
  readonly compression = DEFLATE;
  size = 0;
  crc = 0;
  ondata?: AsyncFlateStreamHandler;

  constructor(readonly filename: string) {}

  push(chunk: Uint8Array, final: boolean): void {
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    this.ondata!(null, deflateRawSync(chunk, { finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }), final);
  }
}

/** Writes zip entries one after another, yielding bytes as fflate produces them. */
class ZipStream {
  private ready: Uint8Array[] = [];
  private readonly zip = new Zip((error, chunk) => {
    if (error) throw error;
    this.ready.push(chunk);
  });

  private *drain(): Generator<Uint8Array> {
    const chunks = this.ready;
    this.ready = [];
    yield* chunks;
  }

  *entry(name: string, parts: Iterable<string>): Generator<Uint8Array> {
    const file = new ZlibDeflate(name);
    this.zip.add(file);
    for (const part of parts) {
      file.push(encoder.encode(part), false);
      yield* this.drain();
    }
    file.push(new Uint8Array(0), true);
    yield* this.drain();
  }

  /** The central directory and its end record. */
  *finish(): Generator<Uint8Array> {
    this.zip.end();
    yield* this.drain();
  }
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Text for XML: escaped, and without the control characters XML 1.0 cannot hold. */
function xmlText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- these are the control characters to remove
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";
}

// Inline strings are never evaluated, so text starting with "=" stays text here: no escaping needed.
function cellXml(cell: Cell, style = ""): string {
  if (cell === null || cell === "") return "<c/>";
  if (typeof cell === "number" && Number.isFinite(cell)) return `<c${style}><v>${cell}</v></c>`;
  return `<c${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(String(cell))}</t></is></c>`;
}

function* sheetParts(header: readonly string[], rows: Iterable<readonly Cell[]>): Generator<string> {
  let batch =
    `${XML}<worksheet xmlns="${MAIN}"><sheetViews><sheetView workbookViewId="0">` +
    `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>` +
    `<row>${header.map((cell) => cellXml(cell, ' s="1"')).join("")}</row>`;
  for (const row of rows) {
    batch += `<row>${row.map((cell) => cellXml(cell)).join("")}</row>`;
    if (batch.length >= BATCH_BYTES) {
      yield batch;
      batch = "";
    }
  }
  yield `${batch}</sheetData></worksheet>`;
}

/** The bytes of a one-sheet workbook, produced as the rows are read. */
export function* xlsxChunks(name: string, header: readonly string[], rows: Iterable<readonly Cell[]>): Generator<Uint8Array> {
  const zip = new ZipStream();
  yield* zip.entry("[Content_Types].xml", [
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  ]);
  yield* zip.entry("_rels/.rels", [
    `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ]);
  yield* zip.entry("xl/workbook.xml", [
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ]);
  yield* zip.entry("xl/_rels/workbook.xml.rels", [
    `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  ]);
  // Style 1 is the header row's bold font.
  yield* zip.entry("xl/styles.xml", [
    `${XML}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`,
  ]);
  yield* zip.entry("xl/worksheets/sheet1.xml", sheetParts(header, rows));
  yield* zip.finish();
}
