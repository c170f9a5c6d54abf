// Cross-site request refusal for every state-changing request. SameSite=Lax already keeps the
// session cookie off cross-site POSTs; this is the second lock (OWASP ASVS V3/V4): a non-GET request
// whose Sec-Fetch-Site or Origin says it came from another site is refused before anything runs.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why a request is cross-site, or null when it is not (or cannot be told, e.g. an old client). */
export function crossSiteReason(request: Request): string | null {
  return crossSiteReasonOf(request.method, request.headers, () => new URL(request.url).host);
}

/** The same, from the parts the server has before it makes a Request (app/server/worker.ts). */
export function crossSiteReasonOf(method: string, headers: Headers, urlHost: () => string): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const fetchSite = headers.get("Sec-Fetch-Site");
  // "none" is a navigation the person started themselves (typed address, bookmark).
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return `Sec-Fetch-Site: ${fetchSite}`;
  const origin = headers.get("Origin");
  if (origin) {
    if (origin === "null") return "Origin: null";
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return "Origin: malformed";
    }
    // Compare with the Host the client addressed (a TLS-terminating proxy changes the scheme, not the host).
    const host = headers.get("X-Forwarded-Host") ?? headers.get("Host") ?? urlHost();
    if (originHost !== host) return `Origin: ${origin}`;
  }
  return null;
}

/** Throws 403 for a cross-site state-changing request. Every action calls this first (requireUser does). */
export function requireSameOrigin(request: Request): void {
  if (crossSiteReason(request)) {
    throw new Response("Cross-site request refused", { status: 403, statusText: "Forbidden" });
  }
}
