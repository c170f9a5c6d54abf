// A long list's links as plain anchors, navigated in the app by one click handler on the list.
// Remix's <Link> runs half a dozen router hooks per link; fifty rows of them were a tenth of the
// list's render. One handler on the container does what <Link> does for a plain left click on a
// link of this site: a client navigation. Everything else (a modified or middle click, a link with
// a target, another origin, no JavaScript yet) is the browser's own.
import { useNavigate } from "@remix-run/react";
import { useCallback, type MouseEvent } from "react";

export function useListLinks(): (event: MouseEvent<HTMLElement>) => void {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element).closest("a[data-list-link]");
      if (!(link instanceof HTMLAnchorElement) || link.target || link.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(link.pathname + link.search);
    },
    [navigate],
  );
}
