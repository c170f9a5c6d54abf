// Debian's Chromium driven by playwright-core (no browser download).
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { expect } from "vitest";
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

// ─── Every page is watched ───────────────────────────────────────────────────
// Whatever a page raises — a script error, a console error (Chromium reports a CSP violation and a
// failed hydration as one), a `securitypolicyviolation` event — is kept here until the end of the
// test, which then fails (the afterEach below): a browser test cannot forget to look. A page whose
// own document answered 4xx/5xx logs "Failed to load resource" for it: that status is the test's to
// check (it asserts the 404 it expects), so only that one message of that one document is let through.

type Raised = { message: string; resource?: string };
const raised: Raised[] = [];
const failedDocuments = new Set<string>();

function watch(context: BrowserContext): void {
  context.on("page", (page) => {
    page.on("pageerror", (error) => raised.push({ message: `pageerror on ${page.url()}: ${error.message}` }));
    page.on("console", (message) => {
      if (message.type() === "error") raised.push({ message: `console error on ${page.url()}: ${message.text()}`, resource: message.location().url });
    });
    page.on("response", (response) => {
      if (response.status() >= 400 && response.request().isNavigationRequest()) failedDocuments.add(response.url());
    });
  });
}

/** Reports `securitypolicyviolation` events too (a violation that logged nothing still fails). */
async function watchViolations(context: BrowserContext): Promise<void> {
  await context.exposeBinding("__reportViolation", ({ page }, text: string) => raised.push({ message: `CSP violation on ${page.url()}: ${text}` }));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportViolation?: (text: string) => void }).__reportViolation;
      void report?.(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} ${event.sample}`.trim());
    });
  });
}

/** What the watched pages raised since the last call (then forgotten), their own error statuses left out. */
export function takeRaisedErrors(): string[] {
  const own = (r: Raised) => r.resource !== undefined && failedDocuments.has(r.resource) && r.message.includes("Failed to load resource");
  const errors = raised.filter((r) => !own(r)).map((r) => r.message);
  raised.length = 0;
  failedDocuments.clear();
  return errors;
}

// Registered by importing this module, as testing libraries register their cleanup. The screenshot
// script imports it outside a test run, where there is no test to fail (and importing Vitest throws).
if (process.env.VITEST) {
  const { afterEach, expect } = await import("vitest");
  afterEach(() => {
    expect(takeRaisedErrors(), "console errors, page errors or CSP violations raised by a page").toEqual([]);
  });
}

/** A fresh context (its own cookies) whose pages are watched. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "id-ID", ...options });
  watch(context);
  if (options.javaScriptEnabled !== false) await watchViolations(context);
  return context;
}

/** A fresh context (its own cookies) and page, watched. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  return (await newContext(browser, options)).newPage();
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

/** Also collects into `errors` what a page raises (script errors, CSP violations, failed hydration), for a test's own checks. */
export function watchErrors(page: Page, errors: string[]): Page {
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return page;
}

/** Fails when the page scrolls sideways at a phone's width (360 px unless given). */
export async function fitsThePhone(page: Page, width = 360): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(width);
}
