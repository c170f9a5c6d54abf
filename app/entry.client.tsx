// Hydration in the language the server rendered (the <html lang> attribute), from the message files
// the page names (root.tsx), which the document has already asked for: the browser holds exactly what
// the page needs before it renders. Should they not arrive, the page stays as the server rendered it.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { TextProvider } from "./components/text";
import { createI18n, DEFAULT_LOCALE, isLocale, type Namespace } from "./modules/i18n/i18n";
import { fetchPageText } from "./modules/i18n/load-text";

const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const namespaces = JSON.parse(document.getElementById("page-text")?.textContent || "[]") as Namespace[];

void fetchPageText(locale, namespaces).then((text) => {
  const i18n = createI18n(locale, text);
  startTransition(() => {
    hydrateRoot(
      document,
      <TextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </TextProvider>,
    );
  });
});
