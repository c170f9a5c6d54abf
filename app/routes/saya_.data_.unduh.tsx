// The download of "Data saya" (a resource route: a file, not a page). A POST, because it is logged;
// only ever the signed-in entrepreneur's own record.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { ownDataFile } from "~/modules/entrepreneur/own-data.server";
import { ownDataArchive } from "~/modules/entrepreneur/own-archive.server";
import { getFileStore } from "~/modules/files/files-store.server";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";

/** Nothing to read here: the page with the download buttons is /saya/data (which checks who may see it). */
export function loader() {
  throw redirect("/saya/data", 303);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["entrepreneur"]);
  const form = await request.formData();
  const raw = form.get("format");
  const format = raw === "html" || raw === "json" || raw === "zip" ? raw : null;
  if (!format) throw notFound();
  const t = serverI18n(getLocale(request)).t as unknown as (key: string) => string;
  // The ZIP holds the JSON, the readable page and every file held about them, with its bytes.
  const file = format === "zip" ? ownDataArchive(getDb(), getFileStore(), user.id, t) : ownDataFile(getDb(), user.id, format, t);
  if (!file) throw notFound();
  return new Response(file.body, {
    headers: { "Content-Type": file.contentType, "Content-Disposition": `attachment; filename="${file.fileName}"`, "Cache-Control": "no-store" },
  });
}
