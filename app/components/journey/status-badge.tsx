import { useText } from "~/components/text";
import type { ParticipantStatus } from "../../../machines/stages";

const STYLE: Record<ParticipantStatus | "dormant", string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  on_hold: "bg-amber-50 text-amber-900 ring-amber-600/30",
  withdrawn: "bg-slate-100 text-slate-700 ring-slate-500/30",
  graduated: "bg-sky-50 text-sky-800 ring-sky-600/30",
  dormant: "bg-stone-100 text-stone-800 ring-stone-500/40",
};

/**
 * The participant's status. `dormant` (active, nothing recorded for the dormancy days: stalled.ts)
 * is a derived classification, not a stored status, and shows in place of "active".
 */
export function StatusBadge({ status, dormant = false }: { status: ParticipantStatus; dormant?: boolean }) {
  const { t } = useText();
  const shown = dormant && status === "active" ? "dormant" : status;
  return (
    <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLE[shown]}`}>
      {shown === "dormant" ? t("dormancy.badge") : t(`status.${shown}`)}
    </span>
  );
}
