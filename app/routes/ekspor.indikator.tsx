// Graduated participants' outcome figures (entry against latest financial report) as a file, for
// coordinators within their scope; ?district= and ?cohort= narrow it like the list's filters. With
// ?isi=: the outcomes of everyone with a baseline, per participant (masked) or per group.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseGrouping } from "~/modules/outcomes/groupings";
import { exportOutcomeGroups, exportOutcomePeople } from "~/modules/transfer/outcomes-export.server";
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
  // ?isi=hasil-peserta | hasil-kelompok (&by=): the outcomes of everyone with a baseline in scope.
  const content = params.get("isi");
  if (content === "hasil-peserta") return exportResponse(exportOutcomePeople(db, user, format, t));
  if (content === "hasil-kelompok") return exportResponse(exportOutcomeGroups(db, user, parseGrouping(params.get("by")), format, t));
  if (content !== null) throw notFound();
  return exportResponse(exportIndicators(db, user, { filters: { district, cohort }, format, t }));
}
