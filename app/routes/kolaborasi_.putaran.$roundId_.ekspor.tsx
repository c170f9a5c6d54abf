// Download a round's results (?isi=hasil) or its anonymised answers (?isi=jawaban) as CSV or XLSX.
// Coordinators only, over the districts of their scope; mentors never receive answers, even anonymised.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { answersSheet, resultsSheet, sheetResponse } from "~/modules/collaboration/export.server";
import { getDb } from "~/modules/db.server";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";
import { parseExportFormat, type Translate } from "~/modules/transfer/export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const query = new URL(request.url).searchParams;
  const roundId = parseId(params.roundId);
  const format = parseExportFormat(query.get("format"));
  const what = query.get("isi");
  if (roundId === null || !format || (what !== "hasil" && what !== "jawaban")) throw notFound();
  const language = getLocale(request);
  const t = serverI18n(language).t as unknown as Translate;
  const sheet = what === "hasil" ? resultsSheet(getDb(), user, roundId, t, language) : answersSheet(getDb(), user, roundId, t);
  if (!sheet) throw notFound();
  return sheetResponse(sheet, format);
}
