// Debian's Chromium driven by playwright-core (no browser download).
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { DEMO_PASSWORD } from "./server";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A fresh context (its own cookies) and page. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "id-ID", ...options });
  return context.newPage();
}

/** Signs in through the sign-in form, as a person would, and waits for the landing page. */
export async function signInWithForm(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/masuk`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/masuk"));
  // The address changes before the new page has rendered: wait for the signed-in header.
  await page.getByRole("button", { name: "Keluar" }).waitFor();
}

/** Collects into `errors` what a page raises (script errors, CSP violations, failed hydration): a test then expects none. */
export function watchErrors(page: Page, errors: string[]): Page {
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return page;
}
