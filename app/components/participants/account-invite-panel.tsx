// On the participant page, for the mentor, while the person has no account of their own: the way to
// invite them (a WhatsApp link made on /peserta/:id/undang-akun).
import { Link } from "@remix-run/react";
import { useText } from "~/components/text";
import { buttonClass } from "~/components/ui/button";

export function AccountInvitePanel({ participantId, name }: { participantId: number; name: string }) {
  const { t } = useText();
  return (
    <section aria-labelledby="account-invite-heading" className="rounded-lg border border-sky-200 bg-sky-50 p-4">
      <h2 id="account-invite-heading" className="text-base font-bold text-slate-900">
        {t("accountInvite.panelTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-800">{t("accountInvite.panelNone", { name })}</p>
      <Link to={`/peserta/${participantId}/undang-akun`} className={buttonClass("primary", "mt-3")}>
        {t("accountInvite.panelLink")}
      </Link>
    </section>
  );
}
