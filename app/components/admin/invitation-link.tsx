// The one-time invitation link, shown once to the coordinator to pass on (there is no email).
import { Link } from "@remix-run/react";
import { useText } from "~/components/text";
import { inputClass } from "~/components/ui/field";

export function InvitationLink({ name, link, userId }: { name: string; link: string; userId: number }) {
  const { t } = useText();
  return (
    <section aria-labelledby="invitation-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-emerald-950" role="status">
      <h2 id="invitation-heading" className="font-semibold">
        {t("userAdmin.invitedHeading", { name })}
      </h2>
      <p className="mt-1 text-sm">{t("userAdmin.invitedHint")}</p>
      <label htmlFor="invitation-link" className="mt-2 block text-sm font-medium">
        {t("userAdmin.invitationLink")}
      </label>
      {/* eslint-disable-next-line jsx-a11y/no-autofocus -- focused and selected when it appears (after the invitation is made), so it is in view and ready to copy */}
      <input id="invitation-link" readOnly value={link} autoFocus onFocus={(event) => event.currentTarget.select()} className={`${inputClass} font-mono`} />
      <p className="mt-2 text-sm">
        <Link to={`/pengguna/${userId}`} className="font-medium underline">
          {t("userAdmin.openAccount")}
        </Link>
      </p>
    </section>
  );
}
