// What a page makes the browser download, from the production build served over HTTP: only the
// language of the page and only the message files its routes use; /saya's JavaScript within its
// budget; and, in the build itself, every message key a route's scripts can name belongs to a message
// file the route (or a parent) declares in its handle, so no page can show a key instead of its text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEXT } from "../../app/locales/messages";
import type { Namespace } from "../../app/modules/i18n/i18n";
import { clientAssetsDir, pageAssets, readManifest, routeScripts } from "../bench/assets";
import { signIn, startServer, type TestServer } from "../helpers/server";

/** /saya, the entrepreneur's page on her phone: the budget, in gzipped bytes. */
const SAYA_BUDGET = 110 * 1024;

let server: TestServer;
let entrepreneur: string;
let coordinator: string;

beforeAll(async () => {
  server = await startServer({ label: "page-scripts" });
  [entrepreneur, coordinator] = await Promise.all([signIn(server.url, "umkm@pas.demo"), signIn(server.url, "koordinator@pas.demo")]);
});

afterAll(async () => {
  await server?.stop();
});

function strings(node: unknown): string[] {
  if (typeof node === "string") return [node];
  return Object.values(node as object).flatMap(strings);
}

/**
 * Messages that can only come from one language's file or one namespace: long enough to be
 * unmistakable, found nowhere in the other set, and written the same in HTML, JSON and a script
 * (nothing a serialiser would escape, no placeholder).
 */
function telltales(messages: string[], elsewhere: string[]): string[] {
  const others = elsewhere.join("\n");
  return [...new Set(messages)].filter((text) => text.length >= 20 && !/[{}"'\\<>&\n]/.test(text) && !others.includes(text));
}

type Page = { html: string; scripts: string };

async function load(path: string, cookie: string): Promise<Page & { js: number }> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
  expect(response.status, path).toBe(200);
  const html = await response.text();
  const assets = await pageAssets(server.url, path, cookie);
  // The scripts, and the message files the page preloads for its hydration.
  const text = [...new Set(html.match(/\/assets\/[^"'\s]+\.json/g) ?? [])];
  expect(text.length, `${path}: message files`).toBeGreaterThan(0);
  const files = [...assets.files.filter((file) => file.endsWith(".js")), ...text];
  const scripts = await Promise.all(files.map(async (file) => (await fetch(`${server.url}${file}`)).text()));
  return { html, scripts: scripts.join("\n"), js: assets.js };
}

function carried(page: Page, texts: string[]): string[] {
  return texts.filter((text) => page.html.includes(text) || page.scripts.includes(text));
}

const allOf = (locale: "id" | "en", except: readonly Namespace[] = []) =>
  Object.entries(TEXT[locale]).flatMap(([namespace, messages]) => (except.includes(namespace as Namespace) ? [] : strings(messages)));

describe("a page's text", () => {
  it("/saya in Bahasa Indonesia carries no English, and no message file it does not use", async () => {
    const page = await load("/saya", entrepreneur);
    expect(page.html).toContain("Halo, Siti Rahmawati");
    const english = telltales(allOf("en"), allOf("id"));
    expect(english.length).toBeGreaterThan(300);
    expect(carried(page, english)).toEqual([]);
    const used: Namespace[] = ["common", "entrepreneur", "dormancy"];
    const usedText = used.flatMap((namespace) => strings(TEXT.id[namespace]));
    const unused = telltales(allOf("id", used), usedText);
    expect(unused.length).toBeGreaterThan(100);
    expect(carried(page, unused)).toEqual([]);
  });

  it("/saya and /koordinator in English carry no Bahasa Indonesia", async () => {
    // Fixed phrases are stored in Bahasa Indonesia and recognised as stored (modules/i18n/phrases.ts):
    // a page matches them in any language, so their text is data here, not the page's language.
    const stored = strings(TEXT.id.common.phrase);
    const indonesian = telltales(allOf("id"), allOf("en")).filter((text) => !stored.includes(text));
    expect(indonesian.length).toBeGreaterThan(300);
    for (const [path, cookie, heading] of [
      ["/saya", entrepreneur, "Hello, Siti Rahmawati"],
      ["/koordinator", coordinator, TEXT.en.coordinator.dashboard.title],
    ] as const) {
      const page = await load(path, `${cookie}; pas_lng=en`);
      expect(page.html).toContain(heading);
      expect(carried(page, indonesian), path).toEqual([]);
    }
  });

  it(`/saya's JavaScript stays within ${SAYA_BUDGET / 1024} KB gzip`, async () => {
    const page = await load("/saya", entrepreneur);
    expect(page.js).toBeGreaterThan(50 * 1024);
    expect(page.js).toBeLessThanOrEqual(SAYA_BUDGET);
  });
});

describe("the build", () => {
  it("names in each route's scripts only message keys of the files the route and its parents declare", async () => {
    const assetsDir = clientAssetsDir();
    const manifest = readManifest(assetsDir);
    const fileOf = new Map<string, Namespace>();
    for (const [namespace, messages] of Object.entries(TEXT.id)) for (const top of Object.keys(messages)) fileOf.set(top, namespace as Namespace);
    // A key in a script: a quoted or template string starting with a top-level key and a dot.
    const keyPattern = new RegExp(`["'\`](${[...fileOf.keys()].join("|")})\\.[A-Za-z$]`, "g");
    const declared = new Map<string, readonly Namespace[]>();
    for (const route of Object.values(manifest.routes)) {
      const module = (await import(pathToFileURL(join(assetsDir, route.module.replace(/^\/assets\//, ""))).href)) as { handle?: { text?: readonly Namespace[] } };
      declared.set(route.id, module.handle?.text ?? []);
    }
    const undeclared: string[] = [];
    for (const route of Object.values(manifest.routes)) {
      const chain: string[] = [];
      for (let id: string | undefined = route.id; id; id = manifest.routes[id]?.parentId) chain.push(id);
      const allowed = new Set<Namespace>(["common", ...chain.flatMap((id) => declared.get(id) ?? [])]);
      for (const file of routeScripts(manifest, route.id)) {
        const source = readFileSync(join(assetsDir, file.replace(/^\/assets\//, "")), "utf8");
        for (const [, top] of source.matchAll(keyPattern)) {
          const namespace = fileOf.get(top!)!;
          if (!allowed.has(namespace)) undeclared.push(`${route.id}: ${top}.… (${namespace}) in ${file}`);
        }
      }
    }
    expect([...new Set(undeclared)]).toEqual([]);
  });
});
