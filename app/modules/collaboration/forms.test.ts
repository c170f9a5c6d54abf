import { describe, expect, it } from "vitest";
import { answerSchema, instrumentEditSchema, roundOpenSchema } from "./forms";

const messages = (result: { success: boolean; error?: { issues: { message: string; path: (string | number)[] }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => `${i.path.join(".") || "form"}: ${i.message}`);

describe("the answer form", () => {
  const schema = answerSchema([11, 12, 13]);

  it("takes a draft with some answers and a send with all, as numbers 1–5", () => {
    const draft = schema.safeParse({ intent: "draft", s11: "1" });
    expect(draft.success && [draft.data.intent, [...draft.data.answers]]).toEqual(["draft", [[11, 1]]]);
    const sent = schema.safeParse({ intent: "submit", s11: "5", s12: "3", s13: "1" });
    expect(sent.success && [...sent.data.answers.values()]).toEqual([5, 3, 1]);
  });

  it("refuses a send with a statement unanswered, naming it and the whole form", () => {
    expect(messages(schema.safeParse({ intent: "submit", s11: "5", s13: "1" }))).toEqual(["s12: survey.error.answerRequired", "form: survey.error.answersMissing"]);
  });

  it("refuses values outside 1–5 and anything not a whole number, in a draft too", () => {
    for (const value of ["0", "6", "-1", "4.5", "3 ", "tiga", ""]) {
      expect(messages(schema.safeParse({ intent: "draft", s11: value })), value).toEqual(["s11: survey.error.valueRange"]);
    }
  });

  it("refuses a statement the round does not ask, and a missing or unknown button", () => {
    expect(messages(schema.safeParse({ intent: "draft", s99: "3" }))).toEqual(["form: survey.error.unknownStatement"]);
    expect(messages(schema.safeParse({ s11: "3" }))).toEqual(["form: validation.invalidRequest"]);
    expect(messages(schema.safeParse({ intent: "publish", s11: "3" }))).toEqual(["form: validation.invalidRequest"]);
  });
});

describe("the round form", () => {
  const base = { name: "Putaran", periodStart: "2026-01-01", periodEnd: "2026-06-30", instrumentId: 1, scope: "districts", districtIds: [3], groups: ["mentor"] };

  it("needs a group, districts for a district round, and a period that does not end before it starts", () => {
    expect(roundOpenSchema.safeParse(base).success).toBe(true);
    expect(roundOpenSchema.safeParse({ ...base, scope: "province", districtIds: undefined }).success).toBe(true);
    expect(messages(roundOpenSchema.safeParse({ ...base, groups: undefined }))).toEqual(["groups: survey.error.groupsRequired"]);
    expect(messages(roundOpenSchema.safeParse({ ...base, districtIds: undefined }))).toEqual(["districtIds: survey.error.districtsRequired"]);
    expect(messages(roundOpenSchema.safeParse({ ...base, periodEnd: "2025-12-31" }))).toEqual(["periodEnd: survey.error.periodOrder"]);
  });
});

describe("the instrument form", () => {
  const shape = { indicators: [{ id: 1, subIndicators: [{ id: 2, statements: [{ id: 3 }, { id: 4 }] }] }], bands: [{ id: 5 }, { id: 6 }] };
  const filled = {
    nameId: "Nama",
    nameEn: "Name",
    i1Id: "Proses",
    i1En: "Process",
    u2Id: "Dialog",
    u2En: "Dialogue",
    t3Id: "Satu",
    t3En: "One",
    t3Rev: "on",
    t4Id: "Dua",
    t4En: "Two",
    b5Lower: "4,00",
    b5Code: "B",
    b5Id: "Baik",
    b5En: "Good",
    b6Lower: "0",
    b6Code: "STB",
    b6Id: "Sangat Tidak Baik",
    b6En: "Very poor",
  };
  const schema = instrumentEditSchema(shape);

  it("reads labels, statements, reverse flags and bands (a decimal comma too)", () => {
    const result = schema.safeParse(filled);
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.statements.get(3)).toEqual({ textId: "Satu", textEn: "One", reverse: true });
    expect(result.data.statements.get(4)).toEqual({ textId: "Dua", textEn: "Two", reverse: false });
    expect(result.data.bands.get(5)?.lowerBound).toBe(4);
  });

  it("removes a statement whose texts are both empty, adds one from the new row, and keeps at least one per sub-indicator", () => {
    const result = schema.safeParse({ ...filled, t4Id: "", t4En: "", n2Id: "Baru", n2En: "New" });
    expect(result.success && [result.data.statements.get(4), result.data.newStatements.get(2)]).toEqual([null, { textId: "Baru", textEn: "New", reverse: false }]);
    expect(messages(schema.safeParse({ ...filled, t3Id: "", t3En: "", t4Id: "", t4En: "" }))).toEqual(["u2Id: survey.error.statementRequired"]);
    expect(messages(schema.safeParse({ ...filled, t4En: "" }))).toEqual(["t4En: validation.required"]);
  });

  it("refuses bands that overlap, exceed 5 or leave scores below the lowest bound without a band", () => {
    expect(messages(schema.safeParse({ ...filled, b5Lower: "0" }))).toEqual(["b6Lower: survey.error.bandDuplicate"]);
    expect(messages(schema.safeParse({ ...filled, b5Lower: "5.5" }))).toEqual(["b5Lower: survey.error.bandLower"]);
    expect(messages(schema.safeParse({ ...filled, b6Lower: "1" }))).toEqual(["form: survey.error.bandFromZero"]);
  });
});
