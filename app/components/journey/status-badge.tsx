import { useText } from "~/components/text";
import type { ParticipantStatus } from "../../../machines/stages";

/**
 * The participant's status. `dormant` (active, nothing recorded for the dormancy days: stalled.ts)
 * is a derived classification, not a stored status, and shows in place of "active".
 */
export function StatusBadge({ status, dormant = false }: { status: ParticipantStatus; dormant?: boolean }) {
  const { t } = useText();
  const shown = dormant && status === "active" ? "dormant" : status;
  return (
    // The colours per status: app.css, .status-*.
    <span className={`status-badge status-${shown}`}>
      {shown === "dormant" ? t("dormancy.badge") : t(`status.${shown}`)}
    </span>
  );
}
