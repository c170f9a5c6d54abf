// Licence numbers (P4 evidence) checked by their kind's published format, so that "NIB abc" no
// longer completes P4. Safe for both sides: the form's schema and the evidence list read these.
import type { LicenceType } from "../../../machines/vocabulary";

/**
 * The published format of each kind's number, written as it is after normaliseLicenceNumber; null
 * for a kind whose numbers follow no single published format (the page says "format not checked").
 *   nib        Nomor Induk Berusaha from OSS: 13 digits
 *   p_irt      PIRT number: 15 digits, written 13 + "-" + 2 (the last two are the expiry year)
 *   halal      BPJPH certificate: "ID" + 14–17 digits; an older MUI certificate: 14 digits
 *   trademark  DJKI registration "IDM" + 9 digits, or an application "DID"/"JID" + 10 digits
 */
export const LICENCE_NUMBER_FORMATS: Record<LicenceType, RegExp | null> = {
  nib: /^\d{13}$/,
  p_irt: /^\d{13}-\d{2}$/,
  halal: /^(ID\d{14,17}|\d{14})$/,
  trademark: /^(IDM\d{9}|[DJ]ID\d{10})$/,
  hki: null,
};

export function isLicenceFormatChecked(type: LicenceType): boolean {
  return LICENCE_NUMBER_FORMATS[type] !== null;
}

/**
 * The number as stored: capitals, without spaces or dots, without a "P-IRT No." label in front; a
 * PIRT number typed as 15 digits gets its dash.
 */
export function normaliseLicenceNumber(type: LicenceType, raw: string): string {
  let value = raw.toUpperCase().replace(/[\s.]/g, "");
  if (type === "p_irt") {
    value = value.replace(/^(P-?IRT)?(NO:?)?/, "");
    if (/^\d{15}$/.test(value)) value = `${value.slice(0, 13)}-${value.slice(13)}`;
  }
  return value;
}

/** Whether a (normalised) number has its kind's format; always true for a kind not checked. */
export function hasLicenceFormat(type: LicenceType, normalised: string): boolean {
  const format = LICENCE_NUMBER_FORMATS[type];
  return format === null || format.test(normalised);
}

/** A licence whose expiry day has passed (today in Jakarta, YYYY-MM-DD) is shown as expired. */
export function isLicenceExpired(expiresOn: string | undefined, today: string): boolean {
  return expiresOn !== undefined && expiresOn < today;
}
