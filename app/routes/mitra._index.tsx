import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { StatusBadge } from "~/components/journey/status-badge";
import { Alert } from "~/components/ui/alert";
import { SurveyCards } from "~/components/collaboration/survey-cards";
import { requireRole } from "~/modules/access/guards.server";
import { openRoundsFor } from "~/modules/collaboration/responses.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { listReferredParticipants } from "~/modules/partners/partner-staff.server";
import { getOrganisationName } from "~/modules/partners/partners.server";
import { PipelineSection } from "~/components/lending/pipeline";
import { currentRules } from "~/modules/journey/rules.server";
import { isLender, lendingOverview, partnerStaffView } from "~/modules/lending/pipeline.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["dormancy", "partners", "lending"], title: (t) => t("partners.staff.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["partner"]);
  const db = getDb();
  const organisation = getOrganisationName(db, user.organisationId);
  const today = jakartaDate();
  const rows = user.organisationId == null ? [] : listReferredParticipants(db, user.organisationId, today);
  // A lender's staff see their pipeline (their covered referrals only) and how many are ready per district, no names.
  const lending =
    user.organisationId != null && isLender(db, user.organisationId)
      ? lendingOverview(db, user.organisationId, currentRules(db).rules, today, { referrals: partnerStaffView(today) })
      : null;
  return { organisation, rows, lending, surveys: openRoundsFor(db, user) };
}

export default function ReferredParticipants() {
  const { t, i18n } = useText();
  const { organisation, rows, lending, surveys } = useLoaderData<typeof loader>();
  if (!organisation) return <Alert tone="warning">{t("partners.staff.noOrganisation")}</Alert>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">{t("partners.staff.heading", { organisation })}</h1>
      <p className="max-w-2xl text-sm text-slate-700">{t("partners.staff.intro")}</p>
      <SurveyCards cards={surveys} />
      {lending ? <PipelineSection {...lending} /> : null}
      {rows.length === 0 ? (
        <p className="text-slate-700">{t("partners.staff.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("partners.staff.title")}>
          {rows.map((row) => (
            <li key={row.referralId} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[2fr_1fr_2fr_1fr] sm:items-center sm:gap-4">
              <div className="min-w-0">
                <Link to={`/mitra/${row.participantId}`} className="font-semibold break-words text-brand-700 underline-offset-2 hover:underline">
                  {row.fullName}
                </Link>
                <p className="text-slate-600">
                  {row.businessName} · {row.districtName}
                </p>
              </div>
              <div>
                <StatusBadge status={row.status} />
              </div>
              <p className="text-slate-800">
                <span className="font-medium">{stageTitle(t, row.stage)}</span>: {t(`stageState.${row.stageState}`)}
              </p>
              <p className="text-slate-600" suppressHydrationWarning>
                {row.outcomeAt
                  ? t("partners.referral.outcomeOn", { date: formatDate(row.outcomeAt, i18n.language) })
                  : t("partners.referral.referredOn", { date: formatDate(row.referredAt, i18n.language) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
