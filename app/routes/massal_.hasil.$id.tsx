import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { requirementText, stageTitle } from "~/modules/journey/labels";
import { buttonClass } from "~/components/ui/button";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import { BULK_EVIDENCE, type BulkOutcome } from "~/modules/participants/bulk";
import { bulkResult } from "~/modules/participants/bulk.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["bulk"], title: (t) => t("bulk.result.title") };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor"]);
  const id = parseId(params.id);
  const result = id === null ? null : bulkResult(getDb(), user, id);
  if (!result) throw notFound();
  return result;
}

type Tone = "ok" | "partial" | "refused";

/** One participant's outcome in words: the machine's requirements, translated. */
function outcomeText(t: TFunction, outcome: BulkOutcome, stage: "training" | "mentoring"): { tone: Tone; head: string; reasons: string[] } {
  const stageName = stageTitle(t, stage);
  if (outcome.recorded && outcome.completed !== false) {
    return { tone: "ok", head: outcome.completed ? t("bulk.result.completed", { stage: stageName }) : t("bulk.result.recorded"), reasons: [] };
  }
  const refusal = outcome.refusal!;
  const reasons =
    refusal.code === "stale-version"
      ? [t("bulk.result.stale")]
      : refusal.missing.length
        ? refusal.missing.map((m) => requirementText(t, m))
        : refusal.stageState
          ? [t("bulk.result.stageClosed", { stage: stageName, state: t(`stageState.${refusal.stageState}`) })]
          : [t(`refusal.${refusal.code}`)];
  if (outcome.recorded) return { tone: "partial", head: t("bulk.result.notCompleted", { stage: stageName }), reasons };
  const notOpen = refusal.missing.some((m) => m.code === "registration-verified");
  return { tone: "refused", head: notOpen ? t("bulk.result.notOpen", { stage: stageName }) : t("bulk.result.notRecorded"), reasons };
}

const TONE_CLASS: Record<Tone, string> = {
  ok: "border-l-4 border-l-emerald-600",
  partial: "border-l-4 border-l-amber-500",
  refused: "border-l-4 border-l-red-600",
};
const ORDER: Record<Tone, number> = { refused: 0, partial: 1, ok: 2 };

export default function BulkResultPage() {
  const { t, i18n } = useText();
  const result = useLoaderData<typeof loader>();
  const { stage } = BULK_EVIDENCE[result.activity];
  const rows = result.rows
    .map((row) => ({ row, text: outcomeText(t, row, stage) }))
    // What needs attention first.
    .sort((a, b) => ORDER[a.text.tone] - ORDER[b.text.tone] || a.row.fullName.localeCompare(b.row.fullName, "id"));
  const recorded = result.rows.filter((r) => r.recorded).length;
  const completed = result.rows.filter((r) => r.completed).length;
  const summary = [
    t("bulk.result.summary", { recorded, total: result.rows.length }),
    result.complete ? t("bulk.result.summaryCompleted", { completed }) : null,
    recorded < result.rows.length ? t("bulk.result.summaryRefused", { refused: result.rows.length - recorded }) : null,
  ].filter(Boolean);

  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-slate-900">{t("bulk.result.title")}</h1>
        <p className="text-slate-700" suppressHydrationWarning>
          {t(`bulk.result.what.${result.activity}`, { topic: result.topic, date: formatDate(result.occurredOn, i18n.language) })}
        </p>
        <p role="status" className="font-semibold text-slate-900">
          {summary.join(" · ")}
        </p>
      </header>

      <ul aria-label={t("bulk.result.col.outcome")} className="space-y-2">
        {rows.map(({ row, text }) => (
          <li key={row.participantId} className={`rounded-lg border border-slate-200 bg-white p-3 ${TONE_CLASS[text.tone]}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <Link to={`/peserta/${row.participantId}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                {row.fullName}
              </Link>
              <span className="text-sm text-slate-600">{row.businessName}</span>
            </div>
            <p className={`mt-1 text-sm font-medium ${text.tone === "refused" ? "text-red-800" : text.tone === "partial" ? "text-amber-900" : "text-emerald-800"}`}>
              {[text.head, ...text.reasons].join(" ")}
            </p>
          </li>
        ))}
      </ul>

      <p>
        <Link to="/massal" className={buttonClass("secondary")}>
          {t("bulk.result.again")}
        </Link>
      </p>
    </div>
  );
}
