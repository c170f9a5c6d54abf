// Dates and money for display. The programme runs in Jakarta: times are shown in its time zone,
// on the server and in the browser alike (so that hydration sees the same text).
import { intlLocale } from "./i18n";

const TIME_ZONE = "Asia/Jakarta";

export function formatDate(at: number | string, locale: string): string {
  const date = typeof at === "string" ? new Date(`${at}T00:00:00+07:00`) : new Date(at);
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeZone: TIME_ZONE }).format(date);
}

export function formatDateTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(
    new Date(at),
  );
}

export function formatRupiah(amount: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency: "IDR", maximumFractionDigits: 0 }).format(amount);
}

/** "2026-03" as "Maret 2026" / "March 2026". */
export function formatMonth(period: string, locale: string): string {
  if (!/^\d{4}-\d{2}$/.test(period)) return period;
  return new Intl.DateTimeFormat(intlLocale(locale), { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}
