import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { Section } from "~/components/dashboard/figures";
import { MonthlyChart } from "~/components/dashboard/monthly-chart";
import { Details, Funnel, Headline, Medians, StallAges, StalledCohorts, Trend, WaitsOn } from "~/components/dashboard/overview-sections";
import { requireRole } from "~/modules/access/guards.server";
import { getOverviewSummary } from "~/modules/dashboard/overview.server";
import { getDb } from "~/modules/db.server";
import { formatDateTime } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: (t) => t("dashboard.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  // The map and the conversion tables were sections of this page: their old links land on their pages.
  const params = new URL(request.url).searchParams;
  if (params.has("by")) throw redirect(`/koordinator/konversi?${new URLSearchParams({ by: params.get("by")! })}`);
  if (params.get("peta") === "baru") throw redirect("/koordinator/peta?tampilan=baru");
  return { overview: getOverviewSummary(getDb(), user), cityScope: user.cityId != null };
}

export default function CoordinatorOverview() {
  const { t, i18n } = useText();
  const { overview: o, cityScope } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("dashboard.heading")}</h1>
        <p className="text-sm text-slate-700">
          {cityScope ? t("dashboard.scopeCity") : t("dashboard.scopeProvince")} ·{" "}
          <span suppressHydrationWarning>{t("dashboard.asOf", { time: formatDateTime(o.asOf, i18n.language) })}</span>
        </p>
      </div>
      <Headline o={o} />
      <StalledCohorts o={o} />
      <Trend o={o} />
      <StallAges o={o} />
      <Details />
      <WaitsOn o={o} />
      <Funnel o={o} />
      <Medians o={o} />
      <Section id="monthly" title={t("dashboard.monthly")} intro={t("dashboard.monthlyIntro")}>
        <MonthlyChart monthly={o.monthly} />
      </Section>
    </div>
  );
}
