// The house's arrows point down: routes → components → modules → db → machines, and between the
// areas of app/modules/ (access, journey, participants, …) without a circle. A circle between two
// areas means neither can be read, tested or changed without the other; this test names the first
// new one. Imports are read and resolved by TypeScript itself (type-only imports count: they tie
// the areas together just the same).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(".");
const SOURCES = ["app", "db", "machines"];

/**
 * db/ holds two layers: the data layer the modules use (tables, the connection, the file store, bulk loading), and
 * the tools that fill or change a database (migrate, setup, seed, generate, import, backup), which
 * use the modules (the one journey writer, the stall rule's SQL, the password hash) like any caller.
 */
const DATA_LAYER = new Set(["db/schema.ts", "db/client.ts", "db/compiled-statements.ts", "db/file-store.ts", "db/file-store-s3.ts", "db/file-store-open.ts", "db/bulk-load.ts", "db/optimize.ts"]);

function area(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "machines") return "machines";
  if (parts[0] === "db") return DATA_LAYER.has(file) ? "db" : "db tools";
  if (parts[1] === "modules") return parts.length > 3 ? `modules/${parts[2]}` : `modules/${parts[2]!.replace(/\.(server\.)?tsx?$/, "")}`;
  if (parts[1] === "components") return "components";
  if (parts[1] === "routes") return "routes";
  if (parts[1] === "server") return "server";
  if (parts[1] === "locales") return "locales";
  return "app";
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

type Edge = { from: string; to: string };

function importEdges(): Edge[] {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const edges: Edge[] = [];
  for (const file of SOURCES.flatMap(sourceFiles)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, join(ROOT, file), options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const to = relative(ROOT, resolved.resolvedFileName);
      if (SOURCES.some((dir) => to.startsWith(`${dir}/`))) edges.push({ from: file, to });
    }
  }
  return edges;
}

/** The strongly connected groups of more than one node (Tarjan): each is a circle. */
function circles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

function graphOf(edges: Edge[], key: (file: string) => string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const [a, b] = [key(from), key(to)];
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    graph.get(a)!.add(b);
  }
  return graph;
}

/** For a message: the imports that make up a circle between areas. */
function witnesses(edges: Edge[], group: string[]): string[] {
  return edges.filter((e) => group.includes(area(e.from)) && group.includes(area(e.to)) && area(e.from) !== area(e.to)).map((e) => `${e.from} → ${e.to}`);
}

describe("the module graph", () => {
  const edges = importEdges();

  it("reads the imports (a check that found none would pass anything)", () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: "app/modules/journey/journey.server.ts", to: "machines/journey.persist.ts" });
  });

  it("has no circle between areas", () => {
    const found = circles(graphOf(edges, area));
    expect(found.map((group) => ({ areas: group, imports: witnesses(edges, group) }))).toEqual([]);
  });

  it("has no circle between files", () => {
    expect(circles(graphOf(edges, (file) => file))).toEqual([]);
  });

  it("has no module or data code importing a page or a component", () => {
    const upward = edges.filter(
      ({ from, to }) => !/^app\/(routes|components|root|entry)/.test(from) && /^app\/(routes|components)\//.test(to) && !from.startsWith("app/server/"),
    );
    expect(upward.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it("keeps the journey a leaf: it uses the machine, the data layer, the Jakarta clock and identity, nothing above", () => {
    const journeyUses = new Set(edges.filter((e) => area(e.from) === "modules/journey").map((e) => area(e.to)));
    journeyUses.delete("modules/journey");
    expect([...journeyUses].sort()).toEqual(["db", "machines", "modules/i18n", "modules/identity"]);
  });

  it("knows what a circle is", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(circles(graph)).toEqual([["a", "b", "c"]]);
  });
});
