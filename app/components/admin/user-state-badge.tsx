// An account's state: invited (waiting for the person to set a password), active or deactivated.
import { useText } from "~/components/text";

export function UserStateBadge({ active, pending }: { active: boolean; pending: boolean }) {
  const { t } = useText();
  const [label, style] = pending
    ? [t("userAdmin.state.pending"), "bg-amber-50 text-amber-900 ring-amber-300"]
    : active
      ? [t("userAdmin.state.active"), "bg-emerald-50 text-emerald-900 ring-emerald-300"]
      : [t("userAdmin.state.inactive"), "bg-slate-100 text-slate-800 ring-slate-300"];
  return <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${style}`}>{label}</span>;
}
