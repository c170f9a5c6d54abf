// Hydration in the language the server rendered (the <html lang> attribute), from the messages the
// server wrote into the page (root.tsx): the browser holds exactly what the page needs, at once.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { TextProvider } from "./components/text";
import { createI18n, DEFAULT_LOCALE, isLocale, type PageText } from "./modules/i18n/i18n";

const lang = document.documentElement.lang;
const text = JSON.parse(document.getElementById("page-text")?.textContent || "{}") as PageText;
const i18n = createI18n(isLocale(lang) ? lang : DEFAULT_LOCALE, text);

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
