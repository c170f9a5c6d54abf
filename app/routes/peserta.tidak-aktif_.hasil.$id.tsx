import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { requirementText } from "~/modules/journey/labels";
import { buttonClass } from "~/components/ui/button";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import type { DormantCloseOutcome } from "~/modules/participants/dormancy";
import { dormantCloseResult } from "~/modules/participants/dormancy.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["dormancy"], title: (t) => t("dormancy.result.title") };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor"]);
  const id = parseId(params.id);
  const result = id === null ? null : dormantCloseResult(getDb(), user, id);
  if (!result) throw notFound();
  return result;
}

/** Why one participant was not closed, in words. */
function refusalText(t: TFunction, outcome: DormantCloseOutcome): string[] {
  const refusal = outcome.refusal!;
  if (refusal.code === "not-dormant") return [t("dormancy.result.notDormant")];
  if (refusal.code === "stale-version") return [t("dormancy.result.stale")];
  if (refusal.missing.length) return refusal.missing.map((m) => requirementText(t, m));
  return [t(`refusal.${refusal.code}`)];
}

export default function DormantCloseResultPage() {
  const { t } = useText();
  const result = useLoaderData<typeof loader>();
  // What needs attention first: the refused, then the closed, by name.
  const rows = [...result.rows].sort((a, b) => Number(a.closed) - Number(b.closed) || a.fullName.localeCompare(b.fullName, "id"));
  const closed = result.rows.filter((r) => r.closed).length;
  const refused = result.rows.length - closed;
  const summary = [t("dormancy.result.summary", { closed, total: result.rows.length }), refused ? t("dormancy.result.summaryRefused", { refused }) : null].filter(Boolean);
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-slate-900">{t("dormancy.result.title")}</h1>
        <p className="break-words text-slate-700">{t("dormancy.result.reason", { reason: result.reason })}</p>
        <p role="status" className="font-semibold text-slate-900">
          {summary.join(" · ")}
        </p>
      </header>
      <ul aria-label={t("dormancy.result.title")} className="space-y-2">
        {rows.map((row) => (
          <li
            key={row.participantId}
            className={`rounded-lg border border-slate-200 bg-white p-3 border-l-4 ${row.closed ? "border-l-slate-500" : "border-l-red-600"}`}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <Link to={`/peserta/${row.participantId}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                {row.fullName}
              </Link>
              <span className="text-sm text-slate-600">{row.businessName}</span>
            </div>
            <p className={`mt-1 text-sm font-medium ${row.closed ? "text-slate-800" : "text-red-800"}`}>
              {row.closed ? t("dormancy.result.closed") : [t("dormancy.result.refused"), ...refusalText(t, row)].join(" ")}
            </p>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/peserta/tidak-aktif" className={buttonClass("secondary")}>
          {t("dormancy.result.again")}
        </Link>
      </p>
    </div>
  );
}
