import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { I18n } from "~/modules/i18n/i18n";
import type { Translate } from "~/modules/i18n/translate";

// The interface text of the page: one translate function per language, shared by every component
// through a context. (react-i18next's useTranslation built a wrapper of the i18next instance and
// subscribed to it in every component that called it: a list page of 50 rows called it about 600
// times, 16 ms of its server render.) A page's language never changes: switching reloads the page.

export type Text = { t: Translate; i18n: I18n };

const TextContext = createContext<Text | null>(null);

export function TextProvider({ i18n, children }: { i18n: I18n; children: ReactNode }) {
  const text = useMemo<Text>(() => ({ t: translator(i18n), i18n }), [i18n]);
  return <TextContext.Provider value={text}>{children}</TextContext.Provider>;
}

const translators = new WeakMap<I18n, Translate>();

/**
 * The instance's translate function, remembering the text of each key asked without options (a
 * stage's name, a column heading): the messages never change while the app runs, and a list page
 * asks for the same few hundred times. Kept per instance, so on the server every request in that
 * language shares it; in the browser it grows as namespaces arrive.
 */
function translator(i18n: I18n): Translate {
  let t = translators.get(i18n);
  if (!t) {
    const translate = i18n.t as unknown as (...args: unknown[]) => string;
    const plain = new Map<string, string>();
    const remembering = (...args: unknown[]) => {
      const [key] = args;
      if (args.length !== 1 || typeof key !== "string") return translate(...args);
      let text = plain.get(key);
      if (text === undefined) {
        text = translate(key);
        // A key whose namespace the browser does not hold yet reads as itself: never remembered.
        if (text !== key) plain.set(key, text);
      }
      return text;
    };
    t = remembering as unknown as Translate;
    translators.set(i18n, t);
  }
  return t;
}

/** The translate function and the page's text (its `language` for formatting). */
export function useText(): Text {
  const text = useContext(TextContext);
  if (!text) throw new Error("useText outside TextProvider");
  return text;
}
