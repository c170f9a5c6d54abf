// What a file is, decided by its first bytes: never by its name or the type the browser sent.
// Safe for both sides (no I/O).

export type SniffedType = "jpeg" | "png" | "webp" | "heic" | "pdf";

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type the first 32 bytes declare, or null for anything we do not take (HTML, ZIP, text …). */
export function sniffType(head: Uint8Array): SniffedType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return "webp";
  // ISO base media: "ftyp" at 4, then the brand. HEIC/HEIF photos from phones use these brands.
  if (startsWith(head, ascii("ftyp"), 4)) {
    const brand = String.fromCharCode(...head.slice(8, 12));
    if (["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"].includes(brand)) return "heic";
  }
  if (startsWith(head, ascii("%PDF-"))) return "pdf";
  return null;
}

export function isImage(type: SniffedType): boolean {
  return type !== "pdf";
}
