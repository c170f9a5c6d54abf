// Bulk recording over HTTP against the real server: refused requests change nothing (no selection,
// too many, a bad date, no topic, someone out of scope → 404), and a mixed selection is recorded
// participant by participant, each outcome said with the machine's reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { applyMove, registerParticipant } from "../../app/modules/journey/journey.server";
import type { JourneyEvent } from "../../machines/journey";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { get, signIn, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
let cookie: string;
let gambirCookie: string;
const ids: Record<string, number> = {};
let outOfScopeId: number;

type Row = { version: number; status: string; p1_state: string; p2_state: string; p3_state: string };
const row = (id: number) => server.sql.prepare("SELECT version, status, p1_state, p2_state, p3_state FROM participants WHERE id = ?").get(id) as Row;
const counts = () =>
  server.sql.prepare("SELECT (SELECT count(*) FROM stage_evidence) AS evidence, (SELECT count(*) FROM transition_log) AS log, (SELECT count(*) FROM audit_log) AS audit").get() as {
    evidence: number;
    log: number;
    audit: number;
  };

function move(id: number, event: JourneyEvent, evidence?: { details: Record<string, unknown>; occurredOn: string }) {
  applyMove(db, { participantId: id, expectedVersion: row(id).version, event, actorUserId: null, evidence });
}

const item = (id: number, version = row(id).version) => `${id}:${version}`;

/** A form post with repeated fields (the selection), as the browser sends it. */
function post(fields: [string, string][], who = cookie, path = "/massal") {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", Cookie: who },
    body: new URLSearchParams(fields),
  });
}

const training = (extra: [string, string][] = []): [string, string][] => [
  ["activity", "training"],
  ["occurredOn", jakartaDate()],
  ["topic", "Foto produk untuk marketplace"],
  ["skill", "soft"],
  ["complete", "on"],
  ...extra,
];

beforeAll(async () => {
  server = await startServer({ label: "bulk" });
  db = openDatabase(server.dbPath);
  const cakung = server.sql
    .prepare(
      "SELECT d.id AS district, u.agency_id AS agency, u.id AS mentor FROM districts d, users u WHERE d.name = 'Cakung' AND u.email = 'mentor.cakung@pas.demo'",
    )
    .get() as { district: number; agency: number; mentor: number };
  const gambir = server.sql
    .prepare("SELECT d.id AS district, u.agency_id AS agency, u.id AS mentor FROM districts d, users u WHERE d.name = 'Gambir' AND u.email = 'mentor.gambir@pas.demo'")
    .get() as { district: number; agency: number; mentor: number };
  let serial = 0;
  const register = (name: string, where = cakung) =>
    registerParticipant(
      db,
      {
        fullName: `Uji Massal ${name}`,
        nik: `31720141099${String(50000 + ++serial)}`,
        track: "pemula",
        domicileBasis: "ktp_dki",
        channel: "office",
        businessName: `Usaha ${name}`,
        sector: "kuliner",
        documentsStatement: "Rencana usaha",
        districtId: where.district,
        agencyId: where.agency,
        mentorId: where.mentor,
        entryTurnover: 5_000_000,
        entryAssets: 20_000_000,
        entryWorkers: 2,
        entryHasNib: false,
      },
      where.mentor,
    ).participantId;
  for (const name of ["ready", "unverified", "onHold", "trainingDone", "stale", "mentoring"]) ids[name] = register(name);
  for (const name of ["ready", "onHold", "trainingDone", "stale", "mentoring"]) move(ids[name]!, { type: "VERIFY" });
  move(ids.onHold!, { type: "HOLD", reason: "Sakit" });
  move(ids.trainingDone!, { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" }, { details: { topic: "Dasar", skill: "hard" }, occurredOn: "2026-01-05" });
  move(ids.trainingDone!, { type: "COMPLETE", stage: "training" });
  move(ids.mentoring!, { type: "START", stage: "mentoring" });
  outOfScopeId = register("gambir", gambir);
  cookie = await signIn(server.url, "mentor.cakung@pas.demo");
  gambirCookie = await signIn(server.url, "mentor.gambir@pas.demo");
}, 120_000);

afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

describe("bulk refusals change nothing", () => {
  it("no participants, too many, a bad date, no topic, no skill: 400 with the message; out of scope: 404", async () => {
    const before = counts();
    const versions = Object.values(ids).map((id) => row(id).version);
    const cases: { name: string; fields: [string, string][]; status: number; message?: string }[] = [
      { name: "no participants", fields: training(), status: 400, message: "Tidak ada peserta yang dipilih" },
      {
        name: "too many",
        fields: [...training(), ...Array.from({ length: 201 }, (_, i): [string, string] => ["peserta", `${900000 + i}:1`])],
        status: 400,
        message: "paling banyak 200 sekaligus",
      },
      { name: "bad date", fields: [...training([["peserta", item(ids.ready!)]]).filter(([k]) => k !== "occurredOn"), ["occurredOn", "2026-02-30"]], status: 400, message: "Masukkan tanggal yang benar." },
      { name: "future date", fields: [...training([["peserta", item(ids.ready!)]]).filter(([k]) => k !== "occurredOn"), ["occurredOn", "2999-01-01"]], status: 400, message: "Tanggal tidak boleh di masa depan." },
      { name: "missing topic", fields: [...training([["peserta", item(ids.ready!)]]).filter(([k]) => k !== "topic")], status: 400, message: "Wajib diisi." },
      { name: "missing skill", fields: [...training([["peserta", item(ids.ready!)]]).filter(([k]) => k !== "skill")], status: 400, message: "Pilih salah satu." },
      { name: "out-of-scope id", fields: training([["peserta", item(ids.ready!)], ["peserta", item(outOfScopeId)]]), status: 404 },
      { name: "malformed item", fields: training([["peserta", "abc"]]), status: 404 },
    ];
    for (const c of cases) {
      // The form posts to the page it is on, the selection in its address.
      const response = await post(c.fields, cookie, `/massal?id=${ids.ready}`);
      const body = await response.text();
      expect({ name: c.name, status: response.status }).toEqual({ name: c.name, status: c.status });
      if (c.message) expect(body, c.name).toContain(c.message);
      if (c.status === 404) expect(body, c.name).not.toContain("Uji Massal");
    }
    // What was typed is kept on a refused form.
    const kept = await (await post([...training([["peserta", item(ids.ready!)]]).filter(([k]) => k !== "skill")], cookie, `/massal?id=${ids.ready}`)).text();
    expect(kept).toContain('value="Foto produk untuk marketplace"');
    expect(counts()).toEqual(before);
    expect(Object.values(ids).map((id) => row(id).version)).toEqual(versions);
    console.log(`${cases.length + 1} refused bulk requests; evidence, log and audit rows changed: 0`);
  });

  it("the page refuses out-of-scope ids and cohorts as not found, and too many as a message", async () => {
    expect((await get(server.url, `/massal?id=${ids.ready}&id=${outOfScopeId}`, cookie)).status).toBe(404);
    expect((await get(server.url, `/massal?id=${ids.ready}`, gambirCookie)).status).toBe(404);
    const cohortElsewhere = server.sql
      .prepare("SELECT c.id FROM cohorts c JOIN districts d ON d.id = c.district_id WHERE d.name = 'Gambir' LIMIT 1")
      .get() as { id: number } | undefined;
    if (cohortElsewhere) expect((await get(server.url, `/massal?kohort=${cohortElsewhere.id}`, cookie)).status).toBe(404);
    const tooMany = await get(server.url, `/massal?${Array.from({ length: 201 }, (_, i) => `id=${i + 1}`).join("&")}`, cookie);
    expect(tooMany.status).toBe(200);
    expect(await tooMany.text()).toContain("paling banyak 200 sekaligus");
    const page = await get(server.url, `/massal?id=${ids.ready}&id=${ids.unverified}`, cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Uji Massal ready");
    expect(html).toContain(`value="${item(ids.ready!)}"`);
    for (const who of ["umkm@pas.demo", "mitra@pas.demo", "koordinator@pas.demo"]) {
      expect((await get(server.url, "/massal", await signIn(server.url, who))).status, who).toBe(404);
    }
  });
});

describe("a mixed selection", () => {
  it("records per participant and says why not for each refusal", async () => {
    const before = counts();
    const staleVersion = row(ids.stale!).version;
    move(ids.stale!, { type: "START", stage: "licensing" }); // someone else moved them after the page was shown
    const selection = ["ready", "unverified", "onHold", "trainingDone"].map((name) => ["peserta", item(ids[name]!)] as [string, string]);
    const response = await post(training([...selection, ["peserta", `${ids.stale}:${staleVersion}`]]));
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/massal\/hasil\/\d+$/);

    expect(row(ids.ready!).p2_state).toBe("done");
    expect(row(ids.unverified!)).toMatchObject({ p1_state: "submitted", p2_state: "not_started" });
    expect(row(ids.onHold!)).toMatchObject({ status: "on_hold", p2_state: "not_started" });
    expect(row(ids.trainingDone!).p2_state).toBe("done");
    expect(row(ids.stale!).p2_state).toBe("not_started");
    // One evidence row and two log entries (record, complete) for the one recorded; one extra log entry for the stale one's START.
    expect(counts()).toEqual({ evidence: before.evidence + 1, log: before.log + 3, audit: before.audit + 1 });
    const details = server.sql.prepare("SELECT details, organisation_id AS org FROM stage_evidence WHERE participant_id = ? AND kind = 'training_attended'").get(ids.ready) as { details: string };
    expect(JSON.parse(details.details)).toEqual({ topic: "Foto produk untuk marketplace", skill: "soft" });

    const html = await (await get(server.url, location, cookie)).text();
    const outcomeOf = (name: string) => {
      const start = html.indexOf(`Uji Massal ${name}`);
      expect(start, name).toBeGreaterThan(-1);
      return html.slice(start, html.indexOf("</li>", start));
    };
    expect(outcomeOf("ready")).toContain("Bukti dicatat · P2 Pelatihan selesai");
    expect(outcomeOf("unverified")).toContain("Tidak dicatat · P2 Pelatihan belum dibuka: P1 Pendaftaran harus diverifikasi dulu.");
    expect(outcomeOf("onHold")).toContain("Status peserta Ditunda: tahap tidak dapat diubah.");
    expect(outcomeOf("trainingDone")).toContain("P2 Pelatihan berstatus Selesai.");
    expect(outcomeOf("stale")).toContain("berubah setelah halaman dibuka");
    expect(html).toContain("1 dari 5 peserta dicatat");
    // Only its author may open the result.
    expect((await get(server.url, location, gambirCookie)).status).toBe(404);
    console.log("mixed bulk: 5 participants → recorded 1 (P2 done), refused 4 (unverified, on hold, already done, stale)");
  });

  it("a mentoring session: recorded, and not completed with the sessions still missing", async () => {
    const response = await post([
      ["activity", "mentoring"],
      ["occurredOn", jakartaDate()],
      ["topic", "Harga pokok produksi"],
      ["notes", "Bawa nota belanja"],
      ["complete", "on"],
      ["peserta", item(ids.mentoring!)],
    ]);
    expect(response.status).toBe(303);
    expect(row(ids.mentoring!).p3_state).toBe("in_progress");
    const details = server.sql.prepare("SELECT details FROM stage_evidence WHERE participant_id = ? AND kind = 'mentoring_session'").get(ids.mentoring) as { details: string };
    expect(JSON.parse(details.details)).toEqual({ topic: "Harga pokok produksi", notes: "Bawa nota belanja" });
    const html = await (await get(server.url, response.headers.get("location")!, cookie)).text();
    expect(html).toContain("Bukti dicatat · P3 Pendampingan belum selesai: Perlu 3 sesi pendampingan (baru 1).");
  });
});
