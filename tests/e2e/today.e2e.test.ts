// A mentor's day in the browser: Sari signs in and lands on "Hari ini", finds a participant of hers
// who stalled this week, checks the WhatsApp link (her number, the message naming what P3 still
// needs), records the mentoring session the line asks for through the participant page's form, and
// sees the line leave the list and the count in the navigation drop. At 1280 px with JavaScript, and
// at 360 px without it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptNik } from "../../app/modules/identity/identity.server";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

const DAY_MS = 86_400_000;

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];
type Target = { id: number; name: string; phone: string; international: string; honorific: "Bu" | "Pak"; sessions: number };
const targets: Target[] = [];

/**
 * One of Sari's active participants with P3 their only open stage and fewer than two sessions,
 * arranged to have stalled three days ago: nothing recorded for 48 days (the inactivity limit is 45)
 * and P3 entered then.
 */
function arrangeNewStall(name: string, phone: string, international: string): Target {
  const row = server.sql
    .prepare(
      `SELECT p.id, p.nik_cipher AS nikCipher,
              (SELECT count(*) FROM stage_evidence e WHERE e.participant_id = p.id AND e.kind = 'mentoring_session' AND e.status = 'recorded') AS sessions
         FROM participants p
        WHERE p.mentor_id = (SELECT id FROM users WHERE email = 'mentor.cakung@pas.demo') AND p.status = 'active'
          AND p.p1_state = 'verified' AND p.p3_state = 'in_progress' AND p.user_id IS NULL
          AND 'in_progress' NOT IN (p.p2_state, p.p4_state, p.p5_state, p.p6_state, p.p7_state) AND p.full_name NOT LIKE '%Uji Hari Ini%'
          AND NOT EXISTS (SELECT 1 FROM stall_notes s WHERE s.participant_id = p.id AND s.cleared_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM stage_evidence e WHERE e.participant_id = p.id AND e.status = 'pending')
          AND (SELECT count(*) FROM stage_evidence e WHERE e.participant_id = p.id AND e.kind = 'mentoring_session' AND e.status = 'recorded') < 2
        ORDER BY p.id LIMIT 1`,
    )
    .get() as { id: number; nikCipher: string; sessions: number } | undefined;
  if (!row) throw new Error("no participant of Sari's in P3 to arrange");
  const at = Date.now() - 48 * DAY_MS;
  const entered = (n: number) => `p${n}_entered_at = CASE WHEN p${n}_state = 'in_progress' THEN @at ELSE p${n}_entered_at END`;
  server.sql
    .prepare(`UPDATE participants SET full_name = @name, phone = @phone, last_activity_at = @at, ${[2, 3, 4, 5, 6, 7].map(entered).join(", ")} WHERE id = @id`)
    .run({ name, phone, at, id: row.id });
  const day = Number(decryptNik(row.nikCipher).slice(6, 8));
  return { id: row.id, name, phone, international, honorific: day > 40 ? "Bu" : "Pak", sessions: row.sessions };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-today" }), launchBrowser()]);
  targets.push(arrangeNewStall("Wulan Uji Hari Ini", "0812-7777 1234", "6281277771234"));
  targets.push(arrangeNewStall("Ratna Uji Hari Ini", "+62 813 5555 0101", "6281355550101"));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const navToday = (page: Page) => page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: /^Hari ini/ });

async function navCount(page: Page): Promise<number> {
  const text = await navToday(page).innerText();
  return Number(/\((\d+)\)/.exec(text)?.[1] ?? 0);
}

/** Sari's day, from sign-in to the line leaving the list. */
async function handleNewStall(page: Page, target: Target) {
  // A missing element fails with its locator named, well before the test's own time limit.
  page.setDefaultTimeout(8_000);
  await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
  expect(new URL(page.url()).pathname).toBe("/hari-ini");
  await page.getByRole("heading", { level: 1, name: "Hari ini" }).waitFor();
  const before = await navCount(page);
  expect(before).toBeGreaterThan(0);

  const list = page.getByRole("list", { name: "Yang perlu ditangani" });
  const line = list.getByRole("listitem").filter({ hasText: target.name }).filter({ hasText: "Baru macet" });
  await line.waitFor();
  const remaining = 3 - target.sessions;
  await line.getByText(`Untuk P3 Pendampingan masih perlu ${remaining} sesi lagi.`, { exact: false }).waitFor();

  // Call and WhatsApp: the number in international form, the message naming the next step.
  expect(await line.getByRole("link", { name: /^Telepon / }).getAttribute("href")).toBe(`tel:+${target.international}`);
  const firstName = target.name.split(" ")[0];
  const message = `Halo ${target.honorific} ${firstName}, saya Sari Wulandari, pendamping PAS Anda. Untuk P3 Pendampingan masih perlu ${remaining} sesi lagi. Kapan kita bisa bertemu?`;
  const whatsApp = line.getByRole("link", { name: `Kirim WhatsApp ke ${target.name}` });
  expect(await whatsApp.getAttribute("href")).toBe(`https://wa.me/${target.international}?text=${encodeURIComponent(message)}`);
  expect(await whatsApp.getAttribute("target")).toBe("_blank");

  // The line's one action: record the session, on the participant page's own form.
  await line.getByRole("link", { name: `Catat sesi pendampingan: ${target.name}` }).click();
  await page.getByRole("heading", { level: 1, name: target.name }).waitFor();
  const form = page.getByRole("form", { name: "Catat sesi pendampingan" });
  await form.getByLabel("Topik sesi pendampingan").fill("Menghitung harga pokok produksi");
  await form.getByRole("button", { name: "Catat sesi pendampingan" }).click();
  await page.getByText(`Sesi pendampingan: ${target.sessions + 1} dari 3`).first().waitFor();

  // Back on Hari ini: the line has left, and the count with it.
  await navToday(page).click();
  await page.getByRole("heading", { level: 1, name: "Hari ini" }).waitFor();
  await expect.poll(() => navCount(page)).toBe(before - 1);
  expect(await page.getByRole("listitem").filter({ hasText: target.name }).count()).toBe(0);
  const stalled = server.sql.prepare("SELECT stalled_since > ? AS recovered FROM participants WHERE id = ?").get(Date.now(), target.id) as { recovered: number };
  expect(stalled.recovered).toBe(1);
}

describe("Hari ini in the browser", () => {
  it("at 1280 px: Sari lands on Hari ini, checks the WhatsApp link, records the session, and the line leaves", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await handleNewStall(page, targets[0]!);
    await page.context().close();
  });

  it("at 360 px without JavaScript: the same day, by plain links and forms", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    await handleNewStall(page, targets[1]!);
    // Nothing is wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it("raised no script errors, CSP violations or hydration failures on the way", () => {
    expect(pageErrors).toEqual([]);
  });
});
