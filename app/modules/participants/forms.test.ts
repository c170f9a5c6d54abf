import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { evidenceDetails, evidenceFormSchema, moveFormSchema, todayInJakarta } from "./forms";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const move = (fields: Record<string, string>) => parseWithZod(form({ intent: "move", formId: "f", version: "3", ...fields }), { schema: moveFormSchema });
const evidence = (fields: Record<string, string>) =>
  parseWithZod(form({ intent: "evidence", formId: "f", version: "3", occurredOn: "2026-01-15", ...fields }), { schema: evidenceFormSchema });

describe("the move form", () => {
  it("accepts a move and its stage", () => {
    const result = move({ event: "COMPLETE", stage: "training" });
    expect(result.status).toBe("success");
  });

  it("needs a reason for the moves that say why", () => {
    for (const event of ["REJECT", "HOLD", "WITHDRAW"]) {
      const result = move({ event, reason: "   " });
      expect(result.status).toBe("error");
      expect(result.reply().error?.reason).toEqual(["validation.reasonRequired"]);
    }
  });

  it("needs a stage for stage moves, and refuses unknown events and versions", () => {
    expect(move({ event: "START" }).reply().error?.stage).toEqual(["validation.choose"]);
    expect(move({ event: "DESTROY" }).status).toBe("error");
    expect(move({ event: "RESUME", version: "x" }).status).toBe("error");
  });
});

describe("the evidence form", () => {
  it("records a training with its topic", () => {
    const result = evidence({ stage: "training", kind: "training_attended", topic: " Pemasaran digital " });
    expect(result.status).toBe("success");
    if (result.status === "success") expect(evidenceDetails(result.value)).toEqual({ topic: "Pemasaran digital" });
  });

  it("refuses a kind of another stage, a future date and a missing topic", () => {
    expect(evidence({ stage: "training", kind: "licence", topic: "x" }).reply().error?.kind).toEqual(["validation.choose"]);
    expect(evidence({ stage: "training", kind: "training_attended", topic: "x", occurredOn: "2999-01-01" }).reply().error?.occurredOn).toEqual([
      "validation.dateInFuture",
    ]);
    expect(evidence({ stage: "training", kind: "training_attended", occurredOn: "2026-02-30", topic: "x" }).reply().error?.occurredOn).toEqual([
      "validation.dateInvalid",
    ]);
    expect(evidence({ stage: "mentoring", kind: "mentoring_session" }).reply().error?.topic).toEqual(["validation.required"]);
  });

  it("P6 needs a period and turnover; P7 an amount once approved or disbursed", () => {
    const p6 = evidence({ stage: "financial_reporting", kind: "financial_report", period: "2026-13", turnover: "12.000.000" }).reply().error;
    expect(p6?.period).toEqual(["validation.periodInvalid"]);
    expect(p6?.turnover).toEqual(["validation.amountInvalid"]);
    const ok = evidence({ stage: "financial_reporting", kind: "financial_report", period: "2026-01", turnover: "12000000" });
    expect(ok.status === "success" && evidenceDetails(ok.value)).toEqual({ period: "2026-01", turnover: 12_000_000 });

    expect(evidence({ stage: "capital", kind: "capital_disbursed", lender: "Bank DKI" }).reply().error?.amount).toEqual(["validation.required"]);
    expect(evidence({ stage: "capital", kind: "capital_applied", lender: "Bank DKI" }).status).toBe("success");
  });

  it("knows today's date in Jakarta", () => {
    // 20:00 UTC is already the next day in Jakarta (UTC+7).
    expect(todayInJakarta(new Date("2026-03-01T20:00:00Z"))).toBe("2026-03-02");
  });
});
