// The participant list's filter form (/peserta): search, district, cohort, stage, status and the
// other narrowing choices, sent as a GET so that every filtered list has its own address.
import { Form, Link, useLocation } from "@remix-run/react";
import { useText } from "~/components/text";
import { waitsOnLabel } from "~/components/participants/stall-note";
import { buttonClass } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import type { FilterOption } from "~/modules/access/scope.server";
import { stageTitle } from "~/modules/journey/labels";
import { STALL_AGE_BANDS } from "~/modules/journey/stalled";
import { COHORT_OPTION_LIMIT, listSearch, type ListFilters } from "~/modules/participants/list-filters";
import type { CohortFilterOption } from "~/modules/participants/participants.server";
import { PHASES, STAGES, TRACKS } from "../../../machines/stages";
import { SECTORS, WAITS_ON } from "../../../machines/vocabulary";

export type FilterFormOptions = { districts: FilterOption[]; cohorts: CohortFilterOption[]; cohortsLimited: boolean };

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
export function FilterForm({ filters, options }: { filters: ListFilters; options: FilterFormOptions }) {
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
