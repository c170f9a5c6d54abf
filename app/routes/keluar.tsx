import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/modules/db.server";
import { endSession, clearSessionCookie, readSessionToken } from "~/modules/auth/session.server";
import { requireSameOrigin } from "~/modules/http/origin.server";

// Signing out is a POST (no GET changes state); a GET here just goes home.
export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const token = readSessionToken(request);
  if (token) endSession(getDb(), token);
  throw redirect("/masuk", { status: 303, headers: { "Set-Cookie": clearSessionCookie() } });
}
