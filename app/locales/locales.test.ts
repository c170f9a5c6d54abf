// Both languages say everything: the same keys (English may add plural forms of a key).
import { describe, expect, it } from "vitest";
import { en, id, TEXT } from "./messages";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe("message files", () => {
  it("English and Bahasa Indonesia have the same messages", () => {
    expect([...new Set(keys(en).map(base))].sort()).toEqual([...new Set(keys(id).map(base))].sort());
  });

  it("both languages have the same message files, each with the same messages", () => {
    expect(Object.keys(TEXT.en)).toEqual(Object.keys(TEXT.id));
    for (const [namespace, messages] of Object.entries(TEXT.id)) {
      const english = TEXT.en[namespace as keyof typeof TEXT.en];
      expect([...new Set(keys(english).map(base))].sort(), namespace).toEqual([...new Set(keys(messages).map(base))].sort());
    }
  });

  it("no two message files define the same top-level key (a later file would silently win)", () => {
    for (const files of Object.values(TEXT)) {
      const topKeys = Object.values(files).flatMap((file) => Object.keys(file));
      expect(topKeys.filter((key, i) => topKeys.indexOf(key) !== i)).toEqual([]);
    }
  });

  it("name the seven stages in Bahasa Indonesia as the programme does", () => {
    expect(Object.values(id.stage)).toEqual([
      "Pendaftaran",
      "Pelatihan",
      "Pendampingan",
      "Perizinan",
      "Pemasaran",
      "Pelaporan Keuangan",
      "Permodalan",
    ]);
  });
});
