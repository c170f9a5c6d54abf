// The access checks every loader and action calls first. Remix runs loaders in parallel and each can
// be fetched as data on its own, so no check in a parent route protects a child: each route asks here.
import { redirect } from "@remix-run/node";
import { getDb } from "../../../db/client";
import type { Role } from "../../../db/schema";
import { requireSameOrigin } from "../http/origin.server";
import { isParticipantInScope } from "./scope.server";
import { getSessionUser, readSessionToken, type SessionUser } from "../auth/session.server";

export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** The signed-in user, or null. Does not refuse anything (for the page header and the sign-in page). */
export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const token = readSessionToken(request);
  return token ? getSessionUser(getDb(), token) : null;
}

/** Where to come back to after signing in: a path on this site, never another site. */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}

/**
 * The signed-in user, or a redirect to the sign-in page. For any state-changing request it first
 * refuses cross-site requests (403), so every action that calls it is protected.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
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
