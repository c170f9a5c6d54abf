// Screenshots of the partner pages at phone (360 px) and desktop (1280 px) widths, on a fresh demo
// database: the coordinators' organisations and one organisation, partner staff's referred
// participants and one of them. Run after a build:
//   npm run build && npx tsx tests/e2e/partner-screenshots.ts
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, signInWithForm } from "../helpers/browser";
import { startServer } from "../helpers/server";

const OUT = resolve(process.env.SCREENSHOT_DIR ?? "docs/screenshots");
mkdirSync(OUT, { recursive: true });

const server = await startServer({ label: "partner-screenshots" });
const browser = await launchBrowser();
try {
  const bank = server.sql.prepare("SELECT id FROM organisations WHERE name = 'Bank DKI'").get() as { id: number };
  const referred = server.sql
    .prepare("SELECT participant_id AS id FROM referrals WHERE organisation_id = ? AND stage = 'capital' ORDER BY outcome_at IS NULL, id LIMIT 1")
    .get(bank.id) as { id: number };
  for (const width of [360, 1280]) {
    const options = { viewport: { width, height: width < 500 ? 780 : 900 }, locale: "id-ID" };
    const coordinator = await (await browser.newContext(options)).newPage();
    await signInWithForm(coordinator, server.url, "koordinator@pas.demo");
    await coordinator.goto(`${server.url}/organisasi`);
    await coordinator.screenshot({ path: `${OUT}/organisasi-${width}.png`, fullPage: true });
    await coordinator.goto(`${server.url}/organisasi/${bank.id}`);
    await coordinator.screenshot({ path: `${OUT}/organisasi-detail-${width}.png`, fullPage: true });
    await coordinator.goto(`${server.url}/organisasi/kinerja`);
    await coordinator.screenshot({ path: `${OUT}/organisasi-kinerja-${width}.png`, fullPage: true });

    const partner = await (await browser.newContext(options)).newPage();
    await signInWithForm(partner, server.url, "mitra@pas.demo");
    await partner.screenshot({ path: `${OUT}/mitra-${width}.png`, fullPage: true });
    await partner.goto(`${server.url}/mitra/${referred.id}`);
    await partner.screenshot({ path: `${OUT}/mitra-detail-${width}.png`, fullPage: true });
  }
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
