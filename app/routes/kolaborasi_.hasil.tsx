// The survey rounds whose results the viewer may read: a mentor's (rounds asking their districts) and
// a coordinator's (their city or the province), newest period first. Mentors have no other way in:
// opening and closing rounds on /kolaborasi is the coordinators'.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { requireRole } from "~/modules/access/guards.server";
import { roundsForViewer } from "~/modules/collaboration/results.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["results"], title: (t) => t("results.listTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator", "mentor"]);
  return { rounds: roundsForViewer(getDb(), user) };
}

export default function ResultRounds() {
  const { t, i18n } = useText();
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">{t("results.listTitle")}</h1>
      <p className="max-w-2xl text-sm text-slate-700">{t("results.listIntro")}</p>
      {rounds.length === 0 ? <p className="text-sm text-slate-700">{t("results.listEmpty")}</p> : null}
      <ul className="space-y-2">
        {rounds.map((round) => (
          <li key={round.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <Link to={`/kolaborasi/putaran/${round.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
              {round.name}
            </Link>
            <p className="text-sm text-slate-700">
              {t("results.period", { from: formatDate(round.periodStart, i18n.language), to: formatDate(round.periodEnd, i18n.language) })} ·{" "}
              {t("results.districtsCount", { count: round.districts })} · {round.closedAt === null ? t("results.openShort") : t("results.closedShort")}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
