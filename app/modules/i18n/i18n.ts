// Interface text: Bahasa Indonesia by default, English switchable. The messages are small,
// so they are bundled on both sides and every instance starts synchronously (no loading flash).
import i18next, { type i18n as I18n } from "i18next";
import { en, id } from "~/locales/messages";

export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "id";

export const resources = { id: { common: id }, en: { common: en } } as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A ready instance for one language. */
export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources,
    ns: ["common"],
    defaultNS: "common",
    // React escapes what it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** BCP 47 tag for Intl formatting. */
export function intlLocale(locale: string): string {
  return locale === "en" ? "en-GB" : "id-ID";
}
