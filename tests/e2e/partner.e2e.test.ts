// A partner's staff at work, in the browser: Bank DKI's staff record a loan disbursement for a
// participant referred to them whose P7 is open, and the participant's mentor then sees it as P7's
// evidence, with completing P7 now allowed by the machine.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, signInWithForm, watchErrors } from "../helpers/browser";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ label: "partner-e2e" }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("partner staff in the browser", () => {
  it("records a loan disbursement that the mentor then sees as P7's evidence, and P7 can be completed", async () => {
    // A participant referred to Bank DKI for capital whose P7 is open without an approval or disbursement yet.
    const target = server.sql
      .prepare(
        `SELECT p.id, p.full_name AS name, p.district_id AS districtId, p.agency_id AS agencyId FROM referrals r
         JOIN participants p ON p.id = r.participant_id JOIN organisations o ON o.id = r.organisation_id
         WHERE o.name = 'Bank DKI' AND r.stage = 'capital' AND p.p7_state = 'in_progress' AND p.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM stage_evidence e WHERE e.participant_id = p.id AND e.kind IN ('capital_approved', 'capital_disbursed'))
         ORDER BY p.id LIMIT 1`,
      )
      .get() as { id: number; name: string; districtId: number; agencyId: number };
    expect(target).toBeDefined();
    const mentor = server.sql
      .prepare("SELECT u.email FROM users u JOIN mentor_districts md ON md.mentor_id = u.id WHERE md.district_id = ? AND u.agency_id = ? LIMIT 1")
      .get(target.districtId, target.agencyId) as { email: string };

    const partner = watchErrors(await newPage(browser, { viewport: { width: 360, height: 780 } }), pageErrors);
    await signInWithForm(partner, server.url, "mitra@pas.demo");
    expect(new URL(partner.url()).pathname).toBe("/mitra");
    await partner.getByRole("heading", { name: "Peserta yang dirujuk ke Bank DKI" }).waitFor();
    await partner.getByRole("link", { name: target.name }).first().click();
    await partner.getByRole("heading", { level: 1, name: target.name }).waitFor();
    expect(new URL(partner.url()).pathname).toBe(`/mitra/${target.id}`);
    // No phone on the partner's page.
    expect(await partner.getByText("Telepon").count()).toBe(0);

    // P7's outcome is a step of the bank's loan (the lenders' pipeline), recorded with its product,
    // amount and tenor.
    const form = partner.getByRole("form", { name: "Catat langkah pinjaman" });
    await form.getByLabel("Langkah").selectOption({ label: "Dicairkan" });
    await form.getByLabel("Produk pinjaman").fill("KUR Mikro");
    // Written as on a loan letter: the form takes it as it is.
    await form.getByLabel("Jumlah (Rp)").fill("Rp 25.000.000");
    await form.getByLabel("Tenor (bulan)").fill("24");
    await form.getByRole("button", { name: "Simpan langkah" }).click();
    await partner.getByText(/KUR Mikro · Rp\s?25\.000\.000 · tenor 24 bulan/).first().waitFor();

    const evidence = server.sql
      .prepare("SELECT kind, organisation_id AS org, details FROM stage_evidence WHERE participant_id = ? ORDER BY id DESC LIMIT 1")
      .get(target.id) as { kind: string; org: number; details: string };
    const bank = (server.sql.prepare("SELECT id FROM organisations WHERE name = 'Bank DKI'").get() as { id: number }).id;
    expect(evidence).toMatchObject({ kind: "capital_disbursed", org: bank });
    expect(JSON.parse(evidence.details)).toEqual({ lender: "Bank DKI", product: "KUR Mikro", amount: 25_000_000 });
    const referral = server.sql.prepare("SELECT outcome_evidence_id AS e FROM referrals WHERE participant_id = ? AND stage = 'capital'").get(target.id) as { e: number | null };
    expect(referral.e).not.toBeNull();

    // The mentor sees the disbursement in P7's evidence, and may now complete P7.
    const mentorPage = watchErrors(await newPage(browser, { viewport: { width: 1280, height: 900 } }), pageErrors);
    await signInWithForm(mentorPage, server.url, mentor.email);
    await mentorPage.goto(`${server.url}/peserta/${target.id}`);
    await mentorPage.getByRole("heading", { level: 1, name: target.name }).waitFor();
    await mentorPage.getByText("Modal dicairkan").first().waitFor();
    await mentorPage.getByText("Bank DKI").first().waitFor();
    const complete = mentorPage.getByRole("button", { name: "Selesaikan P7 Permodalan" });
    await complete.waitFor();
    await complete.click();
    await expect
      .poll(() => (server.sql.prepare("SELECT p7_state AS s FROM participants WHERE id = ?").get(target.id) as { s: string }).s)
      .toBe("done");
    expect(pageErrors).toEqual([]);
    console.log(`partner recorded capital_disbursed (organisation ${bank}) for participant ${target.id}; mentor ${mentor.email} completed P7`);
  });
});
