// Cookies: the attributes every cookie we set carries, and reading one cookie among several.
import { afterEach, describe, expect, it } from "vitest";
import { readCookie, serializeCookie } from "../../app/modules/http/cookies.server";

const withCookie = (header: string) => new Request("http://localhost/", { headers: { Cookie: header } });
const nodeEnv = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = nodeEnv;
});

describe("cookies", () => {
  it("sets Path=/, HttpOnly and SameSite=Lax, a whole Max-Age, and encodes the value", () => {
    const cookie = serializeCookie("pas_session", "a+b/c=", { maxAgeSeconds: 3600.7 });
    expect(cookie.split("; ").sort()).toEqual(["HttpOnly", "Max-Age=3600", "Path=/", "SameSite=Lax", "pas_session=a%2Bb%2Fc%3D"].sort());
  });

  it("clears a cookie with an empty value and Max-Age=0", () => {
    expect(serializeCookie("pas_session", "", { maxAgeSeconds: 0 })).toMatch(/^pas_session=; .*Max-Age=0/);
  });

  it("is Secure in production unless PAS_INSECURE_COOKIES=1", () => {
    process.env.NODE_ENV = "production";
    expect(serializeCookie("pas_lng", "en")).toContain("; Secure");
    process.env.PAS_INSECURE_COOKIES = "1";
    expect(serializeCookie("pas_lng", "en")).not.toContain("Secure");
    delete process.env.PAS_INSECURE_COOKIES;
  });

  it("reads one cookie among others, decoded, and null when absent", () => {
    const request = withCookie("theme=dark; pas_session=a%2Bb%2Fc%3D;pas_lng=en");
    expect(readCookie(request, "pas_session")).toBe("a+b/c=");
    expect(readCookie(request, "pas_lng")).toBe("en");
    expect(readCookie(request, "missing")).toBeNull();
    expect(readCookie(new Request("http://localhost/"), "pas_session")).toBeNull();
  });
});
