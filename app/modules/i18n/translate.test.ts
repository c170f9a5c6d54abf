// The translate function gives what i18next gives, for every message of both languages: plain, with
// every placeholder filled, with counts that pick each plural form, with a value left out, and for
// keys that do not exist (with and without a default).
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { TEXT, en, id } from "~/locales/messages";
import { LOCALES } from "./i18n";
import { translateFunction } from "./translate";

type Translate = (key: string, options?: Record<string, unknown> | string) => string;

function reference(locale: string, messages: object): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { common: messages } },
    defaultNS: "common",
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance.getFixedT(locale, "common") as unknown as Translate;
}

/** Every key, plural forms folded into their base key, with the placeholders its forms name. */
function keysOf(messages: object): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === "string") {
      const key = prefix.replace(/_(zero|one|two|few|many|other)$/, "");
      const names = keys.get(key) ?? new Set<string>();
      for (const [, inside] of node.matchAll(/\{\{(.+?)\}\}/g)) names.add(inside!.split(",")[0]!.replace(/^\s*-/, "").trim());
      keys.set(key, names);
      return;
    }
    for (const [name, child] of Object.entries(node as object)) walk(child, prefix ? `${prefix}.${name}` : name);
  };
  walk(messages, "");
  return keys;
}

describe("translate", () => {
  for (const locale of LOCALES) {
    it(`reads every ${locale} message as i18next does`, () => {
      const messages = locale === "id" ? id : en;
      const ours = translateFunction(locale, () => messages) as unknown as Translate;
      const theirs = reference(locale, messages);
      let compared = 0;
      for (const [key, names] of keysOf(messages)) {
        const filled = Object.fromEntries([...names].map((name, i) => [name, `«${name}-${i}»`]));
        const cases: (Record<string, unknown> | undefined)[] = [undefined, filled, { ...filled, count: undefined }];
        for (const count of [0, 1, 2, 5, 21, 1234567]) cases.push({ ...filled, count });
        if (names.size > 0) cases.push({ [[...names][0]!]: undefined }, { [[...names][0]!]: null }, { [[...names][0]!]: 42 });
        for (const options of cases) {
          expect(ours(key, options), `${locale} ${key} ${JSON.stringify(options)}`).toBe(theirs(key, options));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(1000);
    });
  }

  it("reads a missing key as itself, or as its default value filled in", () => {
    const ours = translateFunction("en", () => TEXT.en.common) as unknown as Translate;
    const theirs = reference("en", TEXT.en.common);
    for (const [key, options] of [
      ["stage.nothing", undefined],
      ["nothing.at.all", { defaultValue: "fallback {{x}}", x: "filled" }],
      ["nothing", "plain default"],
      ["stage.training", { count: 3 }],
    ] as const) {
      expect(ours(key, options as never), key).toBe(theirs(key, options as never));
    }
  });
});
