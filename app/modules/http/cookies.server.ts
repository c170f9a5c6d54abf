// Reading and writing cookies by hand: the session cookie holds only a random id, so it needs no
// signing, and the language cookie holds a fixed word.

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

export type CookieOptions = {
  maxAgeSeconds?: number;
  httpOnly?: boolean;
  sameSite?: "Lax" | "Strict";
  secure?: boolean;
};

/**
 * Cookies are Secure in production. PAS_INSECURE_COOKIES=1 lifts that for a production build served
 * over plain HTTP on a private address (browsers accept Secure cookies on http://localhost only).
 */
function secureCookies(): boolean {
  return process.env.NODE_ENV === "production" && process.env.PAS_INSECURE_COOKIES !== "1";
}

export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/"];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  if (options.httpOnly ?? true) parts.push("HttpOnly");
  parts.push(`SameSite=${options.sameSite ?? "Lax"}`);
  if (options.secure ?? secureCookies()) parts.push("Secure");
  return parts.join("; ");
}
