// Screenshots of the coordinator's pages at phone (360 px) and desktop (1280 px) widths, on a fresh
// demo database. Run after a build:  npx tsx tests/e2e/coordinator-screenshots.ts
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, signInWithForm } from "../helpers/browser";
import { startServer } from "../helpers/server";

const OUT = resolve("docs/screenshots");
mkdirSync(OUT, { recursive: true });

const server = await startServer({ label: "coordinator-screenshots", participants: 2000 });
const browser = await launchBrowser();
try {
  for (const width of [360, 1280]) {
    const page = await (await browser.newContext({ viewport: { width, height: width < 500 ? 780 : 900 }, locale: "id-ID" })).newPage();
    await signInWithForm(page, server.url, "koordinator@pas.demo");
    await page.screenshot({ path: `${OUT}/koordinator-${width}.png`, fullPage: true });
    await page.getByRole("region", { name: "Kohort paling macet" }).getByRole("listitem").first().getByRole("link").first().click();
    await page.getByRole("region", { name: "Anggota yang macet" }).waitFor();
    await page.screenshot({ path: `${OUT}/kohort-detail-${width}.png`, fullPage: true });
    await page.goto(`${server.url}/kohort`);
    await page.screenshot({ path: `${OUT}/kohort-${width}.png` });
    await page.goto(`${server.url}/koordinator/indikator`);
    await page.screenshot({ path: `${OUT}/indikator-${width}.png`, fullPage: true });
  }
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
