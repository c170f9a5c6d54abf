import { describe, expect, it } from "vitest";
import { cleanName, nameField } from "../../app/modules/identity/names";

describe("names are cleaned before they are stored", () => {
  it("removes a right-to-left override that makes one name read as another", () => {
    const spoof = "Siti \u202Eitawhar\u202C";
    expect(cleanName(spoof)).toBe("Siti itawhar");
    expect(cleanName(spoof)).not.toMatch(/[\u202A-\u202E]/);
  });

  it("removes zero-width characters, so look-alike names are the same name", () => {
    expect(cleanName("Si\u200Bti Rah\u200Dmawati\uFEFF")).toBe("Siti Rahmawati");
    expect(cleanName("\u2066Budi\u2069 \u200ESantoso\u200F")).toBe("Budi Santoso");
  });

  it("writes each letter one way (NFC) and collapses white space", () => {
    const decomposed = "Rene\u0301  \t Dewi";
    expect(cleanName(decomposed)).toBe("Ren\u00E9 Dewi");
    expect(cleanName(decomposed).length).toBe(9);
  });

  it("the form field refuses a name that is only invisible characters, and keeps its length limit", () => {
    expect(nameField(120).safeParse("\u202E\u200B ").success).toBe(false);
    expect(nameField(5).safeParse("\u200BSiti\u200B").data).toBe("Siti");
    expect(nameField(3).safeParse("Siti").success).toBe(false);
  });
});
