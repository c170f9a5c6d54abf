// Reading and writing cookies with the `cookie` package (the parser Remix and Express use). Ours are
// plain: the session cookie holds only a random id, so it needs no signing, and the language cookie
// holds a fixed word, so Remix's createCookie (signed, JSON in base64, async) would add nothing.
import { parseCookie, stringifySetCookie } from "cookie";

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  return parseCookie(header)[name] ?? null;
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
  return stringifySetCookie(name, value, {
    path: "/",
    maxAge: options.maxAgeSeconds === undefined ? undefined : Math.max(0, Math.floor(options.maxAgeSeconds)),
    httpOnly: options.httpOnly ?? true,
    sameSite: options.sameSite === "Strict" ? "strict" : "lax",
    secure: options.secure ?? secureCookies(),
  });
}
