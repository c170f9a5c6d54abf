import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { cellClass, CountLink, FiguresHeading, scrollClass, tableClass, theadClass, useNumber } from "~/components/dashboard/figures";
import { requireRole } from "~/modules/access/guards.server";
import { getMentorLoad } from "~/modules/dashboard/overview.server";
import { getDb } from "~/modules/db.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: (t) => t("dashboard.mentorLoad") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  return getMentorLoad(getDb(), user);
}

export default function MentorLoadPage() {
  const { t } = useText();
  const { n } = useNumber();
  const { mentors, mentorsTotal, asOf } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <FiguresHeading title={t("dashboard.mentorLoad")} intro={t("dashboard.mentorLoadIntro", { count: mentors.length, total: n(mentorsTotal) })} asOf={asOf} />
      <div className={scrollClass}>
        <table className={tableClass}>
          <caption className="sr-only">{t("dashboard.mentorLoad")}</caption>
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={cellClass}>{t("dashboard.mentor")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.participants")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.active")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("dashboard.stalled")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {mentors.map((m) => (
              <tr key={m.id}>
                <th scope="row" className={`${cellClass} font-medium`}>{m.name}</th>
                <td className={`${cellClass} text-right`}><CountLink value={m.participants} filters={{ mentor: m.id }} label={t("dashboard.registrantsOfLabel", { name: m.name, count: m.participants })} /></td>
                <td className={`${cellClass} text-right`}><CountLink value={m.active} filters={{ mentor: m.id, status: "active" }} label={t("dashboard.activeOfLabel", { name: m.name, count: m.active })} /></td>
                <td className={`${cellClass} text-right`}><CountLink value={m.stalled} filters={{ mentor: m.id, stalled: "yes" }} label={t("dashboard.stalledOfLabel", { name: m.name, count: m.stalled })} className="text-red-800" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
