// Which message files a page needs: "common" (every page's header, forms, stages and errors), then
// those each route it matches names in its handle (`text`, see RouteHandle in root.tsx). The server
// writes them into the document for a full load; a client navigation fetches those the browser does
// not hold yet before it renders (root.tsx). The test of the built pages
// (tests/integration/page-scripts.test.ts) fails when a route's code names a key of a namespace the
// route and its parents do not list.
import type { Namespace } from "./i18n";

export function pageNamespaces(matches: readonly { handle?: unknown }[]): Namespace[] {
  const namespaces = new Set<Namespace>(["common"]);
  for (const { handle } of matches) {
    for (const namespace of (handle as { text?: readonly Namespace[] } | undefined)?.text ?? []) namespaces.add(namespace);
  }
  return [...namespaces];
}
