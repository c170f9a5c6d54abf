// Where a redirectTo may send the browser: only to a path on this site, whatever a browser would make
// of the value (tabs and newlines dropped, backslashes read as slashes, dot segments resolved).
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "../../app/modules/access/guards.server";

describe("safeRedirectPath", () => {
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u0000/evil.example",
    "/\u0085/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " /peserta",
    "peserta",
    "",
    `/${"a".repeat(500)}`,
  ])("refuses %j", (value) => {
    expect(safeRedirectPath(value, "/fallback")).toBe("/fallback");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(["/peserta"])).toBe("/");
  });

  it.each([
    ["/peserta", "/peserta"],
    ["/peserta?status=active&q=siti", "/peserta?status=active&q=siti"],
    ["/peserta/12#riwayat", "/peserta/12#riwayat"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/peserta/../saya", "/saya"],
  ])("keeps the path %j on the site", (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });
});
