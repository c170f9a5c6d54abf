// Reaching a participant by phone: the number in international form, a `tel:` link and a WhatsApp
// link (wa.me). Safe for both sides. Who may see the number is decided on the server
// (phone.server.ts): only the mentor who serves the participant gets it; everyone else the mask.

/**
 * The number as WhatsApp wants it: digits only, with Indonesia's country code 62 and no leading 0
 * ("0812-3456 7890", "+62 812 3456 7890", "62812…" and "812…" all give "6281234567890").
 * Null when what is stored is not an Indonesian number (so no link is offered rather than a wrong one).
 */
export function internationalPhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  // Separators people type between groups of digits: spaces, dashes, dots, brackets.
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) {
    if (!digits.startsWith("62")) return null;
  } else if (digits.startsWith("0")) {
    digits = `62${digits.slice(1)}`;
  } else if (digits.startsWith("8")) {
    digits = `62${digits}`;
  }
  // "62" then the national number without its 0: 8 to 13 digits (mobile numbers start with 8).
  if (!/^62[1-9]\d{7,12}$/.test(digits)) return null;
  return digits;
}

/** "tel:+6281234567890", or null when the number is not one we can dial. */
export function telHref(raw: string | null | undefined): string | null {
  const number = internationalPhone(raw);
  return number ? `tel:+${number}` : null;
}

/** "https://wa.me/6281234567890?text=…" (the text prefilled in the chat), or null. */
export function whatsAppHref(raw: string | null | undefined, text?: string): string | null {
  const number = internationalPhone(raw);
  if (!number) return null;
  return text ? `https://wa.me/${number}?text=${encodeURIComponent(text)}` : `https://wa.me/${number}`;
}

/** The number as people in Indonesia write it: "0812-3456-7890". */
export function displayPhone(raw: string | null | undefined): string {
  const number = internationalPhone(raw);
  if (!number) return raw?.trim() ?? "";
  const national = `0${number.slice(2)}`;
  return [national.slice(0, 4), national.slice(4, 8), national.slice(8)].filter(Boolean).join("-");
}

/** What the serving mentor gets to reach a participant. Never built for anyone else. */
export type PhoneContact = {
  /** For reading: "0812-3456-7890". */
  display: string;
  tel: string | null;
  /** wa.me number (digits), or null when the number is not Indonesian; the page adds the text. */
  whatsApp: string | null;
};

export function phoneContact(raw: string | null | undefined): PhoneContact | null {
  if (!raw?.trim()) return null;
  return { display: displayPhone(raw), tel: telHref(raw), whatsApp: internationalPhone(raw) };
}
