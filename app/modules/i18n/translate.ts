// Looking up and filling in a message: what i18next did for us, kept to the features our messages use
// (keys with dots, plurals by Intl.PluralRules with _zero/_one/_other…, {{name}} and {{count, number}},
// a default value), so the browser does not download i18next (14 KB gzip, most of it for features
// we never use). i18next stays the reference: translate.test.ts checks every message of both
// languages gives the same text through both.
import type { TFunction } from "i18next";

export type Translate = TFunction<"common">;
type Values = Record<string, unknown>;

/** The message at a dotted key, when it is text. */
function lookup(messages: Values, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Values)[part];
  }
  return typeof node === "string" ? node : undefined;
}

function valueAt(values: Values, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(values, path)) return values[path];
  let node: unknown = values;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Values)[part];
  }
  return node;
}

const PLACEHOLDER = /\{\{(.+?)\}\}/g;

/**
 * A translate function over one language's messages (read at each call: namespaces may join later).
 * Like i18next: a missing key reads as itself; a placeholder without a value stays as written, or
 * empty when the value is given as undefined.
 */
export function translateFunction(language: string, messages: () => Values): Translate {
  const plural = new Intl.PluralRules(language);
  let number: Intl.NumberFormat | undefined;
  const translate = (key: string, options?: Values | string): string => {
    const values: Values = typeof options === "object" && options !== null ? options : {};
    const all = messages();
    const count = values.count;
    let text: string | undefined;
    if (count !== undefined && typeof count !== "string") {
      if (count === 0) text = lookup(all, `${key}_zero`);
      text ??= lookup(all, `${key}_${plural.select(count as number)}`);
    }
    text ??= lookup(all, key);
    if (text === undefined) {
      const fallback = typeof options === "string" ? options : values.defaultValue;
      if (fallback === undefined) return key;
      text = String(fallback);
    }
    if (!text.includes("{{")) return text;
    return text.replace(PLACEHOLDER, (placeholder, inside: string) => {
      const [name = "", format] = inside.replace(/^\s*-/, "").split(",").map((part) => part.trim());
      const value = valueAt(values, name);
      if (format === "number") return (number ??= new Intl.NumberFormat(language)).format(value as number);
      if (value === undefined) return Object.prototype.hasOwnProperty.call(values, name) ? "" : placeholder;
      return typeof value === "string" ? value : value === null ? "" : String(value);
    });
  };
  return translate as unknown as Translate;
}
