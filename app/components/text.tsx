import type { i18n as I18n, TFunction } from "i18next";
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

// The interface text of the page: one translate function per language, shared by every component
// through a context. (react-i18next's useTranslation built a wrapper of the i18next instance and
// subscribed to it in every component that called it: a list page of 50 rows called it about 600
// times, 16 ms of its server render.) The provider subscribes once, and follows language changes.

export type Text = { t: TFunction<"common">; i18n: I18n };

const TextContext = createContext<Text | null>(null);

export function TextProvider({ i18n, children }: { i18n: I18n; children: ReactNode }) {
  const [language, setLanguage] = useState(i18n.language);
  useEffect(() => {
    // The root follows the language cookie with i18n.changeLanguage; every text follows it here.
    const follow = (next: string) => setLanguage(next);
    i18n.on("languageChanged", follow);
    return () => i18n.off("languageChanged", follow);
  }, [i18n]);
  const text = useMemo<Text>(() => ({ t: translator(i18n, language), i18n }), [i18n, language]);
  return <TextContext.Provider value={text}>{children}</TextContext.Provider>;
}

const translators = new WeakMap<I18n, Map<string, TFunction<"common">>>();

/**
 * i18next's translate function for one language, remembering the text of each key asked without
 * options (a stage's name, a column heading): the messages never change while the app runs, and a
 * list page asks for the same few hundred times. Kept per instance and language, so on the server
 * every request in that language shares it.
 */
function translator(i18n: I18n, language: string): TFunction<"common"> {
  let byLanguage = translators.get(i18n);
  if (!byLanguage) translators.set(i18n, (byLanguage = new Map()));
  let t = byLanguage.get(language);
  if (!t) {
    const translate = i18n.getFixedT(language, "common") as unknown as (...args: unknown[]) => string;
    const plain = new Map<string, string>();
    const remembering = (...args: unknown[]) => {
      const [key] = args;
      if (args.length !== 1 || typeof key !== "string") return translate(...args);
      let text = plain.get(key);
      if (text === undefined) plain.set(key, (text = translate(key)));
      return text;
    };
    t = Object.assign(remembering, translate) as unknown as TFunction<"common">;
    byLanguage.set(language, t);
  }
  return t;
}

/** The translate function and the i18next instance (its `language` for formatting). */
export function useText(): Text {
  const text = useContext(TextContext);
  if (!text) throw new Error("useText outside TextProvider");
  return text;
}
