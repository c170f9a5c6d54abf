// A stored file as an HTTP answer: only ever through the access check (files.server.ts fileAccess),
// never at a public URL. The headers keep a file from being anything but itself: its stored type
// and nosniff (a browser never guesses HTML from it), a CSP that runs nothing and loads nothing
// (sandbox), a PDF only as a download, and no copy in any cache.
import { Readable } from "node:stream";
import type { FileRow } from "./files.server";
import type { FileStore } from "../../../db/file-store";

/** A file name safe in a header: the name's letters, digits and a few marks, the rest as "_". */
function headerName(name: string, type: string): string {
  const ascii = name.normalize("NFKD").replace(/[^\w.\- ]+/g, "_").slice(0, 100) || "berkas";
  // The stored type decides the extension: an image is re-encoded JPEG whatever it was called.
  const extension = type === "application/pdf" ? ".pdf" : ".jpg";
  return ascii.replace(/\.[^.]*$/, "") + extension;
}

export async function fileResponse(store: FileStore, file: FileRow, variant: "full" | "thumbnail"): Promise<Response> {
  const sha256 = variant === "thumbnail" && file.thumbSha256 ? file.thumbSha256 : file.sha256;
  // One request to the store: the bytes as a stream and their size (a bucket's GetObject).
  const stored = await store.read(sha256);
  if (!stored) return new Response("Not Found", { status: 404 });
  const name = headerName(file.name, file.type);
  // Images open in the browser (the viewer on a phone); a PDF is a download, never rendered by us.
  const disposition = file.type === "application/pdf" ? "attachment" : "inline";
  const headers = new Headers({
    "Content-Type": file.type,
    "Content-Length": String(stored.size),
    "Content-Disposition": `${disposition}; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "X-Content-Type-Options": "nosniff",
    // Nothing may load or run. The browser's own viewer for an image styles itself inline (harmless:
    // the document is an image/jpeg with nosniff, never markup); a PDF is sandboxed as well.
    "Content-Security-Policy":
      file.type === "application/pdf"
        ? "default-src 'none'; sandbox; frame-ancestors 'none'"
        : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "Cache-Control": "private, no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
    Vary: "Cookie",
  });
  const body = Readable.toWeb(stored.body) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}
