// Regenerates docs/screenshots/*.png (linked from the README): the main pages at phone (360 px) and
// desktop (1280 px) widths, on a fresh demo database. Run after a build:
//   npm run build && npx tsx tests/e2e/screenshots.ts
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, signInWithForm } from "../helpers/browser";
import { startServer } from "../helpers/server";

const OUT = resolve("docs/screenshots");
mkdirSync(OUT, { recursive: true });

const server = await startServer({ label: "screenshots", participants: 2000 });
const browser = await launchBrowser();
try {
  const siti = server.sql
    .prepare("SELECT p.id FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = 'umkm@pas.demo'")
    .get() as { id: number };
  for (const width of [360, 1280]) {
    const viewport = { width, height: width < 500 ? 780 : 900 };
    const options = { viewport, locale: "id-ID" };
    const mentor = await (await browser.newContext(options)).newPage();
    await mentor.goto(`${server.url}/masuk`);
    await mentor.screenshot({ path: `${OUT}/masuk-${width}.png`, fullPage: true });
    await signInWithForm(mentor, server.url, "mentor.cakung@pas.demo");
    // The list is long: one screen of it says enough.
    await mentor.screenshot({ path: `${OUT}/peserta-${width}.png` });
    await mentor.goto(`${server.url}/peserta/${siti.id}`);
    await mentor.screenshot({ path: `${OUT}/peserta-detail-${width}.png`, fullPage: true });

    const entrepreneur = await (await browser.newContext(options)).newPage();
    await signInWithForm(entrepreneur, server.url, "umkm@pas.demo");
    await entrepreneur.screenshot({ path: `${OUT}/saya-${width}.png`, fullPage: true });
  }
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
