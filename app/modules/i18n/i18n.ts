// Interface text: Bahasa Indonesia by default, English switchable. The server holds every message of
// both languages; a browser holds only the language of its page and the namespaces (message files)
// its routes use (namespaces.ts). An instance starts synchronously from the messages it is given, so
// nothing renders before its text is there (no flash of keys). Keys are checked at compile time
// against i18next's types (i18next.d.ts); the lookup itself is translate.ts.
import type { TEXT } from "~/locales/messages";
import { translateFunction, type Translate } from "./translate";

export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "id";

/** A message file's name: app/locales/<locale>/<namespace>.json. */
export type Namespace = keyof (typeof TEXT)["id"];
export type Messages = Record<string, unknown>;
/** Messages of one language, by namespace. */
export type PageText = Partial<Record<Namespace, Messages>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * One language's text: the namespaces held so far, all of whose keys form one set (a key reads the
 * same whichever file holds it), and the translate function over them. Its language never changes:
 * the server keeps one per language, a page is one language (switching reloads it).
 */
export type I18n = { readonly language: Locale; readonly t: Translate };

type Held = { messages: Messages; namespaces: Map<Namespace, Messages> };
const held = new WeakMap<I18n, Held>();

/** A ready instance for one language, holding the given namespaces. */
export function createI18n(locale: Locale, text: PageText): I18n {
  const holding: Held = { messages: {}, namespaces: new Map() };
  const instance: I18n = { language: locale, t: translateFunction(locale, () => holding.messages) };
  held.set(instance, holding);
  addText(instance, text);
  return instance;
}

/** Adds namespaces' messages (a namespace already held is left as it is). */
export function addText(i18n: I18n, text: PageText): void {
  const holding = held.get(i18n)!;
  for (const [namespace, messages] of Object.entries(text) as [Namespace, Messages][]) {
    if (holding.namespaces.has(namespace)) continue;
    // Files never share a top-level key (locales.test.ts): a shallow merge is enough.
    Object.assign(holding.messages, messages);
    holding.namespaces.set(namespace, messages);
  }
}

/** The namespaces of the list the instance does not hold yet. */
export function missingText(i18n: I18n, namespaces: readonly Namespace[]): Namespace[] {
  const holding = held.get(i18n)!;
  return namespaces.filter((namespace) => !holding.namespaces.has(namespace));
}

/** BCP 47 tag for Intl formatting. */
export function intlLocale(locale: string): string {
  return locale === "en" ? "en-GB" : "id-ID";
}
