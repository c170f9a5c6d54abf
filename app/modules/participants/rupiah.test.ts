import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseRupiah, rupiahField } from "./rupiah";

describe("rupiah as people type it", () => {
  it("takes digits, thousands dots or commas, spaces, 'Rp' in front and ',-' or ',00' behind", () => {
    for (const typed of [
      "25000000",
      "25.000.000",
      "25,000,000",
      "25 000 000",
      "Rp 25.000.000",
      "Rp25.000.000",
      "rp. 25.000.000",
      "IDR 25000000",
      "Rp 25.000.000,-",
      "25.000.000,00",
      "25,000,000.00",
      "  25.000.000  ",
    ]) {
      expect(parseRupiah(typed), typed).toEqual({ value: 25_000_000 });
    }
    expect(parseRupiah("0")).toEqual({ value: 0 });
    expect(parseRupiah("1.000")).toEqual({ value: 1000 });
  });

  it("refuses cents, which rupiah does not have, with their own message", () => {
    for (const typed of ["25.000,50", "25,000.50", "25000,50", "Rp 1.500,5"]) expect(parseRupiah(typed), typed).toEqual({ problem: "cents" });
  });

  it("refuses what is not a whole amount or could be read two ways", () => {
    for (const typed of ["", "Rp", "-5000", "5.5", "25 juta", "lima juta", "1e9", "25.00.000", "2.5000", "25.000,000", "12.500,000.00", "99999999999999999999"]) {
      expect(parseRupiah(typed), typed).toEqual({ problem: "invalid" });
    }
  });
});

describe("the money field every form shares", () => {
  const schema = z.object({ amount: rupiahField({ min: 1, max: 1_000_000_000 }).optional() });
  const parse = (amount: string) => {
    const data = new FormData();
    data.set("amount", amount);
    return parseWithZod(data, { schema });
  };

  it("gives whole rupiah to the action, and nothing for an empty field", () => {
    const result = parse("Rp 25.000.000");
    expect(result.status === "success" && result.value).toEqual({ amount: 25_000_000 });
    const empty = parse("");
    expect(empty.status === "success" && empty.value).toEqual({});
  });

  it("says what is accepted, and why a figure is refused", () => {
    expect(parse("25 juta").reply().error?.amount).toEqual(["validation.amountInvalid"]);
    expect(parse("25.000,50").reply().error?.amount).toEqual(["validation.amountCents"]);
    expect(parse("2.000.000.000").reply().error?.amount).toEqual(["validation.amountTooLarge"]);
    expect(parse("0").reply().error?.amount).toEqual(["validation.amountTooSmall"]);
  });
});
