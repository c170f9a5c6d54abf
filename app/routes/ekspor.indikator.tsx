// Graduated participants' outcome figures (entry against latest financial report) as a file, for
// coordinators within their scope; ?district= and ?cohort= narrow it like the list's filters.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";
import { parseListFilters } from "~/modules/participants/list-filters";
import { exportFiltersInScope, exportIndicators, exportResponse, parseExportFormat, type Translate } from "~/modules/transfer/export.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const params = new URL(request.url).searchParams;
  const format = parseExportFormat(params.get("format"));
  const { district, cohort } = parseListFilters(params).filters;
  const db = getDb();
  if (!format || !exportFiltersInScope(db, user, { district, cohort })) throw notFound();
  const t = serverI18n(getLocale(request)).t as unknown as Translate;
  return exportResponse(exportIndicators(db, user, { filters: { district, cohort }, format, t }));
}
