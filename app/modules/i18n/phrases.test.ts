import { describe, expect, it } from "vitest";
import { documentsStatementOf, walkInSchema } from "../participants/registration";
import i18next, { type TFunction } from "i18next";
import idCommon from "~/locales/id/common.json";
import enCommon from "~/locales/en/common.json";
import { FIXED_PHRASES, phraseKey, shownText } from "./phrases";

// The phrases are common messages (every page may show one): an instance with that file alone.
function textOf(locale: string, messages: object): TFunction {
  const instance = i18next.createInstance();
  void instance.init({ lng: locale, resources: { [locale]: { common: messages } }, defaultNS: "common", initAsync: false, showSupportNotice: false });
  return instance.t;
}
const id = textOf("id", idCommon);
const en = textOf("en", enCommon);

describe("fixed phrases stored in Bahasa Indonesia", () => {
  it("read as stored in Bahasa Indonesia and are translated in English", () => {
    for (const [text, key] of Object.entries(FIXED_PHRASES)) {
      expect(id(`phrase.${key}`), key).toBe(text);
      expect(shownText(id, text)).toBe(text);
      expect(shownText(en, text), key).not.toBe(text);
    }
  });

  it("include the documents statement every registration records, for both tracks", () => {
    const base = { fullName: "A", nik: "3172015508900001", phone: "081234567890", businessName: "B", sector: "kuliner", districtId: 1 };
    for (const value of [
      walkInSchema.parse({ ...base, track: "pemula", businessPlan: true }),
      walkInSchema.parse({ ...base, track: "naik_kelas", developmentPlan: true, ownershipProof: true }),
    ]) {
      expect(phraseKey(documentsStatementOf(value))).not.toBeNull();
    }
    expect(shownText(en, "Menyatakan memiliki rencana usaha.")).toBe("States that they have a business plan.");
  });

  it("leave free text as typed", () => {
    expect(shownText(en, "Sedang sakit, kembali bulan depan")).toBe("Sedang sakit, kembali bulan depan");
    expect(phraseKey("sakit")).toBeNull();
  });
});
