import { describe, expect, it } from "vitest";
import { jakartaDate, jakartaMonth } from "./jakarta";
import { formatDate, formatDateTime } from "./format";

describe("a moment's day is its Jakarta day", () => {
  it("turns to the next day at 17:00 UTC (midnight in Jakarta), not at UTC midnight", () => {
    expect(jakartaDate(Date.parse("2026-12-02T16:59:59Z"))).toBe("2026-12-02");
    expect(jakartaDate(Date.parse("2026-12-02T17:00:00Z"))).toBe("2026-12-03");
    expect(jakartaDate(Date.parse("2026-12-02T17:30:00Z"))).toBe("2026-12-03");
    expect(jakartaDate(new Date("2026-12-03T16:59:59Z"))).toBe("2026-12-03");
  });

  it("turns the month and the year at Jakarta's midnight", () => {
    expect(jakartaMonth(Date.parse("2026-11-30T16:59:59Z"))).toBe("2026-11");
    expect(jakartaMonth(Date.parse("2026-11-30T17:00:00Z"))).toBe("2026-12");
    expect(jakartaDate(Date.parse("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
  });

  it("shows the same day as it stores: 16:59Z is 2 December, 17:01Z is 3 December, in both languages", () => {
    const before = Date.parse("2026-12-02T16:59:00Z");
    const after = Date.parse("2026-12-02T17:01:00Z");
    expect(formatDate(before, "id")).toBe("2 Des 2026");
    expect(formatDate(after, "id")).toBe("3 Des 2026");
    expect(formatDate(after, "en")).toBe("3 Dec 2026");
    expect(formatDateTime(after, "en")).toContain("00:01");
    // A stored day is shown as that day, whatever the server's own time zone.
    expect(formatDate(jakartaDate(after), "id")).toBe("3 Des 2026");
  });
});
