// "Download CSV / XLSX" for a list, carrying the list's filters. Plain links and a plain form (not
// Remix's): a download is a document request, not a client navigation.
import { useText } from "~/components/text";
import { buttonClass } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { listSearch, type ListFilters } from "~/modules/participants/list-filters";

const withFormat = (path: string, search: string, format: "csv" | "xlsx") => `${path}${search ? `${search}&` : "?"}format=${format}`;

export function ExportLinks({ filters, fullIdentity, indicators }: { filters: ListFilters; fullIdentity: boolean; indicators: boolean }) {
  const { t } = useText();
  const search = listSearch(filters);
  const href = (format: "csv" | "xlsx") => withFormat("/ekspor/peserta", search, format);
  return (
    <section aria-labelledby="export-heading" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <h2 id="export-heading" className="font-semibold text-slate-900">
        {t("transfer.export.title")}
      </h2>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <a href={href("csv")} download className={buttonClass("secondary")}>
          {t("transfer.export.csv")}
        </a>
        <a href={href("xlsx")} download className={buttonClass("secondary")}>
          {t("transfer.export.xlsx")}
        </a>
        <span className="text-xs text-slate-600">{t("transfer.export.maskedNote")}</span>
      </div>
      {indicators ? (
        // Graduates' before/after figures, narrowed by the list's district and cohort only.
        <p className="mt-3">
          <a href={withFormat("/ekspor/indikator", listSearch({ district: filters.district, cohort: filters.cohort }), "xlsx")} download className="font-medium text-brand-700 underline">
            {t("transfer.export.indicators")} (XLSX)
          </a>
        </p>
      ) : null}
      {fullIdentity ? (
        <details className="mt-3">
          <summary className="cursor-pointer font-semibold text-brand-700">{t("transfer.export.fullIdentity")}</summary>
          <form method="post" action={`/ekspor/peserta${search}`} className="mt-2 flex flex-wrap items-end gap-2">
            <p className="w-full text-xs text-slate-700">{t("transfer.export.fullIdentityNote")}</p>
            <div className="w-full">
              <label htmlFor="export-purpose" className="mb-1 block text-xs font-medium text-slate-800">
                {t("transfer.export.purpose")}
              </label>
              <p id="export-purpose-hint" className="mb-1 text-xs text-slate-600">
                {t("transfer.export.purposeHint")}
              </p>
              <textarea id="export-purpose" name="purpose" required minLength={10} maxLength={500} rows={2} aria-describedby="export-purpose-hint" className={inputClass} />
            </div>
            <div>
              <label htmlFor="export-format" className="mb-1 block text-xs font-medium text-slate-800">
                {t("transfer.export.format")}
              </label>
              <select id="export-format" name="format" defaultValue="xlsx" className={inputClass}>
                <option value="xlsx">XLSX</option>
                <option value="csv">CSV</option>
              </select>
            </div>
            <button type="submit" className={buttonClass("danger")}>
              {t("transfer.export.fullIdentitySubmit")}
            </button>
          </form>
        </details>
      ) : null}
    </section>
  );
}
