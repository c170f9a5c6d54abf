import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { BulkSelectForm } from "~/components/participants/bulk-select";
import { ParticipantTable } from "~/components/participants/participant-table";
import { waitsOnLabel } from "~/components/participants/stall-note";
import { ExportLinks } from "~/components/transfer/export-links";
import { Alert } from "~/components/ui/alert";
import { buttonClass } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { COHORT_OPTION_LIMIT, dormantFilters, listSearch, parseListFilters, type ListFilters } from "~/modules/participants/list-filters";
import { STALL_AGE_BANDS } from "~/modules/journey/stalled";
import { districtOptionsInScope } from "~/modules/access/scope.server";
import { cohortOptionsInScope, listParticipantsInScope } from "~/modules/participants/participants.server";
import { SECTORS, WAITS_ON } from "../../machines/vocabulary";
import { canExportFullIdentity } from "~/modules/transfer/export.server";
import { servedContacts } from "~/modules/participants/phone.server";
import { PHASES, STAGES, TRACKS } from "../../machines/stages";
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

const hasFilters = (filters: ListFilters) => listSearch(filters) !== "";

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: keyof ListFilters;
  label: string;
  value: string | number | undefined;
  options: { value: string | number; label: string }[];
}) {
  const { t } = useText();
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value === undefined ? "" : String(value)} className={inputClass}>
        <option value="">{t("participants.filters.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Filters set by the overview's links (furthest stage reached, mentor, agency): no control of their own. */
const LINKED_ONLY_FILTERS = ["reached", "mentor", "agency"] as const satisfies readonly (keyof ListFilters)[];

/** A GET form: works without JavaScript, and every filter lands in the URL. */
function FilterForm({ filters, options }: { filters: ListFilters; options: ReturnType<typeof useLoaderData<typeof loader>>["options"] }) {
  const { t } = useText();
  const location = useLocation();
  const activeFilters = (Object.keys(filters) as (keyof ListFilters)[]).filter((key) => key !== "q" && key !== "page" && filters[key] !== undefined).length;
  return (
    // Keyed by the query so that the back button (a client navigation) shows the filters of that URL.
    <Form key={location.search} method="get" role="search" aria-label={t("participants.filters.title")} className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 grow">
          <label htmlFor="q" className="mb-1 block text-sm font-medium text-slate-800">
            {t("participants.search")}
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={100} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("participants.searchButton")}
        </button>
      </div>
      {/* Filters that arrive from the coordinator's overview and have no control here are kept. */}
      {LINKED_ONLY_FILTERS.filter((key) => filters[key] !== undefined).map((key) => (
        <input key={key} type="hidden" name={key} value={String(filters[key])} />
      ))}
      {LINKED_ONLY_FILTERS.some((key) => filters[key] !== undefined) ? (
        <p className="mt-2 text-sm text-slate-700">
          {t("participants.filters.alsoFiltered", {
            fields: LINKED_ONLY_FILTERS.filter((key) => filters[key] !== undefined)
              .map((key) => t(`participants.filters.${key}`))
              .join(", "),
          })}{" "}
          <Link to="/peserta" className="font-medium text-brand-700 underline">
            {t("participants.filters.clear")}
          </Link>
        </p>
      ) : null}
      {/* Closed on a phone until a filter is in use; <details> needs no script. */}
      <details open={activeFilters > 0} className="mt-3">
        <summary className="cursor-pointer text-sm font-semibold text-brand-700">
          {t("participants.filters.title")}
          {activeFilters > 0 ? ` (${t("participants.filters.active", { count: activeFilters })})` : ""}
        </summary>
        <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <FilterSelect
            name="district"
            label={t("participants.filters.district")}
            value={filters.district}
            options={options.districts.map((d) => ({ value: d.id, label: d.name }))}
          />
          <FilterSelect
            name="cohort"
            label={t("participants.filters.cohort")}
            value={filters.cohort}
            options={options.cohorts.map((c) => ({ value: c.id, label: c.label }))}
          />
          <FilterSelect
            name="stage"
            label={t("participants.filters.stage")}
            value={filters.stage}
            options={STAGES.map((stage) => ({
              value: stage,
              label: stage === "registration" ? `${stageTitle(t, stage)} (${t("participants.filters.awaitingVerification")})` : stageTitle(t, stage),
            }))}
          />
          <FilterSelect
            name="status"
            label={t("participants.filters.status")}
            value={filters.status}
            options={PHASES.map((status) => ({ value: status, label: status === "dormant" ? t("dormancy.statusOption") : t(`status.${status}`) }))}
          />
          <FilterSelect
            name="track"
            label={t("participants.filters.track")}
            value={filters.track}
            options={TRACKS.map((track) => ({ value: track, label: t(`track.${track}`) }))}
          />
          <FilterSelect
            name="stalled"
            label={t("participants.filters.stalled")}
            value={filters.stalled}
            options={[
              { value: "yes", label: t("participants.filters.stalledYes") },
              { value: "no", label: t("participants.filters.stalledNo") },
            ]}
          />
          <FilterSelect
            name="stallAge"
            label={t("dormancy.age.label")}
            value={filters.stallAge}
            options={STALL_AGE_BANDS.map((band) => ({ value: band, label: t(`dormancy.age.band.${band}`) }))}
          />
          <FilterSelect
            name="sector"
            label={t("participants.filters.sector")}
            value={filters.sector}
            options={SECTORS.map((sector) => ({ value: sector, label: t(`registration.sectorOption.${sector}`) }))}
          />
          <FilterSelect
            name="waitsOn"
            label={t("stallNote.filterLabel")}
            value={filters.waitsOn}
            options={WAITS_ON.map((waitsOn) => ({ value: waitsOn, label: waitsOnLabel(t, waitsOn) }))}
          />
        </div>
        {options.cohortsLimited ? (
          <p className="mt-2 text-xs text-slate-600">{t("participants.filters.cohortLimited", { count: COHORT_OPTION_LIMIT })}</p>
        ) : null}
        <div className="mt-3">
          <button type="submit" className={buttonClass("secondary")}>
            {t("participants.filters.apply")}
          </button>
        </div>
      </details>
      {hasFilters(filters) ? (
        <p className="mt-3 text-sm">
          <Link to="/peserta" className="font-medium text-brand-700 underline">
            {t("participants.clearSearch")}
          </Link>
        </p>
      ) : null}
    </Form>
  );
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
