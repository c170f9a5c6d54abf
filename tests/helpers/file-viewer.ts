// Opening a stored photo from a page, as both evidence-file browser tests do: the link leads to the
// file itself, served as a JPEG with no EXIF, and the only error raised on the way is the browser's
// own request for /favicon.ico (an image shown on its own has no <link rel="icon">).
import type { Locator, Page } from "playwright-core";
import sharp from "sharp";
import { expect } from "vitest";
import { takeRaisedErrors } from "./browser";

export async function opensAsCleanJpeg(page: Page, link: Locator, baseUrl: string, fileId: number): Promise<void> {
  await link.click();
  await page.waitForURL(`${baseUrl}/berkas/${fileId}`);
  expect(await page.evaluate(() => document.contentType)).toBe("image/jpeg");
  await page.waitForLoadState("networkidle");
  // That request is the browser's, not the page's; anything else raised still fails the test.
  const raised = takeRaisedErrors();
  expect(raised.filter((e) => !(e.includes(`/berkas/${fileId}:`) && e.includes("status of 404")))).toEqual([]);
  const bytes = Buffer.from(await (await page.request.get(`${baseUrl}/berkas/${fileId}`)).body());
  expect((await sharp(bytes).metadata()).exif).toBeUndefined();
}
