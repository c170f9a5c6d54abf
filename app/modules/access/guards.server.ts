// The access checks every loader and action calls first. Remix runs loaders in parallel and each can
// be fetched as data on its own, so no check in a parent route protects a child: each route asks here.
import { redirect } from "@remix-run/node";
import { getDb } from "../../../db/client";
import type { Role } from "../../../db/schema";
import { requireSameOrigin } from "../http/origin.server";
import { isParticipantInScope } from "./scope.server";
import { getSessionUser, readSessionToken, type SessionUser } from "../auth/session.server";
import { isEnrolled, mayEnrol, MFA_ENROL_PATH, mfaRequired } from "../mfa/mfa.server";

export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** The signed-in user, or null. Does not refuse anything (for the page header and the sign-in page). */
export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const token = readSessionToken(request);
  return token ? getSessionUser(getDb(), token) : null;
}

/** Any control character (tab, newline, NUL …): browsers drop some of them from a URL, turning "/\t/x" into "//x". */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
const THIS_SITE = "http://this-site.invalid";

/**
 * Where to go back to (after signing in, after choosing a language …): a path on this site, never
 * another site. Every redirectTo goes through here. The value is parsed as the browser will parse it
 * (`new URL` against this site) and kept only if it stays on this site; control characters and
 * backslashes (which browsers read as "/") are refused outright rather than cleaned.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 500 || !value.startsWith("/")) return fallback;
  if (hasControlCharacter(value) || value.includes("\\")) return fallback;
  let url: URL;
  try {
    url = new URL(value, THIS_SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== THIS_SITE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can still produce a leading "//" ("/.//evil.example" parses to "//evil.example").
  return path.startsWith("//") ? fallback : path;
}

/**
 * The signed-in user, or a redirect to the sign-in page. For any state-changing request it first
 * refuses cross-site requests (403), so every action that calls it is protected.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await requireUserToEnrol(request);
  // A coordinator without a second factor, where one is required, enrols before anything else (decision 0016).
  if (mayEnrol(user.role) && mfaRequired() && !isEnrolled(getDb(), user.id)) throw redirect(MFA_ENROL_PATH);
  return user;
}

/** The signed-in user, enrolled in a second factor or not: for the enrolment page itself. */
export async function requireUserToEnrol(request: Request): Promise<SessionUser> {
  requireSameOrigin(request);
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname.replace(/\.data$/, "") + (request.method === "GET" ? url.search : "");
    throw redirect(back === "/" ? "/masuk" : `/masuk?${new URLSearchParams({ redirectTo: back })}`);
  }
  return user;
}

/** A user with one of these roles; anyone else gets 404 (a page outside one's role does not exist for them). */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw notFound();
  return user;
}

export function parseId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * A participant the user may see (see access/scope.server.ts), or 404: out of scope looks
 * exactly like a participant that does not exist.
 */
export async function requireParticipantInScope(
  request: Request,
  rawId: string | undefined,
  options: { roles?: readonly Role[] } = {},
): Promise<{ user: SessionUser; participantId: number }> {
  const user = options.roles ? await requireRole(request, options.roles) : await requireUser(request);
  const participantId = parseId(rawId);
  if (participantId === null || !isParticipantInScope(getDb(), user, participantId)) throw notFound();
  return { user, participantId };
}
