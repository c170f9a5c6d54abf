import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { evidenceDetails, evidenceFormSchema, moveFormSchema } from "./forms";

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
  it("records a training with its topic and skill, and keeps only the fields of the contract", () => {
    const result = evidence({ stage: "training", kind: "training_attended", topic: " Pemasaran digital ", skill: "soft", lender: "x" });
    expect(result.status).toBe("success");
    if (result.status === "success") {
      expect(evidenceDetails(result.value)).toEqual({ topic: "Pemasaran digital", skill: "soft" });
      expect(evidenceDetails({ ...result.value, organisationId: 4 }, "Tokopedia")).toEqual({
        topic: "Pemasaran digital",
        skill: "soft",
        organisationId: 4,
        partnerName: "Tokopedia",
      });
    }
  });

  it("refuses a kind of another stage, a future date, a missing topic or skill", () => {
    expect(evidence({ stage: "training", kind: "licence", topic: "x", skill: "hard" }).reply().error?.kind).toEqual(["validation.choose"]);
    expect(
      evidence({ stage: "training", kind: "training_attended", topic: "x", skill: "hard", occurredOn: "2999-01-01" }).reply().error?.occurredOn,
    ).toEqual(["validation.dateInFuture"]);
    expect(
      evidence({ stage: "training", kind: "training_attended", occurredOn: "2026-02-30", topic: "x", skill: "hard" }).reply().error?.occurredOn,
    ).toEqual(["validation.dateInvalid"]);
    expect(evidence({ stage: "training", kind: "training_attended", topic: "x" }).reply().error?.skill).toEqual(["validation.choose"]);
    expect(evidence({ stage: "mentoring", kind: "mentoring_session" }).reply().error?.topic).toEqual(["validation.required"]);
  });

  it("P4 needs a type, number and issuer; P5 a channel and its start date", () => {
    expect(evidence({ stage: "licensing", kind: "licence", licenceType: "other" }).reply().error?.licenceType).toEqual(["validation.choose"]);
    const p4 = evidence({ stage: "licensing", kind: "licence" }).reply().error;
    expect(p4?.licenceType).toEqual(["validation.choose"]);
    expect(p4?.licenceNumber).toEqual(["validation.required"]);
    expect(p4?.issuer).toEqual(["validation.required"]);
    const ok = evidence({ stage: "licensing", kind: "licence", licenceType: "hki", licenceNumber: "IDM000123", issuer: "DJKI" });
    expect(ok.status === "success" && evidenceDetails(ok.value)).toEqual({ type: "hki", number: "IDM000123", issuer: "DJKI" });
    const p5 = evidence({ stage: "marketing", kind: "marketing_channel", channel: "marketplace", channelName: "Toko Kue Siti" });
    expect(p5.status === "success" && evidenceDetails(p5.value)).toEqual({ channel: "marketplace", name: "Toko Kue Siti" });
  });

  it("P6 needs a past period, turnover, assets and workers; P7 a lender, product, and an amount once approved or disbursed", () => {
    const p6 = evidence({ stage: "financial_reporting", kind: "financial_report", period: "2026-13", turnover: "12.000.000,50", workers: "-1" }).reply().error;
    expect(p6?.period).toEqual(["validation.periodInvalid"]);
    expect(p6?.turnover).toEqual(["validation.amountCents"]);
    expect(p6?.workers).toEqual(["validation.workersInvalid"]);
    // Required fields are checked once the fields given are well formed.
    expect(evidence({ stage: "financial_reporting", kind: "financial_report", period: "2026-01" }).reply().error?.assets).toEqual([
      "validation.required",
    ]);
    expect(evidence({ stage: "financial_reporting", kind: "financial_report", period: "2999-01" }).reply().error?.period).toEqual([
      "validation.periodInFuture",
    ]);
    const ok = evidence({ stage: "financial_reporting", kind: "financial_report", period: "2026-01", turnover: "12000000", assets: "50000000", workers: "3" });
    expect(ok.status === "success" && evidenceDetails(ok.value)).toEqual({ period: "2026-01", turnover: 12_000_000, assets: 50_000_000, workers: 3 });

    const p7 = evidence({ stage: "capital", kind: "capital_disbursed", lender: "Bank DKI" }).reply().error;
    expect(p7?.amount).toEqual(["validation.required"]);
    expect(p7?.product).toEqual(["validation.required"]);
    const applied = evidence({ stage: "capital", kind: "capital_applied", lender: "Bank DKI", product: "KUR" });
    expect(applied.status === "success" && evidenceDetails(applied.value)).toEqual({ lender: "Bank DKI", product: "KUR" });
  });
});
