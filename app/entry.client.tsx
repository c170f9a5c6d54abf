// Hydration in the language the server rendered (the <html lang> attribute).
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { TextProvider } from "./components/text";
import { createI18n, DEFAULT_LOCALE, isLocale } from "./modules/i18n/i18n";

const lang = document.documentElement.lang;
const i18n = createI18n(isLocale(lang) ? lang : DEFAULT_LOCALE);

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
