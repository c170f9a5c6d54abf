// The browser fetches a namespace's messages when a client navigation reaches a route that needs one
// it does not hold yet: each language's file is its own small chunk, so a page never downloads the
// other language or another feature's text.
import { addText, missingText, type I18n, type Messages, type Namespace } from "./i18n";

const files = import.meta.glob<Messages>("../../locales/*/*.json", { import: "default" });

const pending = new Map<string, Promise<void>>();

/**
 * Nothing when the instance holds every namespace; otherwise the promise of their loading in its
 * language (the same one until it settles, so a render that waits for it can throw it again).
 */
export function loadText(i18n: I18n, namespaces: readonly Namespace[]): Promise<void> | undefined {
  const missing = missingText(i18n, namespaces);
  const locale = i18n.language;
  if (missing.length === 0) return undefined;
  const key = `${locale}:${missing.join(",")}`;
  let loading = pending.get(key);
  if (!loading) {
    loading = Promise.all(
      missing.map(async (namespace) => {
        const load = files[`../../locales/${locale}/${namespace}.json`];
        if (!load) throw new Error(`no messages for ${locale}/${namespace}`);
        return [namespace, await load()] as const;
      }),
    )
      .then((loaded) => addText(i18n, Object.fromEntries(loaded)))
      .catch(() => {
        // A chunk that cannot be fetched (a new deployment, the network gone): the server renders the
        // page whole, as Remix does when a route module fails to load.
        window.location.reload();
        return new Promise<void>(() => {});
      })
      .finally(() => pending.delete(key));
    pending.set(key, loading);
  }
  return loading;
}
