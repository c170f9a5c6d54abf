import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert } from "~/components/ui/alert";
import { requireRole } from "~/modules/auth/access.server";
import { getDb } from "~/modules/db.server";
import { getOrganisationName } from "~/modules/partners/partners.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: (t) => t("partner.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["partner"]);
  return { name: user.name, organisation: getOrganisationName(getDb(), user.organisationId) };
}

export default function PartnerHome() {
  const { t } = useTranslation();
  const { name, organisation } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">{t("partner.heading", { name })}</h1>
      {organisation ? <p className="text-slate-700">{t("partner.organisation", { organisation })}</p> : null}
      <Alert tone="info">{t("partner.comingSoon")}</Alert>
    </div>
  );
}
