// What a refused request must leave untouched, and how to tell a refusal a person can read from a
// bare status. Shared by the survival tests (bad input, access matrix).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type Database from "better-sqlite3";

/**
 * Tables that a refused request may legitimately change: a failed sign-in is counted per account
 * (login throttling), every anonymous post per address (rate limits), and every signed-in request may refresh its session's last_seen_at.
 * Sessions are still counted (a refused request must not create or end one); login failures are not.
 */
const BOOKKEEPING = new Set(["login_failures", "rate_limits"]);
const COUNT_ONLY = new Set(["sessions"]);

/** Settings the journey depends on: any change to them, even to one value, shows in their checksum. */
const SETTINGS_TABLES = ["settings", "stage_settings", "journey_rules"];

function tables(sql: Database.Database): string[] {
  return (
    sql.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}

/**
 * Every table's row count and a checksum of its content (so an UPDATE shows, not only an INSERT),
 * plus the participants' max(id) and sum(version) and the settings tables' checksum named apart.
 */
export function databaseFingerprint(sql: Database.Database): Record<string, string | number> {
  const print: Record<string, string | number> = {};
  for (const table of tables(sql)) {
    if (BOOKKEEPING.has(table)) continue;
    print[`${table}.count`] = (sql.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    if (COUNT_ONLY.has(table)) continue;
    const hash = createHash("sha1");
    for (const row of sql.prepare(`SELECT * FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) ? value.toString("base64") : value)));
    }
    print[`${table}.content`] = hash.digest("base64url");
  }
  const participants = sql.prepare("SELECT max(id) AS maxId, sum(version) AS versions FROM participants").get() as { maxId: number; versions: number };
  print["participants.maxId"] = participants.maxId;
  print["participants.sumVersion"] = participants.versions;
  print["settings.checksum"] = SETTINGS_TABLES.map((table) => print[`${table}.content`] ?? "missing").join("/");
  return print;
}

/** The names of what differs between two fingerprints (empty when nothing changed). */
export function changedParts(before: Record<string, string | number>, after: Record<string, string | number>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => before[key] !== after[key]);
}

function leaves(value: unknown, path: string, into: [string, string][]): void {
  if (typeof value === "string") into.push([path, value]);
  else if (value && typeof value === "object") for (const [key, child] of Object.entries(value)) leaves(child, path ? `${path}.${key}` : key, into);
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** Message keys named in server code and schemas (the keys a refusal can carry). */
function keysNamedInCode(dir: string, into: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) keysNamedInCode(path, into);
    else if (/\.tsx?$/.test(entry.name)) for (const [, key] of readFileSync(path, "utf8").matchAll(/["'`]([a-zA-Z]+(?:\.[a-zA-Z0-9-]+)+)["'`]/g)) into.add(key!);
  }
}

/**
 * The texts a refusal may show, in Bahasa Indonesia (the default language): every message under an
 * error, refusal, refused (an upload's) or validation heading, and every message whose key the server code names (schemas
 * and refusals carry keys). Interpolated messages contribute their longest fixed part.
 */
export function refusalTexts(): string[] {
  const dir = resolve("app/locales/id");
  const all: [string, string][] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) leaves(JSON.parse(readFileSync(join(dir, file), "utf8")), "", all);
  // Keys the modules name (schemas, refusals), less those the pages also use as labels.
  const named = new Set<string>();
  keysNamedInCode(resolve("app/modules"), named);
  const labels = new Set<string>();
  for (const dir of ["app/routes", "app/components"]) keysNamedInCode(resolve(dir), labels);
  for (const key of labels) named.delete(key);
  const texts = new Set<string>();
  for (const [key, message] of all) {
    if (!named.has(key) && !/(^|\.)(error|errors|refusal|refused|validation)\.|throttled|invalid|outOfRange|wholeNumber|alreadyReviewed/i.test(key)) continue;
    const fixed = message.split(/\{\{[^}]*\}\}|<\/?\d+>/).sort((a, b) => b.length - a.length)[0]!.trim();
    // A sentence, or at least three words: short labels ("Terdaftar") are on every page anyway.
    if (fixed.length >= 8 && (fixed.endsWith(".") || fixed.split(/\s+/).length >= 3)) texts.add(fixed);
  }
  return [...texts];
}

/** Whether a response body (HTML page or single-fetch data) says in words why it was refused. */
export function saysWhy(body: string, texts: readonly string[]): boolean {
  return texts.some((text) => body.includes(escapeHtml(text)) || body.includes(text));
}
