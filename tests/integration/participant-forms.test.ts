// Every form of the participant page, refused over HTTP against the real server: each required field
// missing, each invalid value, a tampered form, a stale version, a move the machine refuses. Each
// answer is 400 (the field's error in place) or 409 (the refusal said), and nothing changes: the
// participant row, its log and its evidence keep the same fingerprint. Between the refusals the same
// participant is walked through the forms' happy path, so that every stage's form is on the page.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

const messages = JSON.parse(readFileSync("app/locales/id/common.json", "utf8"));
/** The Bahasa Indonesia text of a message key ("validation.required" → "Wajib diisi."). */
const text = (key: string): string => key.split(".").reduce((node, part) => node[part], messages);
const escapeHtml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

let server: TestServer;
let cookie: string;
let participantId: number;
let refusals = 0;
let rowsChanged = 0;

beforeAll(async () => {
  server = await startServer({ label: "participant-forms" });
  cookie = await signIn(server.url, "mentor.cakung@pas.demo");
  // A fresh registration in Cakung, P1 submitted: the walk-in form of the mentor's district.
  const district = server.sql.prepare("SELECT id FROM districts WHERE name = 'Cakung'").get() as { id: number };
  const registered = await postForm(
    server.url,
    "/peserta/baru",
    {
      fullName: "Dewi Lestari",
      nik: "3175074506900002",
      phone: "081311112222",
      track: "naik_kelas",
      businessName: "Keripik Dewi",
      sector: "kuliner",
      districtId: String(district.id),
      developmentPlan: "on",
      ownershipProof: "on",
      // The baseline P1's verification needs.
      entryTurnover: "12.000.000",
      entryCapital: "30.000.000",
      entryWorkers: "3",
      entryNib: "no",
    },
    { cookie },
  );
  expect(registered.status, await registered.clone().text()).toBe(303);
  participantId = Number(registered.headers.get("location")!.split("/").pop());
  expect(participantId).toBeGreaterThan(0);
});

afterAll(async () => {
  console.log(`participant forms: ${refusals} refusals checked, rows changed: ${rowsChanged}`);
  await server?.stop();
});

/** Everything a refused post must leave as it was. */
function fingerprint(): string {
  const row = server.sql.prepare("SELECT * FROM participants WHERE id = ?").get(participantId);
  const log = server.sql.prepare("SELECT count(*) AS n, max(id) AS last FROM transition_log WHERE participant_id = ?").get(participantId);
  const evidence = server.sql.prepare("SELECT count(*) AS n, max(id) AS last FROM stage_evidence WHERE participant_id = ?").get(participantId);
  const totals = server.sql.prepare("SELECT (SELECT count(*) FROM transition_log) AS log, (SELECT count(*) FROM stage_evidence) AS evidence").get();
  return JSON.stringify({ row, log, evidence, totals });
}

const version = () => (server.sql.prepare("SELECT version FROM participants WHERE id = ?").get(participantId) as { version: number }).version;
const path = () => `/peserta/${participantId}`;

/** A valid post: answered with 303 back to the page. */
async function accept(fields: Record<string, string>): Promise<void> {
  const response = await postForm(server.url, path(), { version: String(version()), ...fields }, { cookie });
  expect(response.status, `${JSON.stringify(fields)}: ${response.status}`).toBe(303);
}

const move = (event: string, extra: Record<string, string> = {}) =>
  accept({ intent: "move", formId: `move-${event}${extra.stage ? `-${extra.stage}` : ""}`, event, ...extra });

type Refusal = {
  name: string;
  fields: Record<string, string>;
  status: 400 | 409;
  /**
   * The element (by id) that must show the message, and the message key; "alert" for the page's
   * alert, which says a refusal of a move the page does not offer (a tampered or outdated page).
   */
  shown: [elementId: string, key: string];
};

/** Posts a form that must be refused, and checks the answer, the message in place and that nothing changed. */
async function refuse(refusal: Refusal): Promise<void> {
  const before = fingerprint();
  const fields = { version: String(version()), ...refusal.fields };
  const response = await postForm(server.url, path(), fields, { cookie });
  const html = await response.text();
  expect(response.status, refusal.name).toBe(refusal.status);
  const [elementId, key] = refusal.shown;
  const element =
    elementId === "alert" ? /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html) : new RegExp(`id="${elementId}"[^>]*>([^<]*)<`).exec(html);
  expect(element?.[1], `${refusal.name}: #${elementId}`).toContain(escapeHtml(text(key)));
  const after = fingerprint();
  if (after !== before) rowsChanged++;
  expect(after, refusal.name).toBe(before);
  refusals++;
}

const long = (n: number) => "x".repeat(n);
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());

/** Refusals of one evidence form: each listed field replaced (or removed, when undefined) in a valid post. */
function evidenceRefusals(stage: string, valid: Record<string, string>, cases: [string, Record<string, string | undefined>, string, string][]): Refusal[] {
  const formId = `evidence-${stage}`;
  return cases.map(([name, change, field, key]) => {
    const fields: Record<string, string> = { intent: "evidence", formId, stage, occurredOn: today, ...valid };
    for (const [k, v] of Object.entries(change)) {
      if (v === undefined) delete fields[k];
      else fields[k] = v;
    }
    const status = key.startsWith("refusal.") ? 409 : 400;
    return { name: `${stage}: ${name}`, fields, status, shown: [field ? `${formId}-${field}-error` : `${formId}-error`, key] };
  });
}

/** The date field's refusals, the same on every evidence form. */
const dateCases: [string, Record<string, string | undefined>, string, string][] = [
  ["date missing", { occurredOn: undefined }, "occurredOn", "validation.required"],
  ["date not a date", { occurredOn: "kemarin" }, "occurredOn", "validation.dateInvalid"],
  ["date 30 February", { occurredOn: "2026-02-30" }, "occurredOn", "validation.dateInvalid"],
  ["date in the future", { occurredOn: "2999-01-01" }, "occurredOn", "validation.dateInFuture"],
];

describe("the participant page's forms refuse bad input and change nothing", () => {
  it("P1: reject needs a reason; a stale version, an unknown event and a missing version are refused", async () => {
    const p1: Refusal[] = [
      { name: "reject without reason", fields: { intent: "move", formId: "move-REJECT", event: "REJECT", reason: "  " }, status: 400, shown: ["move-REJECT-reason-error", "validation.reasonRequired"] },
      { name: "reason too long", fields: { intent: "move", formId: "move-REJECT", event: "REJECT", reason: long(501) }, status: 400, shown: ["move-REJECT-reason-error", "validation.tooLong"] },
      { name: "hold without reason", fields: { intent: "move", formId: "move-HOLD", event: "HOLD" }, status: 400, shown: ["move-HOLD-reason-error", "validation.reasonRequired"] },
      { name: "withdraw without reason", fields: { intent: "move", formId: "move-WITHDRAW", event: "WITHDRAW" }, status: 400, shown: ["move-WITHDRAW-reason-error", "validation.reasonRequired"] },
      { name: "stale version", fields: { intent: "move", formId: "move-VERIFY", event: "VERIFY", version: String(version() - 1) }, status: 409, shown: ["move-VERIFY-error", "refusal.stale-version"] },
      { name: "start P2 before P1 is verified", fields: { intent: "move", formId: "move-VERIFY", event: "START", stage: "training" }, status: 409, shown: ["move-VERIFY-error", "refusal.not-allowed"] },
      { name: "resume an active participant", fields: { intent: "move", formId: "move-VERIFY", event: "RESUME" }, status: 409, shown: ["move-VERIFY-error", "refusal.not-allowed"] },
    ];
    for (const r of p1) await refuse(r);
    // Tampered forms: no page form carries these, so the answer is checked without an element.
    const tampered: Record<string, string>[] = [
      { intent: "move", formId: "x", event: "DESTROY" },
      { intent: "move", formId: "x", event: "VERIFY", version: "abc" },
      { intent: "evidence", formId: "x", stage: "registration", kind: "documents", occurredOn: today },
    ];
    for (const fields of tampered) {
      const before = fingerprint();
      const response = await postForm(server.url, path(), { version: String(version()), ...fields }, { cookie });
      expect(response.status).toBe(400);
      expect(fingerprint()).toBe(before);
      refusals++;
    }
    await move("VERIFY");
    for (const stage of ["training", "mentoring", "licensing", "marketing", "financial_reporting"]) await move("START", { stage });
  });

  it("P2–P6: each required field missing, each invalid value, a wrong kind, a machine refusal", async () => {
    const partner = server.sql
      .prepare("SELECT o.id FROM stage_partners sp JOIN organisations o ON o.id = sp.organisation_id WHERE sp.stage = 'training' LIMIT 1")
      .get() as { id: number };
    const capitalOnly = server.sql
      .prepare("SELECT o.id FROM organisations o WHERE o.id NOT IN (SELECT organisation_id FROM stage_partners WHERE stage = 'training') LIMIT 1")
      .get() as { id: number };
    const all: Refusal[] = [
      ...evidenceRefusals("training", { kind: "training_attended", topic: "Tata boga", skill: "hard", organisationId: String(partner.id) }, [
        ...dateCases,
        ["topic missing", { topic: undefined }, "topic", "validation.required"],
        ["topic blank", { topic: "   " }, "topic", "validation.required"],
        ["topic too long", { topic: long(201) }, "topic", "validation.tooLong"],
        ["skill missing", { skill: undefined }, "skill", "validation.choose"],
        ["skill unknown", { skill: "medium" }, "skill", "validation.choose"],
        ["partner not a number", { organisationId: "abc" }, "organisationId", "validation.choose"],
        ["partner not attached to P2", { organisationId: String(capitalOnly.id) }, "organisationId", "validation.choose"],
        ["partner unknown", { organisationId: "999999" }, "organisationId", "validation.choose"],
        ["kind of another stage", { kind: "licence" }, "", "validation.choose"],
      ]),
      ...evidenceRefusals("mentoring", { kind: "mentoring_session", topic: "Harga pokok produksi" }, [
        ...dateCases,
        ["topic missing", { topic: undefined }, "topic", "validation.required"],
        ["notes too long", { notes: long(1001) }, "notes", "validation.tooLong"],
        ["kind of another stage", { kind: "training_attended" }, "", "validation.choose"],
      ]),
      ...evidenceRefusals("licensing", { kind: "licence", licenceType: "p_irt", licenceNumber: "2063175010123-26", issuer: "Dinas Kesehatan" }, [
        ...dateCases,
        ["type missing", { licenceType: undefined }, "licenceType", "validation.choose"],
        ["type unknown", { licenceType: "other" }, "licenceType", "validation.choose"],
        ["number missing", { licenceNumber: undefined }, "licenceNumber", "validation.required"],
        ["number too long", { licenceNumber: long(101) }, "licenceNumber", "validation.tooLong"],
        ["issuer missing", { issuer: "" }, "issuer", "validation.required"],
        ["issuer too long", { issuer: long(201) }, "issuer", "validation.tooLong"],
      ]),
      ...evidenceRefusals("marketing", { kind: "marketing_channel", channel: "bazaar", channelName: "Bazar Cakung" }, [
        ...dateCases,
        ["channel missing", { channel: undefined }, "channel", "validation.choose"],
        ["channel unknown", { channel: "social_media" }, "channel", "validation.choose"],
        ["name too long", { channelName: long(201) }, "channelName", "validation.tooLong"],
      ]),
      ...evidenceRefusals("financial_reporting", { kind: "financial_report", period: "2026-01", turnover: "12500000", assets: "40000000", workers: "3" }, [
        ...dateCases,
        ["period missing", { period: undefined }, "period", "validation.required"],
        ["period month 13", { period: "2026-13" }, "period", "validation.periodInvalid"],
        ["period not a month", { period: "Januari" }, "period", "validation.periodInvalid"],
        ["period in the future", { period: "2999-01" }, "period", "validation.periodInFuture"],
        ["turnover missing", { turnover: undefined }, "turnover", "validation.required"],
        ["turnover negative", { turnover: "-5" }, "turnover", "validation.amountInvalid"],
        ["turnover with cents", { turnover: "12.500.000,50" }, "turnover", "validation.amountCents"],
        ["turnover huge", { turnover: "1000000000001" }, "turnover", "validation.amountTooLarge"],
        ["assets missing", { assets: undefined }, "assets", "validation.required"],
        ["assets not a number", { assets: "banyak" }, "assets", "validation.amountInvalid"],
        ["workers missing", { workers: undefined }, "workers", "validation.required"],
        ["workers fractional", { workers: "2.5" }, "workers", "validation.workersInvalid"],
        ["workers negative", { workers: "-1" }, "workers", "validation.workersInvalid"],
        ["workers huge", { workers: "100001" }, "workers", "validation.workersInvalid"],
      ]),
      // Moves on stages in progress: the reason is required, and the machine refuses what it must.
      { name: "waive without reason", fields: { intent: "move", formId: "move-WAIVE-training", event: "WAIVE", stage: "training" }, status: 400, shown: ["move-WAIVE-training-reason-error", "validation.reasonRequired"] },
      { name: "waive reason too long", fields: { intent: "move", formId: "move-WAIVE-training", event: "WAIVE", stage: "training", reason: long(501) }, status: 400, shown: ["move-WAIVE-training-reason-error", "validation.tooLong"] },
      { name: "unknown stage", fields: { intent: "move", formId: "move-WAIVE-training", event: "WAIVE", stage: "p8", reason: "x" }, status: 400, shown: ["move-WAIVE-training-error", "validation.choose"] },
      { name: "waive P1", fields: { intent: "move", formId: "move-WAIVE-training", event: "WAIVE", stage: "registration", reason: "x" }, status: 409, shown: ["move-WAIVE-training-error", "refusal.not-allowed"] },
      { name: "complete P2 without evidence", fields: { intent: "move", formId: "move-COMPLETE-training", event: "COMPLETE", stage: "training" }, status: 409, shown: ["alert", "refusal.not-allowed"] },
      { name: "capital evidence before P7 may open", fields: { intent: "evidence", formId: "evidence-training", stage: "capital", kind: "capital_applied", lender: "Bank DKI", product: "KUR", occurredOn: today }, status: 409, shown: ["evidence-training-error", "refusal.not-allowed"] },
    ];
    for (const r of all) await refuse(r);
  });

  it("the happy path through the same forms records what the contract says, then P7 refuses bad outcomes", async () => {
    const partner = server.sql
      .prepare("SELECT o.id, o.name FROM stage_partners sp JOIN organisations o ON o.id = sp.organisation_id WHERE sp.stage = 'training' LIMIT 1")
      .get() as { id: number; name: string };
    const record = (stage: string, fields: Record<string, string>) =>
      accept({ intent: "evidence", formId: `evidence-${stage}`, stage, occurredOn: today, ...fields });
    await record("training", { kind: "training_attended", topic: "Tata boga", skill: "hard", organisationId: String(partner.id) });
    // One session a day: sessions count once per day (a second the same day needs a reason).
    for (const [i, topic] of ["Rencana usaha", "Kemasan", "Harga pokok produksi"].entries()) {
      await record("mentoring", { kind: "mentoring_session", topic, notes: "Lanjut minggu depan", occurredOn: `2026-01-0${i + 1}` });
    }
    await record("licensing", { kind: "licence", licenceType: "p_irt", licenceNumber: "2063175010123-26", issuer: "Dinas Kesehatan" });
    await record("marketing", { kind: "marketing_channel", channel: "bazaar" });
    // Money as people write it: with thousands dots, with "Rp" in front.
    await record("financial_reporting", { kind: "financial_report", period: today.slice(0, 7), turnover: "12.500.000", assets: "Rp 40.000.000", workers: "3" });
    for (const stage of ["training", "mentoring", "licensing", "marketing", "financial_reporting"]) await move("COMPLETE", { stage });
    // Done stages may be sent back, with a reason.
    await refuse({ name: "send back without reason", fields: { intent: "move", formId: "move-SEND_BACK-training", event: "SEND_BACK", stage: "training" }, status: 400, shown: ["move-SEND_BACK-training-reason-error", "validation.reasonRequired"] });
    await move("START", { stage: "capital" });

    const details = server.sql
      .prepare("SELECT stage, details, organisation_id AS org FROM stage_evidence WHERE participant_id = ? AND stage IN ('training', 'financial_reporting') ORDER BY id")
      .all(participantId) as { stage: string; details: string; org: number | null }[];
    expect(details.map((d) => ({ ...d, details: JSON.parse(d.details) }))).toEqual([
      { stage: "training", org: partner.id, details: { topic: "Tata boga", skill: "hard", organisationId: partner.id, partnerName: partner.name } },
      { stage: "financial_reporting", org: null, details: { period: today.slice(0, 7), turnover: 12_500_000, assets: 40_000_000, workers: 3 } },
    ]);

    const valid = { kind: "capital_disbursed", lender: "Bank DKI", product: "KUR Mikro", amount: "25000000" };
    const all: Refusal[] = [
      ...evidenceRefusals("capital", valid, [
        ...dateCases,
        ["lender missing", { lender: undefined }, "lender", "validation.required"],
        ["lender too long", { lender: long(201) }, "lender", "validation.tooLong"],
        ["product missing", { product: "" }, "product", "validation.required"],
        ["amount missing once disbursed", { amount: undefined }, "amount", "validation.required"],
        ["amount negative", { amount: "-25000000" }, "amount", "validation.amountInvalid"],
        ["amount huge", { amount: "99999999999999" }, "amount", "validation.amountTooLarge"],
        ["amount not a number", { amount: "25 juta" }, "amount", "validation.amountInvalid"],
        ["outcome unknown", { kind: "capital_maybe" }, "kind", "validation.choose"],
        ["outcome of another stage", { kind: "licence" }, "kind", "validation.choose"],
      ]),
      { name: "complete P7 without an approved or disbursed loan", fields: { intent: "move", formId: "move-COMPLETE-capital", event: "COMPLETE", stage: "capital" }, status: 409, shown: ["alert", "requirement.evidence.capital_approved"] },
      { name: "send back P2 once P7 has started", fields: { intent: "move", formId: "move-SEND_BACK-training", event: "SEND_BACK", stage: "training", reason: "Ulang" }, status: 409, shown: ["alert", "requirement.capital-not-started"] },
    ];
    for (const r of all) await refuse(r);

    await record("capital", valid);
    await move("COMPLETE", { stage: "capital" });
    expect(server.sql.prepare("SELECT status FROM participants WHERE id = ?").get(participantId)).toEqual({ status: "graduated" });
    const page = await get(server.url, path(), cookie);
    expect(await page.text()).toContain("Pemberi modal: Bank DKI");
  });

  it("no refused post changed a row", () => {
    // Every case above was posted and refused (a case skipped by mistake would show here).
    expect(refusals).toBe(87);
    expect(rowsChanged).toBe(0);
  });
});
