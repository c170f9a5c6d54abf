// Dates and money for display. The programme runs in Jakarta: times are shown in its time zone,
// on the server and in the browser alike (so that hydration sees the same text).
import { intlLocale } from "./i18n";
import { JAKARTA_TIME_ZONE } from "./jakarta";

const TIME_ZONE = JAKARTA_TIME_ZONE;

// Building an Intl formatter costs far more than using one (a coordinator's page formats a thousand
// numbers): each is built once per locale and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => F): F {
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = build()));
  return formatter as F;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const tag = intlLocale(locale);
  return cached(`n|${tag}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(tag, options));
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = intlLocale(locale);
  return cached(`d|${tag}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag, options));
}

/** A count or figure in the reader's grouping: "12.500" / "12,500". */
export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale).format(value);
}

/** An average and the like, with `digits` decimals in the reader's decimal mark: "5,7" / "5.7". */
export function formatDecimal(value: number, locale: string, digits = 1): string {
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A share 0–1 as a whole percentage in the reader's way of writing it: "30%" / "30%". */
export function formatPercent(share: number, locale: string): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

export function formatDate(at: number | string, locale: string): string {
  const date = typeof at === "string" ? new Date(`${at}T00:00:00+07:00`) : new Date(at);
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: TIME_ZONE }).format(date);
}

export function formatDateTime(at: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(new Date(at));
}

/** "Rp 25.000.000" / "Rp 25,000,000": the narrow symbol, since English would otherwise write "IDR". */
export function formatRupiah(amount: number, locale: string): string {
  return numberFormat(locale, { style: "currency", currency: "IDR", currencyDisplay: "narrowSymbol", maximumFractionDigits: 0 }).format(amount);
}

/** "2026-03" as "Maret 2026" / "March 2026". */
export function formatMonth(period: string, locale: string): string {
  if (!/^\d{4}-\d{2}$/.test(period)) return period;
  return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${period}-01T00:00:00Z`));
}
