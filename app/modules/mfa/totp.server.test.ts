import { describe, expect, it } from "vitest";
import { matchingStep, newTotpSecret, otpauthUri, stepAt, totpCode } from "./totp.server";

// RFC 6238 appendix B: the SHA-1 secret is the ASCII string "12345678901234567890", 8 digits.
const RFC_SECRET = Buffer.from("12345678901234567890", "ascii");
const VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP", () => {
  it("gives RFC 6238's test vectors", () => {
    for (const [seconds, code] of VECTORS) expect(totpCode(RFC_SECRET, stepAt(seconds * 1000), 8)).toBe(code);
  });

  it("makes 160-bit secrets in base32, and reads one typed in lower case with spaces", () => {
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
    // "MZXW6YTBOI" is RFC 4648's base32 of "foobar".
    expect(totpCode("mzxw 6ytb oi", 1)).toBe(totpCode(Buffer.from("foobar"), 1));
  });

  it("accepts the step before and after (clock drift), nothing further", () => {
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // RFC_SECRET in base32
    const now = 1_700_000_000_000;
    const step = stepAt(now);
    expect(matchingStep(secret, totpCode(secret, step), now)).toBe(step);
    expect(matchingStep(secret, totpCode(secret, step - 1), now)).toBe(step - 1);
    expect(matchingStep(secret, totpCode(secret, step + 1), now)).toBe(step + 1);
    expect(matchingStep(secret, totpCode(secret, step - 2), now)).toBeNull();
    expect(matchingStep(secret, "12345", now)).toBeNull();
  });

  it("writes the otpauth URI the apps read", () => {
    const uri = new URL(otpauthUri("GEZDGNBV", "k@pas.demo"));
    expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe("otpauth://totp/PAS Tracker:k@pas.demo");
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: "GEZDGNBV", issuer: "PAS Tracker", algorithm: "SHA1", digits: "6", period: "30" });
  });
});
