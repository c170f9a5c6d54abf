// NIK (Nomor Induk Kependudukan): structure checks and masking. Safe for both server and browser.

export type NikProblem = "length" | "digits" | "province" | "birth-day" | "birth-month";

/** Province codes in use (first two digits of an NIK). */
const PROVINCE_CODES = new Set([
  "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
  "31", "32", "33", "34", "35", "36",
  "51", "52", "53", "61", "62", "63", "64", "65",
  "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93", "94", "95", "96", "97",
]);

/** Days in each month; February has 29 in a year the NIK's two digits allow to be a leap year. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The NIK's two-digit year may be 19yy or 20yy; both centuries agree on which are leap years except
 * 1900, and 00 may be 2000, which is one: so any year divisible by four allows 29 February.
 */
function daysInMonth(month: number, twoDigitYear: number): number {
  return month === 2 && twoDigitYear % 4 === 0 ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * Checks the structure DESIGN.md gives: 16 digits; digits 1–2 a province code; digits 7–8 the
 * birth day (41–71 for women, who add 40); digits 9–10 the birth month; digits 11–12 the year. The
 * day must exist in that month (no 31 February, no 31 April; 29 February only in a leap year).
 * Returns the first problem.
 */
export function nikProblem(nik: string): NikProblem | null {
  if (!/^\d+$/.test(nik)) return "digits";
  if (nik.length !== 16) return "length";
  if (!PROVINCE_CODES.has(nik.slice(0, 2))) return "province";
  const day = Number(nik.slice(6, 8));
  const dayOfMonth = day > 40 ? day - 40 : day;
  if (dayOfMonth < 1 || dayOfMonth > 31) return "birth-day";
  const month = Number(nik.slice(8, 10));
  if (month < 1 || month > 12) return "birth-month";
  if (dayOfMonth > daysInMonth(month, Number(nik.slice(10, 12)))) return "birth-day";
  return null;
}

/** A DKI Jakarta KTP has an NIK starting with 31. */
export function isDkiNik(nik: string): boolean {
  return nik.startsWith("31");
}

/** Masked for display: region digits and the last four remain; birth date and sex (digits 5–12) hidden. */
export function maskNik(first4: string, last4: string): string {
  return `${first4}********${last4}`;
}

/** Phone masked: the operator prefix and the last three digits stay, the rest is hidden. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const digits = phone.replace(/\s+/g, "");
  if (digits.length <= 4) return "•".repeat(digits.length);
  // Short numbers keep only their last three digits: the head and tail slices would overlap.
  if (digits.length <= 7) return `${"•".repeat(digits.length - 3)}${digits.slice(-3)}`;
  return `${digits.slice(0, 4)}${"•".repeat(digits.length - 7)}${digits.slice(-3)}`;
}
