// A minimal streaming XLSX writer: one sheet of text and numbers, written row by row.
//
// Why our own: an XLSX file is a zip of a few XML parts, and only the sheet grows with the data.
// The npm writers either build the whole workbook in memory (write-excel-file) or bring a large
// dependency tree for far more than we need (exceljs). Node's zlib gives us deflate and CRC-32, so
// ~100 lines write a valid file whose memory use does not grow with the row count.
//
// Streaming deflate without async streams: each batch of rows is deflated on its own and ended with
// a sync flush (Z_SYNC_FLUSH), which ends on a byte boundary with no final block; the batches
// concatenated, then an empty final block, are one valid deflate stream. Sizes and CRC follow each
// entry in a data descriptor (flag bit 3), so nothing has to be known before the data is written.
// Limits: no ZIP64, so a sheet must stay under 4 GB uncompressed (300,000 rows are about 100 MB).
import { constants, crc32, deflateRawSync } from "node:zlib";
import type { Cell } from "./csv";

const FLAGS = 0x0008 | 0x0800; // data descriptor follows; names are UTF-8
const DEFLATE = 8;
const BATCH_BYTES = 64 * 1024;

type Written = { name: Buffer; offset: number; crc: number; compressed: number; size: number };

function dosDateTime(date: Date): { time: number; day: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    day: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** Writes zip entries one after another, yielding bytes as they are ready. */
class ZipStream {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly stamp = dosDateTime(new Date());

  private emit(buffer: Buffer): Buffer {
    this.offset += buffer.length;
    return buffer;
  }

  *entry(name: string, parts: Iterable<string>): Generator<Buffer> {
    const nameBytes = Buffer.from(name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.day, 12);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry: Written = { name: nameBytes, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    yield this.emit(Buffer.concat([header, nameBytes]));
    for (const part of parts) {
      const bytes = Buffer.from(part, "utf8");
      entry.crc = crc32(bytes, entry.crc);
      entry.size += bytes.length;
      const deflated = deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
      entry.compressed += deflated.length;
      yield this.emit(deflated);
    }
    const end = deflateRawSync(Buffer.alloc(0)); // the final (empty) block
    entry.compressed += end.length;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    yield this.emit(Buffer.concat([end, descriptor]));
    this.written.push(entry);
  }

  /** The central directory and its end record. */
  finish(): Buffer {
    const start = this.offset;
    const records = this.written.map((entry) => {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(FLAGS, 8);
      record.writeUInt16LE(DEFLATE, 10);
      record.writeUInt16LE(this.stamp.time, 12);
      record.writeUInt16LE(this.stamp.day, 14);
      record.writeUInt32LE(entry.crc >>> 0, 16);
      record.writeUInt32LE(entry.compressed, 20);
      record.writeUInt32LE(entry.size, 24);
      record.writeUInt16LE(entry.name.length, 28);
      record.writeUInt32LE(entry.offset, 42);
      return Buffer.concat([record, entry.name]);
    });
    const directory = Buffer.concat(records);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(records.length, 8);
    end.writeUInt16LE(records.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    return this.emit(Buffer.concat([directory, end]));
  }
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Text for XML: escaped, and without the control characters XML 1.0 cannot hold. */
function xmlText(text: string): string {
  return text
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
export function* xlsxChunks(name: string, header: readonly string[], rows: Iterable<readonly Cell[]>): Generator<Buffer> {
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
  yield zip.finish();
}
