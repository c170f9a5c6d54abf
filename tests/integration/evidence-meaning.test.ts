// Evidence that means what it says, over HTTP against the real server, as a mentor would send it:
// a licence number checked by its kind, an expired licence shown as such, a mentoring session
// counted once per day, the same evidence refused the second time, a loan rejection with its reason,
// and the walk-in form spoken to the mentor, with a taken NIK pointing at the record it belongs to.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

const messages = JSON.parse(readFileSync("app/locales/id/common.json", "utf8"));
const text = (key: string): string => key.split(".").reduce((node, part) => node[part], messages);
const escapeHtml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

let server: TestServer;
let cookie: string;
let participantId: number;
let districtId: number;
const NIK = "3175074506900011";

const walkIn = (nik: string, fullName = "Rina Kartika") => ({
  fullName,
  nik,
  phone: "081311113333",
  track: "pemula",
  businessName: "Kue Rina",
  sector: "kuliner",
  districtId: String(districtId),
  businessPlan: "on",
  // The baseline P1's verification needs.
  entryTurnover: "4.000.000",
  entryCapital: "10.000.000",
  entryWorkers: "1",
  entryNib: "no",
});

beforeAll(async () => {
  server = await startServer({ label: "evidence-meaning", participants: 50 });
  cookie = await signIn(server.url, "mentor.cakung@pas.demo");
  districtId = (server.sql.prepare("SELECT id FROM districts WHERE name = 'Cakung'").get() as { id: number }).id;
  const registered = await postForm(server.url, "/peserta/baru", walkIn(NIK), { cookie });
  expect(registered.status, await registered.clone().text()).toBe(303);
  participantId = Number(registered.headers.get("location")!.split("/").pop());
  await move("VERIFY");
  for (const stage of ["training", "mentoring", "licensing", "marketing", "financial_reporting"]) await move("START", { stage });
});

afterAll(async () => {
  await server?.stop();
});

const version = () => (server.sql.prepare("SELECT version FROM participants WHERE id = ?").get(participantId) as { version: number }).version;
const evidenceCount = () => (server.sql.prepare("SELECT count(*) AS n FROM stage_evidence WHERE participant_id = ?").get(participantId) as { n: number }).n;
const post = (fields: Record<string, string>) => postForm(server.url, `/peserta/${participantId}`, { version: String(version()), ...fields }, { cookie });

async function move(event: string, extra: Record<string, string> = {}): Promise<void> {
  const response = await post({ intent: "move", formId: `move-${event}${extra.stage ? `-${extra.stage}` : ""}`, event, ...extra });
  expect(response.status).toBe(303);
}

const evidence = (stage: string, fields: Record<string, string>) => post({ intent: "evidence", formId: `evidence-${stage}`, stage, ...fields });

/** A refused post: 400, the message on the page, nothing recorded. */
async function refused(stage: string, fields: Record<string, string>, messageKey: string): Promise<void> {
  const before = evidenceCount();
  const response = await evidence(stage, fields);
  expect(response.status, `${JSON.stringify(fields)}`).toBe(400);
  expect(await response.text()).toContain(escapeHtml(text(messageKey)));
  expect(evidenceCount()).toBe(before);
}

async function accepted(stage: string, fields: Record<string, string>): Promise<void> {
  const response = await evidence(stage, fields);
  expect(response.status, `${JSON.stringify(fields)}: ${response.status}`).toBe(303);
}

const page = async () => (await get(server.url, `/peserta/${participantId}`, cookie)).text();

describe("licences", () => {
  const licence = { kind: "licence", issuer: "DPMPTSP", occurredOn: "2025-02-01" };

  it("a number is checked by its kind's published format", async () => {
    await refused("licensing", { ...licence, licenceType: "nib", licenceNumber: "abc" }, "validation.licenceNumber.nib");
    await refused("licensing", { ...licence, licenceType: "nib", licenceNumber: "912030123456" }, "validation.licenceNumber.nib");
    await refused("licensing", { ...licence, licenceType: "p_irt", licenceNumber: "12345" }, "validation.licenceNumber.p_irt");
    await refused("licensing", { ...licence, licenceType: "halal", licenceNumber: "HALAL-1" }, "validation.licenceNumber.halal");
    await refused("licensing", { ...licence, licenceType: "trademark", licenceNumber: "merek saya" }, "validation.licenceNumber.trademark");
    await refused("licensing", { ...licence, licenceType: "nib", licenceNumber: "9120301234567", expiresOn: "2025-01-01" }, "validation.expiryBeforeIssue");
    // Written as people write them: spaces, a P-IRT label, the 15 digits without their dash.
    await accepted("licensing", { ...licence, licenceType: "nib", licenceNumber: "9120 3012 34567" });
    await accepted("licensing", { ...licence, licenceType: "p_irt", licenceNumber: "P-IRT No. 206317501012326", expiresOn: "2026-01-31" });
    await accepted("licensing", { ...licence, licenceType: "hki", licenceNumber: "EC00202412345" });
    const numbers = (server.sql.prepare("SELECT details FROM stage_evidence WHERE participant_id = ? AND stage = 'licensing' ORDER BY id").all(participantId) as { details: string }[])
      .map((row) => JSON.parse(row.details).number);
    expect(numbers).toEqual(["9120301234567", "2063175010123-26", "EC00202412345"]);
  });

  it("an expired licence is shown as expired, and a number whose format is not checked says so", async () => {
    const html = await page();
    expect(html).toContain("Kedaluwarsa sejak");
    expect(html).toContain(escapeHtml(text("evidenceDetail.formatNotChecked")));
  });
});

describe("mentoring sessions count once per day", () => {
  const session = { kind: "mentoring_session", occurredOn: "2025-03-10" };

  it("a second session the same day needs a reason", async () => {
    await accepted("mentoring", { ...session, topic: "Rencana usaha" });
    await refused("mentoring", { ...session, topic: "Kemasan" }, "validation.sameDayReasonRequired");
    await accepted("mentoring", { ...session, topic: "Kemasan", sameDayReason: "Sesi pagi di kantor, sesi sore di lapak" });
    await accepted("mentoring", { ...session, occurredOn: "2025-03-11", topic: "Kemasan" });
    expect(await page()).toContain("Alasan sesi kedua hari itu: Sesi pagi di kantor, sesi sore di lapak");
  });
});

describe("the same evidence twice", () => {
  it("is refused with a clear message, so that one training is not counted twice", async () => {
    const training = { kind: "training_attended", topic: "Tata boga", skill: "hard", occurredOn: "2025-04-01" };
    await accepted("training", training);
    await refused("training", training, "validation.duplicateEvidence");
    // Written differently but the same (spaces around the topic): still the same evidence.
    await refused("training", { ...training, topic: "  Tata boga " }, "validation.duplicateEvidence");
    const html = await page();
    expect(html).toContain("Pelatihan diikuti: 1 dari 1");
    // A second, different training is more than needed, and reads so.
    await accepted("training", { ...training, topic: "Pengemasan" });
    expect(await page()).toContain("Pelatihan diikuti: 2 tercatat (perlu 1)");
  });
});

describe("a loan rejection", () => {
  it("records its reason", async () => {
    for (const stage of ["training", "mentoring", "licensing", "marketing", "financial_reporting"]) {
      if (stage === "marketing") await accepted("marketing", { kind: "marketing_channel", channel: "bazaar", occurredOn: "2025-05-01" });
      if (stage === "financial_reporting")
        await accepted("financial_reporting", { kind: "financial_report", period: "2025-05", turnover: "1000000", assets: "2000000", workers: "1", occurredOn: "2025-06-01" });
      if (stage === "mentoring") await accepted("mentoring", { kind: "mentoring_session", occurredOn: "2025-03-12", topic: "Harga" });
      await move("COMPLETE", { stage });
    }
    await move("START", { stage: "capital" });
    const rejection = { kind: "capital_rejected", lender: "Bank DKI", product: "KUR Mikro", occurredOn: "2025-07-01" };
    await refused("capital", rejection, "validation.required");
    await accepted("capital", { ...rejection, rejectionReason: "Usaha belum berjalan 6 bulan" });
    const row = server.sql.prepare("SELECT details FROM stage_evidence WHERE participant_id = ? AND kind = 'capital_rejected'").get(participantId) as { details: string };
    expect(JSON.parse(row.details)).toEqual({ lender: "Bank DKI", product: "KUR Mikro", reason: "Usaha belum berjalan 6 bulan" });
  });
});

describe("the walk-in form", () => {
  it("speaks to the mentor about the participant", async () => {
    const html = await (await get(server.url, "/peserta/baru", cookie)).text();
    for (const phrase of ["KTP Anda", "Saya sudah tinggal", "Kontak dan akun", "NIK Anda"]) expect(html).not.toContain(phrase);
    expect(html).toContain("KTP peserta");
    expect(html).toContain("Kontak peserta");
  });

  it("a taken NIK links to the record the mentor may open, else names the district office that holds it", async () => {
    const again = await postForm(server.url, "/peserta/baru", walkIn(NIK, "Rina K."), { cookie });
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(html).toContain(`href="/peserta/${participantId}"`);
    expect(html).toContain("Rina Kartika");

    // The same agency's record in a district this mentor does not serve: no link, no name, the office.
    const other = await postForm(server.url, "/peserta/baru", walkIn("3175074506900029", "Tini Lestari"), { cookie });
    const otherId = Number(other.headers.get("location")!.split("/").pop());
    const elsewhere = server.sql
      .prepare("SELECT d.id, d.name FROM districts d WHERE d.id NOT IN (SELECT district_id FROM mentor_districts WHERE mentor_id = (SELECT id FROM users WHERE email = 'mentor.cakung@pas.demo')) LIMIT 1")
      .get() as { id: number; name: string };
    server.sql.prepare("UPDATE participants SET district_id = ? WHERE id = ?").run(elsewhere.id, otherId);
    const refusedHere = await postForm(server.url, "/peserta/baru", walkIn("3175074506900029", "Tini"), { cookie });
    expect(refusedHere.status).toBe(400);
    const body = await refusedHere.text();
    expect(body).toContain(`kantor kecamatan ${elsewhere.name}`);
    expect(body).not.toContain(`href="/peserta/${otherId}"`);
    expect(body).not.toContain("Tini Lestari");
  });
});
