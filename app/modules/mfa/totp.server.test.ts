import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, matchingStep, otpauthUri, stepAt, totpCode } from "./totp.server";

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

  it("base32 round-trips and reads RFC 4648's vector", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("MZXW6YTBOI").toString()).toBe("foobar");
    expect(base32Decode("mzxw 6ytb oi").toString()).toBe("foobar");
  });

  it("accepts the step before and after (clock drift), nothing further", () => {
    const secret = base32Encode(RFC_SECRET);
    const now = 1_700_000_000_000;
    const step = stepAt(now);
    expect(matchingStep(secret, totpCode(secret, step), now)).toBe(step);
    expect(matchingStep(secret, totpCode(secret, step - 1), now)).toBe(step - 1);
    expect(matchingStep(secret, totpCode(secret, step + 1), now)).toBe(step + 1);
    expect(matchingStep(secret, totpCode(secret, step - 2), now)).toBeNull();
    expect(matchingStep(secret, "12345", now)).toBeNull();
  });

  it("writes the otpauth URI the apps read", () => {
    expect(otpauthUri("ABC", "k@pas.demo")).toBe("otpauth://totp/PAS%20Tracker%3Ak%40pas.demo?secret=ABC&issuer=PAS+Tracker&algorithm=SHA1&digits=6&period=30");
  });
});
