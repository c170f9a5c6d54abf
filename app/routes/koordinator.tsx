import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useText } from "~/components/text";
import { requireRole } from "~/modules/access/guards.server";
import type { RouteHandle } from "~/root";

// The tabs show stall notes (workspace.json): their text comes with the layout.
export const handle: RouteHandle = { text: ["coordinator", "workspace"] };

// The coordinator's pages share these tabs. Each child checks access itself (loaders run in parallel).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["coordinator"]);
  return null;
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `inline-flex min-h-11 shrink-0 items-center border-b-2 px-3 text-sm font-semibold ${isActive ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:text-brand-700"}`;

export default function CoordinatorLayout() {
  const { t } = useText();
  return (
    <div className="space-y-4">
      <nav aria-label={t("dashboard.tabs")} className="flex flex-wrap gap-x-1 border-b border-slate-200">
        <NavLink to="/koordinator" end className={tabClass}>
          {t("dashboard.tabOverview")}
        </NavLink>
        {/* The overview's large tables, each a page of its own: the overview does not pay for them. */}
        <NavLink to="/koordinator/peta" className={tabClass}>
          {t("dashboard.tabMap")}
        </NavLink>
        <NavLink to="/koordinator/konversi" className={tabClass}>
          {t("dashboard.tabConversion")}
        </NavLink>
        <NavLink to="/koordinator/pendamping" className={tabClass}>
          {t("dashboard.tabMentors")}
        </NavLink>
        <NavLink to="/koordinator/indikator" className={tabClass}>
          {t("dashboard.tabIndicators")}
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
