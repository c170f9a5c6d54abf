// Server rendering: streams the page with a fresh CSP nonce per request, in the request's language,
// with the security headers every page carries.
import { PassThrough } from "node:stream";
import type { EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { TextProvider } from "./components/text";
import { NonceProvider } from "./components/nonce";
import { applyCommonSecurityHeaders, applyDocumentSecurityHeaders, createNonce } from "./modules/http/headers.server";
import { getLocale, serverI18n } from "./modules/i18n/i18n.server";
import { getDb } from "./modules/db.server";
import { startTimers } from "./modules/timers.server";

export const streamTimeout = 5_000;

// The tallies' clock moves on a timer from the start, so that no page read has to write; SQLite's
// statistics are refreshed on one too. Only one process of the server runs them (timers.server.ts).
startTimers(getDb());

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = createNonce();
  const locale = getLocale(request);
  const i18n = serverI18n(locale);
  // Crawlers and no-JS readers get the whole document at once; browsers get the shell first.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <TextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </TextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Language", locale);
          applyDocumentSecurityHeaders(responseHeaders, nonce);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it, Remix's handleError logs them.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}

/** Data requests (client navigations) carry the same personal data as pages: same headers, minus CSP. */
export const handleDataRequest: HandleDataRequestFunction = (response) => {
  applyCommonSecurityHeaders(response.headers);
  return response;
};

export const handleError: HandleErrorFunction = (error, { request }) => {
  // A person leaving a page mid-request is not an error.
  if (request.signal.aborted) return;
  console.error(error);
};
