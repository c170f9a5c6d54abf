// Security headers for every page and data response (OWASP ASVS V14).
import { randomBytes } from "node:crypto";

export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

const isProduction = () => process.env.NODE_ENV === "production";

function contentSecurityPolicy(nonce: string): string {
  // Vite's dev server injects styles and talks over a websocket; a production build needs neither.
  const dev = !isProduction();
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** Headers every response with personal data carries. */
export function applyCommonSecurityHeaders(headers: Headers): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (isProduction()) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  // Pages and data are personal: never store them in a shared or browser cache.
  headers.set("Cache-Control", "no-store");
  headers.append("Vary", "Cookie");
}

export function applyDocumentSecurityHeaders(headers: Headers, nonce: string): void {
  applyCommonSecurityHeaders(headers);
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
}
