import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirectPath } from "~/modules/access/guards.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { DEFAULT_LOCALE, isLocale } from "~/modules/i18n/i18n";
import { languageCookie } from "~/modules/i18n/i18n.server";

export async function loader() {
  throw redirect("/");
}

/** Sets the language cookie and goes back to the page the person was on. */
export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const form = await request.formData();
  const lng = form.get("lng");
  const locale = isLocale(lng) ? lng : DEFAULT_LOCALE;
  throw redirect(safeRedirectPath(form.get("redirectTo")), { status: 303, headers: { "Set-Cookie": languageCookie(locale) } });
}
