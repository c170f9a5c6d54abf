/** A phone number as shown on a page that anyone with the link can open: "62812****7890". */
export function maskedPhone(international: string): string {
  return international.length > 8 ? `${international.slice(0, 5)}${"*".repeat(international.length - 9)}${international.slice(-4)}` : "****";
}
