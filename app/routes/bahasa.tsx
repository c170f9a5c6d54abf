import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser, safeRedirectPath } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { DEFAULT_LOCALE, isLocale } from "~/modules/i18n/i18n";
import { languageCookie } from "~/modules/i18n/i18n.server";
import { limitAnonymousPost } from "~/modules/limits/rate-limit.server";

export async function loader() {
  throw redirect("/");
}

/** Sets the language cookie and goes back to the page the person was on. */
export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  if (!(await getOptionalUser(request))) {
    const limited = limitAnonymousPost(getDb(), context);
    if (!limited.ok) {
      throw new Response("Too many requests / Terlalu banyak permintaan", { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds) } });
    }
  }
  const form = await request.formData();
  const lng = form.get("lng");
  const locale = isLocale(lng) ? lng : DEFAULT_LOCALE;
  throw redirect(safeRedirectPath(form.get("redirectTo")), { status: 303, headers: { "Set-Cookie": languageCookie(locale) } });
}
