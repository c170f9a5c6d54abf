// "Tidak aktif" on the participant page: since when, why, and what brings the participant back.
// The facts come from getParticipantPage (isDormant in modules/journey/stalled.ts), never recomputed here.
import { Link } from "@remix-run/react";
import { useText } from "~/components/text";
import { formatDate } from "~/modules/i18n/format";

export type Dormancy = { lastActivityAt: number; dormantSince: number; dormantDays: number };

export function DormantNotice({ participantId, dormancy, canClose }: { participantId: number; dormancy: Dormancy | null; canClose: boolean }) {
  const { t, i18n } = useText();
  if (!dormancy) return null;
  return (
    <div role="status" className="space-y-1 rounded-md border border-stone-300 bg-stone-50 px-3 py-2 text-sm text-stone-900">
      <p className="font-semibold">{t("dormancy.notice.title")}</p>
      <p suppressHydrationWarning>
        {t("dormancy.notice.since", { date: formatDate(dormancy.lastActivityAt, i18n.language) })}{" "}
        {t("dormancy.notice.why", { limit: dormancy.dormantDays })}
      </p>
      <p>{t("dormancy.notice.counted")}</p>
      <p>{t("dormancy.notice.back")}</p>
      <p className="flex flex-wrap gap-x-4 gap-y-1 pt-1">
        <a href="#aktifkan-lagi" className="font-medium text-brand-700 underline">
          {t("dormancy.notice.reactivateLink")}
        </a>
        {canClose ? (
          <Link to={`/peserta/tidak-aktif?id=${participantId}`} className="font-medium text-red-800 underline">
            {t("dormancy.notice.closeLink")}…
          </Link>
        ) : null}
      </p>
    </div>
  );
}
