import { describe, expect, it } from "vitest";
import { crossSiteReason } from "./origin.server";

const request = (method: string, headers: Record<string, string>) =>
  new Request("http://pas.example/peserta/1", { method, headers: { Host: "pas.example", ...headers } });

describe("crossSiteReason", () => {
  it("lets reads through whatever their headers say", () => {
    expect(crossSiteReason(request("GET", { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }))).toBeNull();
  });

  it("accepts same-origin posts and posts from clients that send neither header", () => {
    expect(crossSiteReason(request("POST", { "Sec-Fetch-Site": "same-origin", Origin: "http://pas.example" }))).toBeNull();
    expect(crossSiteReason(request("POST", {}))).toBeNull();
    // Behind a TLS-terminating proxy the scheme differs; the host is what counts.
    expect(crossSiteReason(request("POST", { Origin: "https://pas.example" }))).toBeNull();
  });

  it("refuses posts that say they come from another site", () => {
    const cases: Record<string, string>[] = [
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      { Origin: "https://evil.example" },
      { Origin: "null" },
      { Origin: "not a url" },
    ];
    for (const headers of cases) {
      expect(crossSiteReason(request("POST", headers)), JSON.stringify(headers)).not.toBeNull();
    }
  });
});
