// The request's language: a cookie set by the language form, Bahasa Indonesia otherwise.
import { TEXT } from "~/locales/messages";
import { readCookie, serializeCookie } from "../http/cookies.server";
import { createI18n, DEFAULT_LOCALE, isLocale, type I18n, type Locale } from "./i18n";

export const LANGUAGE_COOKIE = "pas_lng";

export function getLocale(request: Request): Locale {
  const value = readCookie(request, LANGUAGE_COOKIE);
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export function languageCookie(locale: Locale): string {
  return serializeCookie(LANGUAGE_COOKIE, locale, { maxAgeSeconds: 365 * 24 * 3600 });
}

// One instance per language for the whole process, holding every namespace of its language: the
// server never changes an instance's language.
const instances = new Map<Locale, I18n>();

export function serverI18n(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale, TEXT[locale]);
    instances.set(locale, instance);
  }
  return instance;
}
