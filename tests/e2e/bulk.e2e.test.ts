// Bulk recording and the monthly report in the browser (Debian Chromium, the real server): a mentor
// records one training for a whole cohort and completes P2 for everyone eligible; choosing the cohort
// selects its active members only, so a member on hold is listed apart and not recorded. A selection carried from the participant list; the monthly
// report renders and its download link gives CSV.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { applyMove } from "../../app/modules/journey/journey.server";
import { JourneyError } from "../../app/modules/journey/errors";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let db: Db;
const pageErrors: string[] = [];

type Member = { id: number; status: string; p1_state: string; p2_state: string; version: number };
const members = (cohortId: number) =>
  server.sql.prepare("SELECT id, status, p1_state, p2_state, version FROM participants WHERE cohort_id = ? ORDER BY id").all(cohortId) as Member[];
const eligible = (m: Member) => m.status === "active" && m.p1_state === "verified" && (m.p2_state === "not_started" || m.p2_state === "in_progress");

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "bulk-e2e" }), launchBrowser()]);
  db = openDatabase(server.dbPath);
});

afterAll(async () => {
  db?.$client.close();
  await browser?.close();
  await server?.stop();
});

describe("bulk recording in the browser", () => {
  it("one training for a whole cohort: P2 done for all eligible active members, the member on hold listed apart and untouched", async () => {
    // A Cakung cohort of Sari's with several active (not dormant) members who can still take P2.
    const cohort = server.sql
      .prepare(
        `SELECT c.id, c.name FROM cohorts c JOIN districts d ON d.id = c.district_id JOIN participants p ON p.cohort_id = c.id
         WHERE d.name = 'Cakung' AND c.agency_id = (SELECT agency_id FROM users WHERE email = 'mentor.cakung@pas.demo')
           AND p.status = 'active' AND p.dormant_since >= ? AND p.p1_state = 'verified' AND p.p2_state IN ('not_started', 'in_progress')
         GROUP BY c.id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get(Date.now()) as { id: number; name: string };
    // Put one eligible member on hold first (through the journey service, as a mentor would).
    const held = members(cohort.id).find(eligible)!;
    applyMove(db, { participantId: held.id, expectedVersion: held.version, event: { type: "HOLD", reason: "Sedang sakit" }, actorUserId: null });
    const before = members(cohort.id);
    // A cohort's choice selects its active members who are not dormant (nothing recorded for the dormancy days).
    const selected = new Set(
      (server.sql.prepare("SELECT id FROM participants WHERE cohort_id = ? AND status = 'active' AND dormant_since >= ?").all(cohort.id, Date.now()) as { id: number }[]).map((r) => r.id),
    );
    const expectedDone = before.filter((m) => selected.has(m.id) && eligible(m)).map((m) => m.id);
    expect(expectedDone.length).toBeGreaterThan(1);
    expect(selected.has(held.id)).toBe(false);

    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.getByRole("link", { name: "Catat massal" }).click();
    await page.getByRole("heading", { level: 1, name: "Catat massal" }).waitFor();
    await page.getByLabel("Kohort").selectOption(String(cohort.id));
    await page.getByRole("button", { name: "Pilih kohort ini" }).click();
    await page.getByText(`Kohort ${cohort.name}: ${selected.size} peserta`).waitFor();
    const apart = page.getByRole("region", { name: /^Tidak dipilih: anggota yang tidak aktif di program/ });
    await apart.locator(`a[href="/peserta/${held.id}"]`).waitFor();
    await apart.getByText("Ditunda").first().waitFor();

    await page.getByLabel("Nama atau topik pelatihan").fill("Foto produk untuk marketplace");
    await page.getByRole("radio", { name: "Keterampilan usaha (soft skill)" }).check();
    await page.getByRole("checkbox", { name: "Sesudah itu, selesaikan P2 Pelatihan bagi peserta yang buktinya sudah cukup" }).check();
    await page.getByRole("button", { name: `Catat untuk ${selected.size} peserta` }).click();
    await page.getByRole("heading", { level: 1, name: "Hasil pencatatan massal" }).waitFor();

    const after = members(cohort.id);
    for (const m of after) {
      const was = before.find((b) => b.id === m.id)!;
      expect({ id: m.id, p2: m.p2_state }).toEqual({ id: m.id, p2: expectedDone.includes(m.id) ? "done" : was.p2_state });
    }
    // The member on hold was not part of the record at all.
    expect(await page.locator(`a[href="/peserta/${held.id}"]`).count()).toBe(0);
    expect(server.sql.prepare("SELECT version FROM participants WHERE id = ?").get(held.id)).toEqual({ version: held.version + 1 });
    const doneItem = page.getByRole("listitem").filter({ has: page.locator(`a[href="/peserta/${expectedDone[0]}"]`) });
    await expect.poll(() => doneItem.innerText()).toContain("Bukti dicatat · P2 Pelatihan selesai");
    await page.getByText(`${expectedDone.length} dari ${selected.size} peserta dicatat`).waitFor();
    console.log(`cohort ${cohort.name}: ${before.length} members, ${selected.size} active selected, P2 completed for ${expectedDone.length}; ${before.length - selected.size} listed apart (incl. the one on hold)`);
    await page.context().close();
  });

  it("a selection carried from the participant list, without JavaScript", async () => {
    const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.goto(`${server.url}/peserta`);
    const boxes = page.getByRole("checkbox", { name: /^Pilih / });
    // Phones show the cards: tick the first two visible boxes.
    const visible = boxes.filter({ visible: true });
    await visible.nth(0).check();
    await visible.nth(1).check();
    await page.getByRole("button", { name: "Catat massal untuk yang dipilih" }).click();
    await page.getByText("2 peserta dipilih dari daftar").waitFor();
    expect(new URL(page.url()).searchParams.getAll("id")).toHaveLength(2);
    await page.context().close();
  });

  it("the monthly report renders and its download link gives CSV", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.getByRole("link", { name: "Laporan bulanan" }).click();
    await page.getByRole("heading", { level: 1, name: /^Laporan bulanan / }).waitFor();
    await page.getByRole("heading", { name: "Peserta yang dilayani bulan ini" }).waitFor();
    // This month includes the training just recorded: in the summary's P2 row, and in the details once opened.
    const stages = page.getByRole("table", { name: "Per tahap, bulan ini" });
    expect(Number(await stages.getByRole("row", { name: /P2 Pelatihan/ }).getByRole("cell").first().innerText())).toBeGreaterThan(0);
    await page.getByText(/^Lihat rinciannya/).first().click();
    await page.getByText("Pelatihan diikuti").first().waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Unduh CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^laporan-bulanan-\d{4}-\d{2}-pendamping-\d+\.csv$/);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text.startsWith("\uFEFFNama,Usaha,Kecamatan,Status")).toBe(true);
    expect(text).toContain("Pelatihan diikuti");
    await page.context().close();
  });

  it("the monthly report is short on a phone: the summary first, the details one tap away", async () => {
    // A busy month: a mentoring session for each of Sari's active participants who may take one, so
    // that the list folded away is long (the demo's busiest months list hundreds).
    const mentor = server.sql.prepare("SELECT id, agency_id AS agency FROM users WHERE email = 'mentor.cakung@pas.demo'").get() as { id: number; agency: number };
    const people = server.sql
      .prepare(
        `SELECT id, version FROM participants WHERE agency_id = ? AND status = 'active'
           AND district_id IN (SELECT district_id FROM mentor_districts WHERE mentor_id = ?)`,
      )
      .all(mentor.agency, mentor.id) as { id: number; version: number }[];
    const sessions = [
      { event: { type: "RECORD_EVIDENCE", stage: "mentoring", kind: "mentoring_session" }, details: { topic: "Pembukuan sederhana" } },
      { event: { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" }, details: { topic: "Foto produk", skill: "soft" } },
    ] as const;
    let recorded = 0;
    for (const person of people) {
      for (const { event, details } of sessions) {
        try {
          const evidence = { details, occurredOn: jakartaDate(), organisationId: null };
          applyMove(db, { participantId: person.id, expectedVersion: person.version, event, actorUserId: mentor.id, evidence });
          recorded++;
          break;
        } catch (error) {
          if (!(error instanceof JourneyError)) throw error;
        }
      }
    }
    expect(recorded).toBeGreaterThanOrEqual(25);
    const page = watchErrors(await newPage(browser, { viewport: { width: 360, height: 780 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.goto(`${server.url}/laporan`);
    await page.getByRole("heading", { level: 1, name: /^Laporan bulanan / }).waitFor();
    const served = page.getByRole("heading", { name: /^Peserta yang dilayani bulan ini/ });
    const listed = Number((await served.innerText()).match(/\((\d+)\)/)![1]);
    expect(listed).toBeGreaterThanOrEqual(recorded);
    const height = () => page.evaluate(() => document.documentElement.scrollHeight);
    const folded = await height();
    console.log(`/laporan at 360 px as loaded, ${listed} participants served this month: ${folded} px`);
    // The figures a coordinator reads first are on the page as it loads.
    await page.getByRole("table", { name: "Per tahap, bulan ini" }).waitFor();
    await page.getByRole("table", { name: "Per kecamatan" }).waitFor();
    expect(folded).toBeLessThan(6_000);
    // One tap shows every participant served.
    await page.getByText(`Lihat ${listed} peserta`).click();
    const rows = page.getByRole("row").filter({ has: page.getByRole("link") });
    await rows.nth(listed - 1).waitFor();
    // Rendered once: one row per participant, a card at this width (CSS alone, no second markup).
    expect(await rows.count()).toBe(listed);
    expect(await rows.first().evaluate((row) => getComputedStyle(row).display)).toBe("flex");
    const unfolded = await height();
    expect(unfolded).toBeGreaterThan(folded + listed * 50);
    console.log(`/laporan at 360 px with the list open: ${unfolded} px`);
    await page.context().close();
  });

  it("raised no script errors, CSP violations or hydration failures on the way", () => {
    expect(pageErrors).toEqual([]);
  });
});
