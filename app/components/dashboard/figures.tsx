// Small pieces of the coordinator's pages: a number that opens the list behind it, a share, a bar.
// Every figure is plain text in a table (the text alternative); bars and shading only repeat it.
import { Link } from "@remix-run/react";
import { useText } from "~/components/text";
import { listSearch, type ListFilters } from "~/modules/participants/list-filters";
import { formatDateTime, numberFormat } from "~/modules/i18n/format";

export function participantsHref(filters: ListFilters): string {
  return `/peserta${listSearch(filters)}`;
}

export function useNumber() {
  const language = useText().i18n.language;
  const format = numberFormat(language);
  const percent = numberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  return { n: (value: number) => format.format(value), pct: (value: number) => percent.format(value) };
}

/** A count linking to the participant list with the filters that give exactly that count. */
export function CountLink({ value, filters, label, className = "" }: { value: number; filters: ListFilters; label?: string; className?: string }) {
  const { n } = useNumber();
  return (
    <Link to={participantsHref(filters)} aria-label={label} className={`font-semibold text-brand-700 underline-offset-2 hover:underline ${className}`}>
      {n(value)}
    </Link>
  );
}

/**
 * A horizontal bar for a share 0–1 (decorative: the number beside it says the same). Drawn with SVG
 * attributes: the production CSP drops inline style attributes on a full page load.
 */
export function Bar({ share, tone = "brand" }: { share: number; tone?: "brand" | "red" }) {
  const width = Math.max(0, Math.min(1, share)) * 100;
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 100 2" preserveAspectRatio="none" className="block h-2 w-full">
      <rect x="0" y="0" width="100" height="2" rx="1" className="fill-slate-200" />
      {width > 0 ? <rect x="0" y="0" width={width} height="2" rx="1" className={tone === "red" ? "fill-red-600" : "fill-brand-600"} /> : null}
    </svg>
  );
}

export function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-bold text-slate-900">
        {title}
      </h2>
      {intro ? <p className="text-sm text-slate-700">{intro}</p> : null}
      {children}
    </section>
  );
}

export const tableClass = "w-full text-left text-sm";
export const theadClass = "bg-slate-50 text-xs font-semibold text-slate-700";
export const cellClass = "px-3 py-2";
// `relative`: screen-reader-only text inside a table (position: absolute) is placed against the nearest
// positioned ancestor; without one it escapes the scroller and widens the whole page on a phone.
export const scrollClass = "relative overflow-x-auto rounded-lg border border-slate-200 bg-white";

/** A coordinator page's heading: its title, what it shows, and the time its figures were read. */
export function FiguresHeading({ title, intro, asOf }: { title: string; intro?: string; asOf: number }) {
  const { t, i18n } = useText();
  return (
    <div className="space-y-1">
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      {intro ? <p className="text-sm text-slate-700">{intro}</p> : null}
      <p className="text-xs text-slate-700" suppressHydrationWarning>
        {t("dashboard.asOf", { time: formatDateTime(asOf, i18n.language) })}
      </p>
    </div>
  );
}
