// What a request may carry, decided from its method, path and headers alone, before any byte of its
// body is read (the server calls requestRefusal first: app/server/worker.ts). A form is url-encoded
// and small; only routes declared in UPLOAD_ROUTES take multipart bodies, each with its own size and
// part limits; nothing takes JSON. A refused request is answered with a short page in the reader's
// language (refusal-page.server.ts) and never reaches Remix, so it cannot be parsed, echoed or logged.
import { crossSiteReasonOf } from "./origin.server";

const MiB = 1024 * 1024;

function bytesFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a whole number of bytes > 0, not "${raw}"`);
  return value;
}

/** A url-encoded form body (every form without a file): PAS_FORM_MAX_BYTES, 1 MiB by default. */
export function formMaxBytes(): number {
  return bytesFromEnv("PAS_FORM_MAX_BYTES", MiB);
}

/** The registration import's upload (/impor): PAS_IMPORT_MAX_BYTES, 50 MiB by default. */
export function importMaxBytes(): number {
  return bytesFromEnv("PAS_IMPORT_MAX_BYTES", 50 * MiB);
}

/** An evidence or document file: PAS_UPLOAD_MAX_BYTES, 10 MiB by default. */
export function uploadMaxBytes(): number {
  return bytesFromEnv("PAS_UPLOAD_MAX_BYTES", 10 * MiB);
}

/** One upload of evidence files or documents, all its files together: PAS_UPLOAD_REQUEST_MAX_BYTES, 64 MiB by default. */
export function uploadRequestMaxBytes(): number {
  return bytesFromEnv("PAS_UPLOAD_REQUEST_MAX_BYTES", 64 * MiB);
}

export type UploadRoute = {
  /** The path it answers (no query). */
  path: RegExp;
  /** The whole body's limit. */
  maxBytes: () => number;
  /** Parts (fields and files) a legitimate form of this route sends, with room to spare. */
  maxParts: number;
};

/**
 * The routes that accept multipart/form-data. A route with a file input adds itself here (its
 * action then reads the body with readUpload from upload.server.ts, which keeps to maxParts).
 */
export const UPLOAD_ROUTES: readonly UploadRoute[] = [
  { path: /^\/impor\/?$/, maxBytes: importMaxBytes, maxParts: 8 },
  // Files on evidence and P1 documents (modules/files): up to 20 files and a few fields.
  { path: /^\/peserta\/[1-9]\d{0,15}\/berkas\/?$/, maxBytes: uploadRequestMaxBytes, maxParts: 32 },
  // The entrepreneur's monthly report with its photos or documents (modules/entrepreneur/self-report-files).
  // Remix posts a form sent by the page itself (no files chosen) to the route's ".data" URL.
  { path: /^\/saya(\.data)?\/?$/, maxBytes: uploadRequestMaxBytes, maxParts: 32 },
  // Self-registration with its optional KTP photo and business plan: two files and the form's fields.
  { path: /^\/daftar(\.data)?\/?$/, maxBytes: () => 2 * uploadMaxBytes() + formMaxBytes(), maxParts: 48 },
];

export function uploadRouteOf(pathname: string): UploadRoute | undefined {
  return UPLOAD_ROUTES.find((route) => route.path.test(pathname));
}

export type Refusal = {
  status: 403 | 411 | 413 | 415;
  /** The message key under common's "error." (tooLarge, unsupportedType, lengthRequired, crossSite). */
  reason: "crossSite" | "lengthRequired" | "tooLarge" | "unsupportedType";
  /** The limit that was passed, for the message. */
  maxBytes?: number;
};

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a request is refused before its body is read, or null. Cross-site first (nothing of a foreign
 * page's post is looked at), then the body: a declared length (a body without one, sent in chunks,
 * could not be held to a limit before reading it), a type this route accepts, a size within its limit.
 */
export function requestRefusal(method: string, pathname: string, headers: Headers): Refusal | null {
  if (crossSiteReasonOf(method, headers, () => "")) return { status: 403, reason: "crossSite" };
  if (BODYLESS.has(method.toUpperCase())) return null;
  const length = headers.get("Content-Length");
  const type = (headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (length === null) {
    // A post without a body (a bare button form with no fields still sends "Content-Length: 0").
    return headers.get("Transfer-Encoding") ? { status: 411, reason: "lengthRequired" } : null;
  }
  const bytes = Number(length);
  const upload = uploadRouteOf(pathname);
  if (type === "multipart/form-data") {
    if (!upload) return { status: 415, reason: "unsupportedType" };
    return bytes > upload.maxBytes() ? { status: 413, reason: "tooLarge", maxBytes: upload.maxBytes() } : null;
  }
  // Our forms post url-encoded; JSON, text/plain and the rest have no reader here (they were a 500).
  if (type !== "" && type !== "application/x-www-form-urlencoded") return { status: 415, reason: "unsupportedType" };
  if (type === "" && bytes > 0) return { status: 415, reason: "unsupportedType" };
  const max = formMaxBytes();
  return bytes > max ? { status: 413, reason: "tooLarge", maxBytes: max } : null;
}
