// The JavaScript a full page load makes the browser fetch, gzipped: over HTTP for one page (what the
// document links), or from the build's Remix manifest for every route (the entry, then each route of
// the match chain from the root down, with the chunks each imports). Run as a script to print every
// route's total and the largest chunks: `PAS_BUILD_DIR=build npx tsx tests/bench/assets.ts`.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

export type PageAssets = { js: number; css: number; files: string[] };

/**
 * The scripts and stylesheets a full load of the page fetches: those its links preload or load, its
 * script elements, and the modules its inline scripts import. Not every asset the HTML names: the
 * inline Remix manifest names the full manifest's file (`"url": "/assets/manifest-….js"`), which the
 * browser never fetches (routes are discovered one by one), and the message files end in `.json`.
 */
export function documentAssets(html: string): string[] {
  const files: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = tag.match(/\bhref="(\/assets\/[^"]+\.(?:js|css))"/)?.[1];
    if (href && /\brel="(?:modulepreload|stylesheet)"/.test(tag)) files.push(href);
  }
  for (const [, src] of html.matchAll(/<script\b[^>]*\bsrc="(\/assets\/[^"]+\.js)"/g)) files.push(src!);
  for (const [, script] of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const [, module] of script!.matchAll(/\bimport\b[^"';]*?"(\/assets\/[^"]+\.js)"/g)) files.push(module!);
  }
  return [...new Set(files)];
}

/** Every script and stylesheet a full load of the page fetches (documentAssets), gzipped (bytes). */
export async function pageAssets(url: string, path: string, cookie: string): Promise<PageAssets> {
  const html = await (await fetch(`${url}${path}`, { headers: { cookie } })).text();
  const files = documentAssets(html);
  let js = 0;
  let css = 0;
  for (const file of files) {
    const gzipped = gzipSync(Buffer.from(await (await fetch(`${url}${file}`)).arrayBuffer())).length;
    if (file.endsWith(".css")) css += gzipped;
    else js += gzipped;
  }
  return { js, css, files };
}

type ManifestRoute = { id: string; parentId?: string; path?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };

export function clientAssetsDir(buildDir = process.env.PAS_BUILD_DIR ?? "build"): string {
  return resolve(buildDir, "client/assets");
}

/** The Remix manifest the build wrote for the browser (assets/manifest-<hash>.js). */
export function readManifest(assetsDir = clientAssetsDir()): Manifest {
  const file = readdirSync(assetsDir).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error(`no Remix manifest in ${assetsDir}: build first`);
  const source = readFileSync(join(assetsDir, file), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
}

/** The script files (as /assets/… URLs) a full load of a route fetches: the entry and its chain's modules. */
export function routeScripts(manifest: Manifest, routeId: string): string[] {
  const chain: ManifestRoute[] = [];
  for (let route: ManifestRoute | undefined = manifest.routes[routeId]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    chain.unshift(route);
  }
  const files = [manifest.entry.module, ...manifest.entry.imports];
  for (const route of chain) files.push(route.module, ...(route.imports ?? []));
  return [...new Set(files)];
}

const gzipped = new Map<string, number>();

/** A built asset's gzipped size in bytes (remembered: many routes share chunks). */
export function gzipBytes(file: string, assetsDir = clientAssetsDir()): number {
  let bytes = gzipped.get(file);
  if (bytes === undefined) {
    bytes = gzipSync(readFileSync(join(assetsDir, file.replace(/^\/assets\//, "")))).length;
    gzipped.set(file, bytes);
  }
  return bytes;
}

export type RouteScripts = { routeId: string; path: string; js: number; files: string[] };

/** Every route with a page: its full load's JavaScript in gzipped bytes. */
export function everyRouteScripts(assetsDir = clientAssetsDir()): RouteScripts[] {
  const manifest = readManifest(assetsDir);
  return Object.values(manifest.routes)
    .filter((route) => route.id !== "root")
    .map((route) => {
      const files = routeScripts(manifest, route.id);
      const js = files.reduce((sum, file) => sum + gzipBytes(file, assetsDir), 0);
      const chain: ManifestRoute[] = [];
      for (let at: ManifestRoute | undefined = route; at; at = at.parentId ? manifest.routes[at.parentId] : undefined) chain.unshift(at);
      const path = `/${chain.map((at) => at.path ?? "").filter(Boolean).join("/")}`;
      return { routeId: route.id, path, js, files };
    })
    .sort((a, b) => b.js - a.js);
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const assetsDir = clientAssetsDir();
  const routes = everyRouteScripts(assetsDir);
  console.log("JavaScript of a full page load, gzip (KB):");
  for (const route of routes) console.log(`${kb(route.js).padStart(7)}  ${route.path.padEnd(34)} ${route.routeId}`);
  const chunks = readdirSync(assetsDir)
    .filter((name) => name.endsWith(".js"))
    .map((name) => ({ name, bytes: gzipBytes(`/assets/${name}`, assetsDir) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 15);
  console.log("\nLargest chunks, gzip (KB):");
  for (const chunk of chunks) console.log(`${kb(chunk.bytes).padStart(7)}  ${chunk.name}`);
}
