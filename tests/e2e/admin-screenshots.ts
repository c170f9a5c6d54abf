// Screenshots of the coordinator's administration pages at phone (360 px) and desktop (1280 px)
// widths, on a fresh demo database, into docs/screenshots/admin-*.png. Run after a build:
//   npm run build && npx tsx tests/e2e/admin-screenshots.ts
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, signInWithForm } from "../helpers/browser";
import { startServer } from "../helpers/server";

const OUT = resolve(process.env.SCREENSHOT_DIR ?? "docs/screenshots");
mkdirSync(OUT, { recursive: true });

const server = await startServer({ label: "admin-screenshots" });
const browser = await launchBrowser();
try {
  const cohort = server.sql.prepare("SELECT c.id FROM cohorts c JOIN districts d ON d.id = c.district_id WHERE d.name = 'Cakung' LIMIT 1").get() as { id: number };
  const mentor = server.sql.prepare("SELECT id FROM users WHERE email = 'mentor.cakung@pas.demo'").get() as { id: number };
  const pages: [string, string][] = [
    ["kohort-baru", "/kohort/baru"],
    ["kohort-anggota", `/kohort/${cohort.id}/anggota?q=a`],
    ["kohort-ubah", `/kohort/${cohort.id}/ubah`],
    ["aturan", "/aturan"],
    ["pengguna", "/pengguna?peran=mentor"],
    ["pengguna-undang", "/pengguna/undang"],
    ["pengguna-detail", `/pengguna/${mentor.id}`],
  ];
  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: width < 500 ? 780 : 900 }, locale: "id-ID" });
    const page = await context.newPage();
    await signInWithForm(page, server.url, "koordinator@pas.demo");
    for (const [name, path] of pages) {
      await page.goto(`${server.url}${path}`);
      await page.screenshot({ path: `${OUT}/admin-${name}-${width}.png`, fullPage: name !== "pengguna" && name !== "pengguna-undang" });
    }
    // A refused rules change: the messages in place.
    await page.goto(`${server.url}/aturan`);
    await page.getByLabel("P2 Pelatihan").fill("0");
    await page.getByRole("button", { name: "Simpan aturan" }).click();
    await page.getByText("Masukkan angka 1 sampai 365.").waitFor();
    await page.screenshot({ path: `${OUT}/admin-aturan-error-${width}.png` });
    // An invitation created, and the page the invitee opens.
    await page.goto(`${server.url}/pengguna/undang`);
    await page.getByLabel("Nama lengkap").fill("Dian Pratiwi");
    await page.getByLabel("Email").fill(`dian.${width}@pas.demo`);
    await page.getByLabel("Instansi").selectOption({ label: "Dinas PPKUKM DKI Jakarta" });
    await page.getByRole("checkbox", { name: "Cakung", exact: true }).check();
    await page.getByRole("button", { name: "Buat undangan" }).click();
    const link = await page.getByRole("textbox", { name: "Tautan undangan" }).inputValue();
    await page.screenshot({ path: `${OUT}/admin-undangan-dibuat-${width}.png` });
    const invitee = await (await browser.newContext({ viewport: { width, height: 780 }, locale: "id-ID" })).newPage();
    await invitee.goto(link);
    await invitee.screenshot({ path: `${OUT}/admin-undangan-${width}.png`, fullPage: true });
    await invitee.context().close();
    await context.close();
  }
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
