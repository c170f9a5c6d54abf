// The monthly report's participant table as a CSV download: the same rows as /laporan, no NIK.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";
import { reportCsvRows } from "~/modules/reports/monthly";
import { reportForRequest } from "~/modules/reports/monthly.server";
import { csvFile } from "~/modules/transfer/csv";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "coordinator"]);
  const result = reportForRequest(getDb(), user, new URL(request.url).searchParams);
  if (result.kind !== "report") throw notFound();
  const { report } = result;
  const t = serverI18n(getLocale(request)).t;
  return new Response(csvFile(reportCsvRows(t, report.participants)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="laporan-bulanan-${report.month}-pendamping-${report.mentor.id}.csv"`,
      "Cache-Control": "no-store",
      // A download is not rendered by the document entry, so it sets its own security header.
      "X-Content-Type-Options": "nosniff",
    },
  });
}
