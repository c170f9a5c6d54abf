// Regenerates docs/screenshots/*.png (linked from the README): every main page at phone (360 px) and
// desktop (1280 px) widths, on a fresh demo database. Run after a build:
//   npm run build && npx tsx tests/e2e/screenshots.ts
// One table: who is signed in, which pages they see, and whether one screen of a long page says enough.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser, signInWithForm } from "../helpers/browser";
import { startServer } from "../helpers/server";

const OUT = resolve(process.env.SCREENSHOT_DIR ?? "docs/screenshots");
mkdirSync(OUT, { recursive: true });

/** `region`: only that region of the page (by its accessible name), for a README section's close-up. */
type Shot = { name: string; path: string | ((page: Page) => Promise<void>); fullPage?: boolean; region?: string };

const server = await startServer({ label: "screenshots", participants: 2000 });
const browser = await launchBrowser();
const one = <T>(query: string) => server.sql.prepare(query).get() as T;
try {
  const siti = one<{ id: number }>("SELECT p.id FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = 'umkm@pas.demo'");
  const bank = one<{ id: number }>("SELECT id FROM organisations WHERE name = 'Bank DKI'");
  const referred = one<{ id: number }>(
    `SELECT participant_id AS id FROM referrals WHERE organisation_id = ${bank.id} AND stage = 'capital' ORDER BY outcome_at IS NULL, id LIMIT 1`,
  );
  const cohort = one<{ id: number }>("SELECT c.id FROM cohorts c JOIN districts d ON d.id = c.district_id WHERE d.name = 'Cakung' LIMIT 1");
  const mentor = one<{ id: number }>("SELECT id FROM users WHERE email = 'mentor.cakung@pas.demo'");
  const closed = one<{ id: number }>("SELECT id FROM cohorts WHERE planned_end_on < date('now', '+7 hours') ORDER BY planned_end_on DESC LIMIT 1");
  const surveyRound = one<{ id: number }>("SELECT id FROM survey_rounds WHERE closed_at IS NOT NULL ORDER BY period_start DESC LIMIT 1");
  const cakung = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Cakung'");
  const openRound = one<{ id: number }>("SELECT id FROM survey_rounds WHERE closed_at IS NULL ORDER BY id LIMIT 1");
  // A business that climbed a class, with the most monthly reports behind it.
  const climber = one<{ id: number }>(
    `SELECT c.participant_id AS id FROM business_climbs c JOIN stage_evidence e ON e.participant_id = c.participant_id AND e.kind = 'financial_report'
      WHERE c.kind = 'class' GROUP BY c.participant_id ORDER BY count(e.id) DESC, c.participant_id LIMIT 1`,
  );

  const tours: { account: string | null; shots: Shot[] }[] = [
    {
      account: null,
      shots: [
        { name: "masuk", path: "/masuk", fullPage: true },
        { name: "daftar", path: "/daftar", fullPage: true },
      ],
    },
    {
      account: "mentor.cakung@pas.demo",
      shots: [
        { name: "hari-ini", path: "/hari-ini", fullPage: true },
        { name: "peserta", path: "/peserta" },
        { name: "peserta-tidak-aktif", path: "/peserta?status=dormant" },
        { name: "peserta-detail", path: `/peserta/${siti.id}`, fullPage: true },
        { name: "peserta-alihkan", path: `/peserta/${siti.id}/alihkan`, fullPage: true },
        { name: "peserta-baru", path: "/peserta/baru" },
        { name: "massal", path: `/massal?kohort=${cohort.id}`, fullPage: true },
        { name: "laporan", path: "/laporan" },
      ],
    },
    {
      account: "umkm@pas.demo",
      shots: [
        { name: "saya", path: "/saya", fullPage: true },
        { name: "kolaborasi-jawab", path: `/kolaborasi/jawab/${openRound.id}` },
      ],
    },
    {
      account: "koordinator@pas.demo",
      shots: [
        { name: "koordinator", path: "/koordinator", fullPage: true },
        { name: "koordinator-peta", path: "/koordinator/peta", fullPage: true },
        {
          name: "kohort-detail",
          path: async (page) => {
            await page.goto(`${server.url}/koordinator`);
            await page.getByRole("region", { name: "Kohort paling macet" }).getByRole("listitem").first().getByRole("link").first().click();
            await page.getByRole("region", { name: "Anggota yang macet" }).waitFor();
          },
          fullPage: true,
        },
        { name: "kohort", path: "/kohort" },
        { name: "kohort-selesai", path: `/kohort/${closed.id}`, fullPage: true },
        { name: "indikator", path: "/koordinator/indikator", fullPage: true },
        { name: "outcomes-over-time", path: "/koordinator/indikator", region: "Perkembangan usaha sejak data awal" },
        { name: "outcomes-naik-kelas", path: `/peserta/${climber.id}`, region: "Data awal usaha" },
        { name: "kohort-anggota", path: `/kohort/${cohort.id}/anggota?q=a` },
        { name: "aturan", path: "/aturan", fullPage: true },
        { name: "pengguna", path: "/pengguna?peran=mentor" },
        { name: "pengguna-detail", path: `/pengguna/${mentor.id}`, fullPage: true },
        { name: "organisasi", path: "/organisasi", fullPage: true },
        { name: "organisasi-detail", path: `/organisasi/${bank.id}`, fullPage: true },
        { name: "organisasi-kinerja", path: "/organisasi/kinerja", fullPage: true },
        { name: "impor", path: "/impor", fullPage: true },
        { name: "kolaborasi", path: "/kolaborasi", fullPage: true },
        { name: "kolaborasi-hasil", path: `/kolaborasi/putaran/${surveyRound.id}`, fullPage: true },
        { name: "kolaborasi-kecamatan", path: `/kolaborasi/putaran/${surveyRound.id}/kecamatan/${cakung.id}`, fullPage: true },
      ],
    },
    {
      account: "mitra@pas.demo",
      shots: [
        { name: "mitra", path: "/mitra", fullPage: true },
        { name: "mitra-detail", path: `/mitra/${referred.id}`, fullPage: true },
      ],
    },
  ];

  for (const width of [360, 1280]) {
    for (const tour of tours) {
      const context = await browser.newContext({ viewport: { width, height: width < 500 ? 780 : 900 }, locale: "id-ID" });
      const page = await context.newPage();
      if (tour.account) await signInWithForm(page, server.url, tour.account);
      for (const shot of tour.shots) {
        if (typeof shot.path === "string") await page.goto(`${server.url}${shot.path}`);
        else await shot.path(page);
        const file = `${OUT}/${shot.name}-${width}.png`;
        if (shot.region) await page.getByRole("region", { name: shot.region }).screenshot({ path: file });
        else await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
      }
      await context.close();
    }
  }
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
