// The browser fetches a namespace's messages when a client navigation reaches a route that needs one
// it does not hold yet. Each language's file is served as it is, a JSON file with a hashed name
// (cached for good, like every built asset): a page never downloads the other language or another
// feature's text, and no module loader code comes with them.
import { addText, missingText, type I18n, type Messages, type Namespace, type PageText } from "./i18n";

const files = import.meta.glob<string>("../../locales/*/*.json", { query: "?url", import: "default", eager: true });

const pending = new Map<string, Promise<void>>();

/** The address of a namespace's messages in a language (the same on the server and in the browser). */
export function textUrl(locale: string, namespace: Namespace): string {
  const url = files[`../../locales/${locale}/${namespace}.json`];
  if (!url) throw new Error(`no messages for ${locale}/${namespace}`);
  return url;
}

async function fetchMessages(locale: string, namespace: Namespace): Promise<readonly [Namespace, Messages]> {
  const url = textUrl(locale, namespace);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return [namespace, (await response.json()) as Messages];
}

/** A full page load's text: the namespaces the page names, fetched (the document preloads them). */
export async function fetchPageText(locale: string, namespaces: readonly Namespace[]): Promise<PageText> {
  return Object.fromEntries(await Promise.all(namespaces.map((namespace) => fetchMessages(locale, namespace)))) as PageText;
}

/**
 * Nothing when the instance holds every namespace; otherwise the promise of their loading in its
 * language (the same one until it settles, so a render that waits for it can throw it again).
 */
export function loadText(i18n: I18n, namespaces: readonly Namespace[]): Promise<void> | undefined {
  const missing = missingText(i18n, namespaces);
  if (missing.length === 0) return undefined;
  const key = `${i18n.language}:${missing.join(",")}`;
  let loading = pending.get(key);
  if (!loading) {
    loading = Promise.all(missing.map((namespace) => fetchMessages(i18n.language, namespace)))
      .then((loaded) => addText(i18n, Object.fromEntries(loaded)))
      .catch(() => {
        // Messages that cannot be fetched (a new deployment, the network gone): the server renders
        // the page whole, as Remix does when a route module fails to load.
        window.location.reload();
        return new Promise<void>(() => {});
      })
      .finally(() => pending.delete(key));
    pending.set(key, loading);
  }
  return loading;
}
