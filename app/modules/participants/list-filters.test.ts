// The list's query string: good values kept, bad ones dropped and named, never thrown.
import { describe, expect, it } from "vitest";
import { digitsOf, listSearch, parseListFilters } from "./list-filters";

describe("list filters", () => {
  it("keeps good values, drops and names bad ones, ignores empty and unknown keys", () => {
    const { filters, invalid } = parseListFilters(
      new URLSearchParams("q=%20Siti%20&district=3&cohort=x&stage=training&status=gone&track=&stalled=yes&sector=kuliner&page=0&foo=bar"),
    );
    expect(filters).toEqual({ q: "Siti", district: 3, stage: "training", stalled: "yes", sector: "kuliner" });
    expect(invalid).toEqual(["cohort", "status", "page"]);
  });

  it("writes the same filters back for another page, leaving page 1 out", () => {
    expect(listSearch({ status: "active", q: "a b" }, 2)).toBe("?q=a+b&status=active&page=2");
    expect(listSearch({}, 1)).toBe("");
  });

  it("reads a number typed with spaces or dashes as digits for NIK and phone search", () => {
    expect(digitsOf("0812-3456")).toBe("08123456");
    expect(digitsOf("123")).toBeNull();
    expect(digitsOf("Siti")).toBeNull();
  });
});
