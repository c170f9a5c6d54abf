// Every page each role may open, in a real browser on a full page load (so the production CSP
// applies as it does for a person who follows a link from elsewhere), at phone and desktop width, in
// Bahasa Indonesia and in English. The pages come from the route map the access matrix checks (a new
// route is crawled as soon as it is mapped), with real ids from the database, plus a few other
// states of the same routes (list filters, closed cohorts, a participant in each status). Each load
// must raise no console error, script error or CSP violation, show or say no raw key (a snake_case
// value, an enum value, an i18n key or i18next's output for a missing one) and, at 360 px, be no
// wider than the screen.
// Also: the error watcher every browser test relies on, and a bar drawn as wide as its share.
import { readdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en, id } from "~/locales/messages";
import { BULK_ACTIVITIES } from "~/modules/participants/bulk";
import { EVIDENCE_STAGES } from "~/modules/participants/forms";
import { NON_DKI_BASES } from "~/modules/participants/registration";
import { EVIDENCE_KINDS, P1_STATES, STAGE_COLUMN_STATES, STAGES, STATUSES, TRACKS } from "../../machines/stages";
import {
  AGREEMENT_KINDS,
  DOMICILE_BASES,
  EVIDENCE_STATUSES,
  LICENCE_TYPES,
  MARKETING_CHANNELS,
  ORGANISATION_KINDS,
  REGISTRATION_CHANNELS,
  ROLES,
  SECTORS,
  TRAINING_SKILLS,
  WAITS_ON,
} from "../../machines/vocabulary";
import { launchBrowser, newContext, newPage, takeRaisedErrors } from "../helpers/browser";
import { allowed, arrangeRecords, ROUTES, type Ids, type Record_, type Who } from "../helpers/routes";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let ids: Ids;
let cookies: Partial<Record<Who, string>>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "crawl", participants: 160 }), launchBrowser()]);
  ({ ids, cookies } = await arrangeRecords(server));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// ─── What a page must not show ───────────────────────────────────────────────

function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}
const MESSAGE_KEYS = new Set([...keyPaths(id), ...keyPaths(en)]);
const NAMESPACES = new Set([...Object.keys(id), ...Object.keys(en)]);

/** Stored values of the enums the pages show (each through its label). */
const ENUM_VALUES = new Set<string>([
  ...SECTORS, ...TRACKS, ...STATUSES, ...STAGES, ...ROLES, ...P1_STATES, ...STAGE_COLUMN_STATES, ...DOMICILE_BASES, ...NON_DKI_BASES,
  ...REGISTRATION_CHANNELS, ...EVIDENCE_STATUSES, ...WAITS_ON, ...AGREEMENT_KINDS, ...ORGANISATION_KINDS, ...BULK_ACTIVITIES, ...TRAINING_SKILLS,
  ...LICENCE_TYPES, ...MARKETING_CHANNELS, ...EVIDENCE_KINDS.capital, ...EVIDENCE_STAGES,
]);
const texts = (value: unknown): string[] => (typeof value === "object" && value !== null ? Object.values(value).flatMap(texts) : [String(value)]);
const wordsOf = (messages: object) => new Set(texts(messages).flatMap((text) => text.match(/[\p{L}\d_-]+/gu) ?? []));
/** Every word of the interface text, per language: a one-word enum value is raw only where no message uses that word. */
const INTERFACE_WORDS = { id: wordsOf(id), en: wordsOf(en) };

/**
 * Raw keys in a page's visible text: snake_case words (an enum value shown as stored), a one-word
 * enum value standing on its own (a cell, a line, between separators; in a sentence it is a word of a
 * stored phrase) that is no word of the interface in that language (`kuliner` on an English page),
 * dotted words that are message keys or start with a message namespace (i18next shows a missing key
 * as itself), i18next's note for a key that names a group, and unfilled placeholders. Email
 * addresses and web addresses are dotted by nature and left out.
 */
function rawKeysIn(text: string, lang: "id" | "en"): string[] {
  const words = text.replace(/\S+@\S+/g, " ").replace(/\bhttps?:\/\/\S+/g, " ");
  const found = [
    ...words
      .split(/[\n\t·|/,:()]/)
      .map((segment) => segment.trim())
      .filter((w) => ENUM_VALUES.has(w) && !INTERFACE_WORDS[lang].has(w)),
    ...(words.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? []),
    ...(words.match(/\b[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)+\b/g) ?? []).filter((w) => MESSAGE_KEYS.has(w) || NAMESPACES.has(w.split(".")[0]!)),
    ...(words.match(/returned an object instead of string|\{\{[^}]*\}\}/g) ?? []),
  ];
  return [...new Set(found)];
}

// ─── The pages ───────────────────────────────────────────────────────────────

type Visit = { url: string; file: string; status: number };
const CRAWLED: Who[] = ["anonymous", "entrepreneur", "partner", "mentorCakung", "coordinator"];

/**
 * Every GET page of the route map this role may open: page routes only (no redirects, no files),
 * public ones as a visitor (a signed-in person is sent home from sign-in and registration). A page
 * that shows its record is visited for every record the role may see; the others for the first.
 */
function pagesFor(who: Who): Visit[] {
  const visits = Object.entries(ROUTES).flatMap(([file, entry]) => {
    if (entry.redirects || entry.resource) return [];
    if ((entry.roles === "public") !== (who === "anonymous")) return [];
    const records = (entry.records ?? [undefined]).filter((record) => allowed(entry, who, record));
    const shown: (Record_ | undefined)[] = entry.showsRecord ? records : records.slice(0, 1);
    // An invitation or reset link that does not exist (or no longer does) says so, with 410.
    const status = file === "undangan.$token.tsx" || file === "atur-sandi.$token.tsx" || file === "aktifkan.$token.tsx" ? 410 : 200;
    return shown.map((record) => ({ url: entry.url(ids, record), file, status }));
  });
  // A layout and its index route share a URL: one visit.
  return visits.filter((visit, i) => visits.findIndex((v) => v.url === visit.url) === i);
}

/**
 * The same routes in other states than the route map's samples: list filters, the closed cohorts,
 * and a participant in each status (and a dormant one), whose pages show the most labels.
 */
function otherStatesFor(who: Who): Visit[] {
  if (who !== "coordinator" && who !== "mentorCakung") return [];
  const lists = ["/peserta?status=dormant", "/peserta?stalled=yes", "/peserta?status=withdrawn", "/kohort?tampil=selesai"];
  if (who === "mentorCakung") return lists.map((url) => ({ url, file: "(state)", status: 200 }));
  const now = Date.now();
  const participants = server.sql
    .prepare(
      `SELECT min(id) AS id FROM participants WHERE status <> 'active' GROUP BY status
       UNION ALL SELECT min(id) FROM participants WHERE status = 'active' AND dormant_since < ?`,
    )
    .all(now) as { id: number }[];
  return [...lists, ...participants.map((p) => `/peserta/${p.id}`)].map((url) => ({ url, file: "(state)", status: 200 }));
}

type Seen = { lang: string; text: string; width: number; viewport: number; wide: string[] };

/** Waits until React has hydrated the page (its last element belongs to React), then one more frame for what hydration logs. */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const last = document.querySelector("footer");
    return last !== null && Object.keys(last).some((key) => key.startsWith("__reactFiber$"));
  });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
}

/** The text a person sees or hears (less code samples: an import format's accepted values are meant to be typed), the widths, and what sticks out. */
function look(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    // What a screen reader says besides: the title and the labels of controls, images and regions.
    const spoken = [...document.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")].map((el) =>
      ["aria-label", "title", "placeholder", "alt"].map((name) => el.getAttribute(name) ?? "").join("\n"),
    );
    let text = [document.body.innerText, document.title, ...spoken].join("\n");
    for (const code of document.querySelectorAll<HTMLElement>("code, kbd, samp")) text = text.replace(code.innerText, " ");
    const viewport = window.innerWidth;
    // What widens the page: past the right edge and not clipped by a scroller (an absolutely placed
    // element is clipped only by a scroller that is also its containing block: count those too).
    const clipped = (el: HTMLElement) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > viewport + 1 && (!clipped(el) || ["absolute", "fixed"].includes(getComputedStyle(el).position)))
      .slice(-3)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}">${(el.textContent ?? "").trim().slice(0, 40)}`);
    return { lang: document.documentElement.lang, text, width: document.documentElement.scrollWidth, viewport, wide };
  });
}

async function signedInContext(who: Who): Promise<BrowserContext> {
  const context = await newContext(browser);
  const cookie = cookies[who as Exclude<Who, "anonymous">];
  if (cookie) {
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
    await context.addCookies([{ name: name!, value: value!, url: server.url }]);
  }
  return context;
}

describe("the crawl's own checks", () => {
  it("see a raw key where a person would, and nothing in names, stored sentences or addresses", () => {
    expect(rawKeysIn("Kue Siti · pertanian_perkotaan", "id")).toEqual(["pertanian_perkotaan"]);
    expect(rawKeysIn("Kue Siti · kuliner", "en")).toEqual(["kuliner"]);
    expect(rawKeysIn("Total\tstatus.on_hold\nparticipant.back", "en")).toEqual(["on_hold", "status.on_hold", "participant.back"]);
    expect(rawKeysIn("Halo {{name}}", "id")).toEqual(["{{name}}"]);
    expect(rawKeysIn("Kue Siti · Kuliner", "id")).toEqual([]);
    expect(rawKeysIn("Kue Siti · Food", "en")).toEqual([]);
    expect(rawKeysIn("BPJPH: Sertifikasi halal gratis (SEHATI)", "en")).toEqual([]);
    expect(rawKeysIn("koordinator@pas.demo, mentor.cakung@pas.demo, Rp 1.500.000", "en")).toEqual([]);
  });

  it("visit every page route of the route map as some role", () => {
    const crawled = new Set(CRAWLED.flatMap((who) => pagesFor(who).map((visit) => visit.file)));
    const pages = Object.entries(ROUTES).filter(([, entry]) => !entry.redirects && !entry.resource).map(([file]) => file);
    // A layout shares its URL with its index route: visited as the index.
    expect(pages.filter((file) => !crawled.has(file) && !crawled.has(file.replace(/\.tsx$/, "._index.tsx")))).toEqual([]);
  });
});

describe("every page, as each role, at 360 and 1280 px, in both languages", () => {
  for (const who of CRAWLED) {
    it(`${who}: no error, no CSP violation, no raw key, no overflow at 360 px`, async () => {
      const visits = [...pagesFor(who), ...otherStatesFor(who)];
      expect(visits.length).toBeGreaterThan(0);
      const findings: string[] = [];
      const started = Date.now();
      const context = await signedInContext(who);
      const page = await context.newPage();
      let loads = 0;
      for (const lang of ["id", "en"] as const) {
        if (lang === "en") await context.addCookies([{ name: "pas_lng", value: "en", url: server.url }]);
        for (const width of [360, 1280]) {
          await page.setViewportSize({ width, height: 800 });
          for (const visit of visits) {
            const where = `${visit.url} (${visit.file}, ${lang}, ${width} px)`;
            const response = await page.goto(`${server.url}${visit.url}`, { waitUntil: "load" });
            loads++;
            if (response?.status() !== visit.status) findings.push(`${where}: status ${response?.status()}, expected ${visit.status}`);
            await hydrated(page);
            const seen = await look(page);
            if (seen.lang !== lang) findings.push(`${where}: rendered in ${seen.lang}`);
            for (const error of takeRaisedErrors()) findings.push(`${where}: ${error}`);
            const raw = rawKeysIn(seen.text, lang);
            if (raw.length) findings.push(`${where}: raw keys ${raw.join(", ")}`);
            if (width === 360 && seen.width > seen.viewport) findings.push(`${where}: ${seen.width} px wide at ${seen.viewport} px; sticking out: ${seen.wide.join(" | ")}`);
          }
        }
      }
      await context.close();
      console.log(`crawl ${who}: ${visits.length} pages, ${loads} loads in ${((Date.now() - started) / 1000).toFixed(1)} s, ${findings.length} findings`);
      expect(findings).toEqual([]);
    }, 300_000);
  }
});

// ─── The watcher itself ──────────────────────────────────────────────────────

describe("the error watcher of every browser test", () => {
  it("sees every page of every browser test: they open contexts only through the watched helpers", () => {
    const files = readdirSync("tests/e2e").filter((file) => file.endsWith(".e2e.test.ts"));
    expect(files.length).toBeGreaterThanOrEqual(13);
    const unwatched = files.filter((file) => /\bbrowser\.newContext\(|\bchromium\.launch\(|\bbrowser\.newPage\(/.test(readFileSync(`tests/e2e/${file}`, "utf8")));
    expect(unwatched).toEqual([]);
  });

  it("catches a CSP violation, a console error, a script error and a failed resource, but not a page's own 404 status", async () => {
    const page = await newPage(browser);
    const missing = await page.goto(`${server.url}/tidak-ada-halaman-ini`);
    expect(missing?.status()).toBe(404);
    await hydrated(page);
    expect(takeRaisedErrors(), "a 404 page is the test's to check").toEqual([]);

    await page.goto(`${server.url}/masuk`);
    await hydrated(page);
    await page.evaluate(async () => {
      // An inline style attribute, as a component with `style={…}` renders on a full page load.
      const box = document.createElement("div");
      box.setAttribute("style", "width: 40%");
      document.body.append(box);
      console.error("something went wrong");
      setTimeout(() => {
        throw new Error("thrown later");
      });
      const image = document.createElement("img");
      const loaded = new Promise((done) => (image.onerror = done));
      image.src = "/tidak-ada-gambar-ini.png";
      document.body.append(image);
      await loaded;
    });
    const seen: string[] = [];
    const caught = () => {
      seen.push(...takeRaisedErrors());
      return {
        violationEvent: seen.some((e) => e.startsWith("CSP violation") && e.includes("style-src")),
        violationMessage: seen.some((e) => e.startsWith("console error") && e.includes("Content Security Policy")),
        consoleError: seen.some((e) => e.includes("something went wrong")),
        scriptError: seen.some((e) => e.startsWith("pageerror") && e.includes("thrown later")),
        failedResource: seen.some((e) => e.includes("Failed to load resource") && e.includes("404")),
      };
    };
    await expect.poll(caught).toEqual({ violationEvent: true, violationMessage: true, consoleError: true, scriptError: true, failedResource: true });
    await page.context().close();
  });
});

// ─── Bars ────────────────────────────────────────────────────────────────────

describe("a share bar", () => {
  it("for 1 stalled of 16 active (6.25%) is drawn at 6.25% of its track, on a full page load", async () => {
    // One cohort's members are replaced by 1 stalled and 15 active, not stalled, not dormant
    // participants (a day's margin either side of now), taken from other cohorts.
    const now = Date.now();
    const day = 86_400_000;
    const [cohort, elsewhere] = server.sql.prepare("SELECT id, name FROM cohorts ORDER BY id LIMIT 2").all() as { id: number; name: string }[];
    const pick = (stall: "<" | ">", at: number, n: number) =>
      (
        server.sql
          .prepare(`SELECT id FROM participants WHERE status = 'active' AND dormant_since > ? AND stalled_since ${stall} ? AND coalesce(cohort_id, 0) <> ? ORDER BY id LIMIT ?`)
          .all(now + day, at, cohort!.id, n) as { id: number }[]
      ).map((r) => r.id);
    const stalled = pick("<", now - day, 1);
    const flowing = pick(">", now + day, 15);
    expect([stalled.length, flowing.length]).toEqual([1, 15]);
    server.sql.prepare("UPDATE participants SET cohort_id = ? WHERE cohort_id = ?").run(elsewhere!.id, cohort!.id);
    const join = server.sql.prepare("UPDATE participants SET cohort_id = ? WHERE id = ?");
    for (const participant of [...stalled, ...flowing]) join.run(cohort!.id, participant);

    const context = await signedInContext("coordinator");
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/kohort/${cohort!.id}`, { waitUntil: "load" });
    await hydrated(page);
    const figure = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: `1 peserta macet di ${cohort!.name}` }) });
    await expect.poll(() => figure.innerText()).toContain("dari 16 aktif");
    const [track, fill] = await Promise.all([figure.locator("svg rect").nth(0).boundingBox(), figure.locator("svg rect").nth(1).boundingBox()]);
    expect(track!.width).toBeGreaterThan(100);
    const drawn = fill!.width / track!.width;
    console.log(`bar for 1 of 16: ${fill!.width.toFixed(1)} of ${track!.width.toFixed(1)} px = ${(drawn * 100).toFixed(2)}%`);
    expect(drawn).toBeCloseTo(1 / 16, 2);
    await context.close();
  });
});
