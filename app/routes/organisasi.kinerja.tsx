import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { numberFormat } from "~/modules/i18n/format";
import { partnerPerformance } from "~/modules/partners/performance.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["partners"], title: (t) => t("partners.performance.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  return { rows: partnerPerformance(getDb(), user) };
}

export default function PartnerPerformance() {
  const { t, i18n } = useText();
  const { rows } = useLoaderData<typeof loader>();
  const percent = numberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  const none = t("partners.performance.none");
  return (
    <div className="space-y-4">
      <p>
        <Link to="/organisasi" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {t("partners.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-slate-900">{t("partners.performance.title")}</h1>
      <p className="max-w-2xl text-sm text-slate-700">{t("partners.performance.intro")}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("partners.performance.title")}</caption>
          <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-3 py-3 sm:px-4">{t("partners.performance.col.name")}</th>
              <th scope="col" className="px-3 py-3 text-right sm:px-4">{t("partners.performance.col.referrals")}</th>
              <th scope="col" className="px-3 py-3 text-right sm:px-4">{t("partners.performance.col.outcomes")}</th>
              <th scope="col" className="px-3 py-3 text-right sm:px-4">{t("partners.performance.col.share")}</th>
              <th scope="col" className="px-3 py-3 text-right sm:px-4">{t("partners.performance.col.median")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((row) => (
              <tr key={row.organisationId}>
                <th scope="row" className="px-3 py-3 font-medium sm:px-4">
                  <Link to={`/organisasi/${row.organisationId}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {row.name}
                  </Link>
                </th>
                <td className="px-3 py-3 text-right tabular-nums sm:px-4">{row.referrals}</td>
                <td className="px-3 py-3 text-right tabular-nums sm:px-4">{row.outcomes}</td>
                <td className="px-3 py-3 text-right tabular-nums sm:px-4">{row.outcomeShare === null ? none : percent.format(row.outcomeShare)}</td>
                <td className="px-3 py-3 text-right tabular-nums sm:px-4">
                  {row.medianDaysToOutcome === null ? none : t("partners.performance.days", { count: row.medianDaysToOutcome })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
