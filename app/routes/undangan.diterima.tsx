// After accepting an invitation: the password is set; the person signs in as anyone else does.
import { Link } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { buttonClass } from "~/components/ui/button";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["admin"], title: (t) => t("invitation.title") };

// Public and static: there is nothing to check or load.
export function loader() {
  return {};
}

export default function InvitationAccepted() {
  const { t } = useText();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">{t("invitation.acceptedTitle")}</h1>
      <Alert tone="success">{t("invitation.accepted")}</Alert>
      <Link to="/masuk" className={buttonClass("primary", "w-full")}>
        {t("invitation.toSignIn")}
      </Link>
    </div>
  );
}
