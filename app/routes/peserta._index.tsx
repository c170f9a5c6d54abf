import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { BulkSelectForm } from "~/components/participants/bulk-select";
import { FilterForm } from "~/components/participants/list-filter-form";
import { ParticipantTable } from "~/components/participants/participant-table";
import { ExportLinks } from "~/components/transfer/export-links";
import { Alert } from "~/components/ui/alert";
import { buttonClass } from "~/components/ui/button";
import { requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { COHORT_OPTION_LIMIT, dormantFilters, listSearch, parseListFilters, type ListFilters } from "~/modules/participants/list-filters";
import { districtOptionsInScope } from "~/modules/access/scope.server";
import { cohortOptionsInScope, listParticipantsInScope } from "~/modules/participants/participants.server";
import { canExportFullIdentity } from "~/modules/transfer/export.server";
import { servedContacts } from "~/modules/participants/phone.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["bulk", "dormancy", "today", "transfer", "workspace"], title: (t) => t("participants.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "coordinator"]);
  // Filters come from the URL; a value that does not parse is dropped and named, never a failure.
  const { filters, invalid } = parseListFilters(new URL(request.url).searchParams);
  const db = getDb();
  const list = listParticipantsInScope(db, user, filters);
  const cohortOptions = cohortOptionsInScope(db, user, filters.district, filters.cohort);
  return {
    role: user.role,
    list,
    // The numbers of the participants the viewer serves, keyed by id; everyone else's stay masked.
    contacts: servedContacts(db, user, list.rows.map((row) => row.id)),
    exportFullIdentity: canExportFullIdentity(user),
    // Back from handing a participant out of one's districts (peserta.$id_.alihkan.tsx).
    handedOff: new URL(request.url).searchParams.get("dialihkan") === "1",
    invalid,
    options: {
      districts: districtOptionsInScope(db, user),
      cohorts: cohortOptions,
      cohortsLimited: cohortOptions.length >= COHORT_OPTION_LIMIT,
    },
  };
}

function pageHref(filters: ListFilters, page: number): string {
  return `/peserta${listSearch(filters, page)}`;
}

export default function Participants() {
  const { t } = useText();
  const { role, list, invalid, options, handedOff, exportFullIdentity, contacts } = useLoaderData<typeof loader>();
  const heading = role === "mentor" ? t("participants.headingMentor") : t("participants.headingCoordinator");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{heading}</h1>
          <p className="text-sm text-slate-600">
            {t("participants.count", { count: list.total })} ·{" "}
            <span className={list.stalled > 0 ? "font-semibold text-red-800" : undefined}>{t("participants.stalledCount", { count: list.stalled })}</span>
            {list.dormant > 0 && list.filters.status !== "dormant" ? (
              <>
                {" · "}
                <Link to={pageHref(dormantFilters(list.filters), 1)} title={t("dormancy.countTitle")} className="text-slate-700 underline">
                  {t("dormancy.count", { count: list.dormant })}
                </Link>
              </>
            ) : null}
          </p>
          <p className="text-xs text-slate-600">{t("participants.sortNote")}
          </p>
          {role === "mentor" ? (
            <Link to="/peserta/baru" className={buttonClass("primary", "mt-2")}>
              {t("registration.newParticipant")}
            </Link>
          ) : null}
          {role === "mentor" && list.filters.status === "dormant" && list.total > 0 ? (
            <Link to="/peserta/tidak-aktif" className={buttonClass("secondary", "mt-2 ml-2")}>
              {t("dormancy.list.closeLink")}…
            </Link>
          ) : null}
        </div>
      </div>

      {invalid.length ? (
        <Alert tone="warning">
          {t("participants.filters.invalid", { fields: invalid.map((key) => (key === "waitsOn" ? t("stallNote.filterLabel") : key === "followUp" ? t("stallNote.followUpOn") : key === "stallAge" ? t("dormancy.age.label") : t(`participants.filters.${key}`))).join(", ") })}
        </Alert>
      ) : null}

      {handedOff ? <Alert tone="success">{t("handoff.done")}</Alert> : null}

      <FilterForm filters={list.filters} options={options} />

      <p className="text-xs text-slate-600">{t("participants.legend")}</p>

      {list.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">{t("participants.empty")}</p>
      ) : (
        <>
          {role === "mentor" ? <BulkSelectForm /> : null}
          <ParticipantTable rows={list.rows} contacts={contacts} selectable={role === "mentor"} caption={heading} />
        </>
      )}

      {list.pageCount > 1 ? (
        <nav aria-label={t("participants.pagination")} className="flex flex-wrap items-center justify-between gap-2">
          {list.page > 1 ? (
            <Link to={pageHref(list.filters, list.page - 1)} rel="prev" className={buttonClass("secondary")}>
              ← {t("participants.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-700">{t("participants.page", { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? (
            <Link to={pageHref(list.filters, list.page + 1)} rel="next" className={buttonClass("secondary")}>
              {t("participants.next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}

      <ExportLinks filters={list.filters} fullIdentity={exportFullIdentity} indicators={role === "coordinator"} />
    </div>
  );
}
