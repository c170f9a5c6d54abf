import { describe, expect, it } from "vitest";
import { formatDecimal, formatNumber, formatPercent, formatRupiah } from "./format";

describe("numbers in the reader's language", () => {
  it("writes decimals with a comma in Bahasa Indonesia and a point in English", () => {
    expect(`${formatDecimal(2.6, "id")} → ${formatDecimal(5.66, "id")}`).toBe("2,6 → 5,7");
    expect(`${formatDecimal(2.6, "en")} → ${formatDecimal(5.66, "en")}`).toBe("2.6 → 5.7");
    expect(formatDecimal(3, "id")).toBe("3,0");
  });

  it("groups thousands with a point in Bahasa Indonesia and a comma in English", () => {
    expect(formatNumber(12_500, "id")).toBe("12.500");
    expect(formatNumber(12_500, "en")).toBe("12,500");
  });

  it("writes shares as whole percentages and rupiah without cents", () => {
    expect(formatPercent(0.3, "id")).toBe("30%");
    expect(formatPercent(0.125, "en")).toBe("13%");
    // Intl puts a no-break space after "Rp", so the amount never wraps away from it.
    expect(formatRupiah(25_000_000, "id")).toBe("Rp\u00a025.000.000");
    // In English too the amount is written with "Rp", as Indonesians read it, not "IDR".
    expect(formatRupiah(25_000_000, "en")).toBe("Rp\u00a025,000,000");
  });
});

describe("counts inside messages", () => {
  const files = import.meta.glob<{ default: Record<string, unknown> }>("../../locales/*/*.json", { eager: true });
  const texts = (value: unknown): string[] =>
    typeof value === "string" ? [value] : typeof value === "object" && value !== null ? Object.values(value).flatMap(texts) : [];

  it("are always written with the reader's grouping ({{count, number}}), never bare", () => {
    const bare = Object.entries(files).flatMap(([file, messages]) =>
      texts(messages.default).filter((text) => /\{\{\s*(count|total)\s*\}\}/.test(text)).map((text) => `${file}: ${text}`),
    );
    expect(bare).toEqual([]);
  });

  it("read 2.000 peserta in Bahasa Indonesia and 2,000 participants in English", async () => {
    const { default: i18next } = await import("i18next");
    const t = (locale: string) => {
      const instance = i18next.createInstance();
      const common = files[`../../locales/${locale}/common.json`]!.default;
      void instance.init({ lng: locale, resources: { [locale]: { common } }, defaultNS: "common", initAsync: false, showSupportNotice: false });
      return instance.t;
    };
    expect(t("id")("participants.count", { count: 2000 })).toBe("2.000 peserta");
    expect(t("en")("participants.count", { count: 2000 })).toBe("2,000 participants");
  });
});
