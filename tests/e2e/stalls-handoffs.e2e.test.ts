// The mentors' workspace in the browser: Sari flags a stalled participant as waiting on the bank with
// a follow-up date and sees it on the page and in her list; she hands the participant to Gambir's
// mentor, after which Yusuf sees them and Sari gets 404.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../app/modules/stall-notes/stall-notes";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let target: { id: number; name: string };
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "e2e-workspace" }), launchBrowser()]);
  const row = server.sql
    .prepare(
      `SELECT p.id, p.full_name AS name FROM participants p JOIN districts d ON d.id = p.district_id JOIN agencies a ON a.id = p.agency_id
       WHERE d.name = 'Cakung' AND a.code = 'PPKUKM' AND p.user_id IS NULL AND p.status = 'active'
       AND p.id NOT IN (SELECT participant_id FROM stall_notes) ORDER BY p.id LIMIT 1`,
    )
    .get() as { id: number; name: string };
  // Arrange a stall that the rule holds whatever the seed made: nothing recorded for 100 days, and a
  // name that appears once, to find the row by.
  target = { id: row.id, name: `Rini Uji Hambatan ${row.id}` };
  server.sql.prepare("UPDATE participants SET last_activity_at = ?, full_name = ? WHERE id = ?").run(Date.now() - 100 * 86_400_000, target.name, target.id);
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await server?.stop();
});

describe("stall notes and handoffs in the browser", () => {
  it("a mentor records that a stalled participant waits on the bank, and sees it on the page and in the list", async () => {
    const page = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(page, server.url, "mentor.cakung@pas.demo");
    await page.goto(`${server.url}/peserta/${target.id}`);
    await page.getByText("Peserta ini macet").waitFor();
    await page.getByRole("link", { name: "Catat hambatan" }).click();
    await page.getByRole("heading", { level: 1, name: "Catat hambatan" }).waitFor();

    const followUp = addDays(jakartaDate(), 3)!;
    await page.getByRole("radio", { name: "Bank" }).check();
    await page.getByLabel("Tanggal tindak lanjut").fill(followUp);
    await page.getByLabel("Catatan (boleh kosong)").fill("Menunggu keputusan kredit Bank DKI");
    await page.getByRole("button", { name: "Simpan catatan" }).click();

    await page.getByRole("heading", { level: 1, name: target.name }).waitFor();
    const note = page.getByRole("group", { name: "Catatan hambatan" });
    await note.getByText(/^Menunggu Bank · tindak lanjut/).waitFor();
    await note.getByText("Menunggu keputusan kredit Bank DKI").waitFor();
    expect(server.sql.prepare("SELECT waits_on, follow_up_on FROM stall_notes WHERE participant_id = ? AND cleared_at IS NULL").all(target.id)).toEqual([
      { waits_on: "bank", follow_up_on: followUp },
    ]);

    // The list, narrowed with the "waits on" filter.
    await page.goto(`${server.url}/peserta`);
    await page.getByText("Saring daftar", { exact: true }).click();
    await page.getByLabel("Menunggu", { exact: true }).selectOption("bank");
    await page.getByRole("button", { name: "Terapkan filter" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("waitsOn")).toBe("bank");
    const row = page.getByRole("row").filter({ hasText: target.name });
    await row.getByText(/^Menunggu Bank ·/).waitFor();
    await page.context().close();
  });

  it("hands the participant to Gambir's mentor: Sari lands on her list and gets 404, Yusuf sees them", async () => {
    const sari = watchErrors(await newPage(browser, { viewport: { width: 360, height: 800 } }), pageErrors);
    await signInWithForm(sari, server.url, "mentor.cakung@pas.demo");
    await sari.goto(`${server.url}/peserta/${target.id}`);
    await sari.getByRole("link", { name: "Alihkan peserta" }).click();
    await sari.getByRole("heading", { level: 1, name: "Alihkan peserta" }).waitFor();

    // Choosing the district lists its mentors (with JavaScript at once; the button does it without).
    await sari.getByLabel("Kecamatan").selectOption({ label: "Gambir" });
    await sari.getByRole("heading", { name: /Gambir$/ }).waitFor();
    await sari.getByLabel("Pendamping", { exact: true }).selectOption({ label: "Yusuf Maulana" });
    await sari.getByLabel("Alasan").fill("Pindah tempat usaha ke Gambir");
    await sari.getByRole("button", { name: "Alihkan", exact: true }).click();

    await expect.poll(() => new URL(sari.url()).pathname).toBe("/peserta");
    await sari.getByText("Peserta telah dialihkan.").waitFor();
    const gone = await sari.goto(`${server.url}/peserta/${target.id}`);
    expect(gone?.status()).toBe(404);
    expect(await sari.content()).not.toContain(target.name);
    // The 404 page's own console message about the failed load is expected; nothing else.
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !e.includes("404")));
    await sari.context().close();

    const yusuf = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(yusuf, server.url, "mentor.gambir@pas.demo");
    const seen = await yusuf.goto(`${server.url}/peserta/${target.id}`);
    expect(seen?.status()).toBe(200);
    const history = yusuf.getByRole("region", { name: "Riwayat pengalihan" });
    await history.getByText("Dari Sari Wulandari (Cakung) ke Yusuf Maulana (Gambir)").waitFor();
    await history.getByText("Alasan: Pindah tempat usaha ke Gambir").waitFor();
    // The stall note moved with them.
    await yusuf.getByRole("group", { name: "Catatan hambatan" }).getByText(/^Menunggu Bank/).waitFor();
    expect(server.sql.prepare("SELECT mentor_id = (SELECT id FROM users WHERE email = 'mentor.gambir@pas.demo') AS yusuf FROM participants WHERE id = ?").get(target.id)).toEqual({ yusuf: 1 });
    await yusuf.context().close();
  });
});
