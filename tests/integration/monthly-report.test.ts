// The mentor's monthly report: its figures equal direct SQL counts (a hand-made history and the demo
// seed, two months each), months end at midnight Jakarta time, the CSV has the page's rows and no
// NIK, and only the mentor and coordinators over the mentor's districts may open it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import * as t from "../../db/schema";
import { applyMove } from "../../app/modules/journey/journey.server";
import type { SessionUser } from "../../app/modules/auth/session.server";
import { monthBounds, shiftMonth, currentMonth } from "../../app/modules/reports/month";
import { monthlyReport, reportForRequest, reportMentorFor, type MonthlyReport } from "../../app/modules/reports/monthly.server";
import { csvCell, csvFile } from "../../app/modules/transfer/csv";
import { freshDatabase } from "../helpers/db";
import { get, signIn, startServer, type TestServer } from "../helpers/server";

/** Epoch ms of a wall-clock time in Jakarta (UTC+7). */
const jakarta = (y: number, m: number, d: number, h = 10, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);

/** The report's figures recounted with plain SQL written here, independently of monthly.server.ts. */
function sqlFigures(sqlite: Db["$client"], mentorId: number, month: string) {
  const { start, end } = monthBounds(month);
  const mentor = sqlite.prepare("SELECT agency_id AS agencyId FROM users WHERE id = ?").get(mentorId) as { agencyId: number };
  const scope = `SELECT id FROM participants WHERE agency_id = ${mentor.agencyId}
                 AND district_id IN (SELECT district_id FROM mentor_districts WHERE mentor_id = ${mentorId})`;
  const one = (query: string) => {
    const params = (query.match(/\?/g) ?? []).map((_, i) => (i % 2 === 0 ? start : end));
    return (sqlite.prepare(query).get(...params) as { n: number }).n;
  };
  const log = `FROM transition_log WHERE actor_user_id = ${mentorId} AND at >= ? AND at < ? AND participant_id IN (${scope})`;
  const evidence = `FROM stage_evidence WHERE recorded_by = ${mentorId} AND recorded_at >= ? AND recorded_at < ?
                    AND status = 'recorded' AND participant_id IN (${scope})`;
  const reports = sqlite
    .prepare(
      `SELECT participant_id AS pid, json_extract(details, '$.period') AS period, json_extract(details, '$.turnover') AS turnover,
              occurred_on AS occurredOn, id FROM stage_evidence
       WHERE kind = 'financial_report' AND status = 'recorded' AND participant_id IN (${scope})`,
    )
    .all() as { pid: number; period: string; turnover: number; occurredOn: string; id: number }[];
  const latest = new Map<number, (typeof reports)[number]>();
  for (const r of reports.filter((r) => r.period <= month)) {
    const best = latest.get(r.pid);
    const later = !best || [r.period, r.occurredOn, String(r.id).padStart(12, "0")].join() > [best.period, best.occurredOn, String(best.id).padStart(12, "0")].join();
    if (later) latest.set(r.pid, r);
  }
  const latestValues = [...latest.values()].map((r) => r.turnover).sort((a, b) => a - b);
  const period = reports.filter((r) => r.period === month);
  return {
    caseload: (sqlite.prepare(`SELECT count(*) AS n FROM (${scope})`).get() as { n: number }).n,
    served: one(`SELECT count(*) AS n FROM (SELECT participant_id ${log} UNION SELECT participant_id ${evidence})`),
    evidenceTotal: one(`SELECT count(*) AS n ${evidence}`),
    movesTotal: one(`SELECT count(*) AS n ${log} AND event_type <> 'RECORD_EVIDENCE'`),
    graduations: one(
      `SELECT count(*) AS n FROM transition_log WHERE event_type = 'COMPLETE' AND stage = 'capital' AND at >= ? AND at < ? AND participant_id IN (${scope})`,
    ),
    reporting: latestValues.length,
    latestSum: latestValues.reduce((a, b) => a + b, 0),
    periodReports: period.length,
    periodSum: period.reduce((a, r) => a + r.turnover, 0),
  };
}

function figuresOf(report: MonthlyReport) {
  return {
    caseload: report.caseload,
    served: report.served,
    evidenceTotal: report.evidenceTotal,
    movesTotal: report.movesTotal,
    graduations: report.graduations,
    reporting: report.turnover.reporting,
    latestSum: report.turnover.latestSum,
    periodReports: report.turnover.periodReports,
    periodSum: report.turnover.periodSum,
  };
}

describe("a hand-made month of work", () => {
  const fx = freshDatabase("monthly-report");
  const { db, mentor } = fx;
  let inScope: number[] = [];
  let outOfScope: number;

  const version = (id: number) => db.select({ v: t.participants.version }).from(t.participants).where(eq(t.participants.id, id)).get()!.v;
  const move = (id: number, event: Parameters<typeof applyMove>[1]["event"], at: number, evidence?: Parameters<typeof applyMove>[1]["evidence"]) =>
    applyMove(db, { participantId: id, expectedVersion: version(id), event, actorUserId: mentor.id, at, evidence });
  const report = (id: number, period: string, turnover: number, at: number) =>
    move(id, { type: "RECORD_EVIDENCE", stage: "financial_reporting", kind: "financial_report" }, at, {
      details: { period, turnover, assets: 1_000_000, workers: 2 },
      occurredOn: new Date(at + 7 * 3600_000).toISOString().slice(0, 10),
    });

  beforeAll(() => {
    db.insert(t.mentorDistricts).values({ mentorId: mentor.id, districtId: fx.district.id }).run();
    inScope = [1, 2, 3, 4].map(() => fx.register({}, jakarta(2026, 1, 10)).participantId);
    outOfScope = fx.register({ districtId: fx.otherDistrict.id }, jakarta(2026, 1, 10)).participantId;
    const [a, b, c] = inScope as [number, number, number];
    // February: verify two, a training for one, on the last evening of the month (23:30 Jakarta time).
    move(a, { type: "VERIFY" }, jakarta(2026, 2, 3));
    move(b, { type: "VERIFY" }, jakarta(2026, 2, 4));
    move(a, { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" }, jakarta(2026, 2, 28, 23, 30), {
      details: { topic: "Pemasaran digital", skill: "soft" },
      occurredOn: "2026-02-28",
    });
    report(a, "2026-01", 10_000_000, jakarta(2026, 2, 10));
    report(b, "2026-02", 30_000_000, jakarta(2026, 2, 20));
    // March: 00:10 Jakarta time on the 1st is still 28 February in UTC; it belongs to March.
    move(a, { type: "COMPLETE", stage: "training" }, jakarta(2026, 3, 1, 0, 10));
    report(a, "2026-03", 50_000_000, jakarta(2026, 3, 5));
    move(c, { type: "HOLD", reason: "Sakit" }, jakarta(2026, 3, 8));
    // A graduation in March: d walks through P2–P6 and completes P7 with an approved loan.
    const d = inScope[3]!;
    move(d, { type: "VERIFY" }, jakarta(2026, 2, 2));
    const middle = [
      ["training", "training_attended", { topic: "Dasar", skill: "hard" }],
      ["mentoring", "mentoring_session", { topic: "Rencana" }],
      ["mentoring", "mentoring_session", { topic: "Harga" }],
      ["mentoring", "mentoring_session", { topic: "Kemasan" }],
      ["licensing", "licence", { type: "nib", number: "123", issuer: "DPMPTSP" }],
      ["marketing", "marketing_channel", { channel: "bazaar" }],
      ["financial_reporting", "financial_report", { period: "2026-02", turnover: 20_000_000, assets: 1, workers: 1 }],
    ] as const;
    for (const [stage, kind, details] of middle) {
      move(d, { type: "RECORD_EVIDENCE", stage, kind }, jakarta(2026, 2, 15), { details, occurredOn: "2026-02-15" });
    }
    for (const stage of ["training", "mentoring", "licensing", "marketing", "financial_reporting"] as const) move(d, { type: "COMPLETE", stage }, jakarta(2026, 2, 16));
    move(d, { type: "RECORD_EVIDENCE", stage: "capital", kind: "capital_approved" }, jakarta(2026, 3, 20), {
      details: { lender: "Bank DKI", product: "KUR", amount: 10_000_000 },
      occurredOn: "2026-03-20",
    });
    move(d, { type: "COMPLETE", stage: "capital" }, jakarta(2026, 3, 21));
    // Out of scope: the mentor's own move on a participant of a district not theirs is not in their report.
    move(outOfScope, { type: "VERIFY" }, jakarta(2026, 3, 2));
  });
  afterAll(() => fx.close());

  it("February and March figures equal direct SQL counts, and name what was done", () => {
    const viewer = { id: mentor.id, role: "mentor", name: "Mentor", email: "m@test", cityId: null, agencyId: fx.agency.id, organisationId: null } as SessionUser;
    const who = reportMentorFor(db, viewer, null)!;
    const feb = monthlyReport(db, who, "2026-02");
    const mar = monthlyReport(db, who, "2026-03");
    expect(figuresOf(feb)).toEqual(sqlFigures(db.$client, mentor.id, "2026-02"));
    expect(figuresOf(mar)).toEqual(sqlFigures(db.$client, mentor.id, "2026-03"));
    console.log("hand-made", { feb: figuresOf(feb), mar: figuresOf(mar) });

    const [a, b] = inScope as [number, number];
    expect(feb).toMatchObject({ caseload: 4, served: 3, movesTotal: 8, evidenceTotal: 10, graduations: 0 });
    expect(feb.movesByType).toEqual([
      { type: "COMPLETE", count: 5 },
      { type: "VERIFY", count: 3 },
    ]);
    expect(feb.evidenceByKind.map((e) => [e.kind, e.count])).toEqual([
      ["training_attended", 2],
      ["mentoring_session", 3],
      ["licence", 1],
      ["marketing_channel", 1],
      ["financial_report", 3],
    ]);
    // The summary a coordinator reads first: each stage's work (VERIFY closes P1), each district's people.
    expect(feb.byStage.map((s) => [s.stage, s.evidence, s.finished])).toEqual([
      ["registration", 0, 3],
      ["training", 2, 1],
      ["mentoring", 3, 1],
      ["licensing", 1, 1],
      ["marketing", 1, 1],
      ["financial_reporting", 3, 1],
      ["capital", 0, 0],
    ]);
    expect(feb.byDistrict).toEqual([{ name: "Cakung", caseload: 4, served: 3 }]);
    expect(mar.byStage.find((s) => s.stage === "capital")).toEqual({ stage: "capital", evidence: 1, finished: 1 });
    // Latest report per participant up to February: a's January (10 M), b's and d's February (30 M, 20 M).
    expect(feb.turnover).toEqual({ reporting: 3, latestSum: 60_000_000, latestMedian: 20_000_000, periodReports: 2, periodSum: 50_000_000 });
    // March: a's March report (50 M) replaces January's.
    expect(mar.turnover).toEqual({ reporting: 3, latestSum: 100_000_000, latestMedian: 30_000_000, periodReports: 1, periodSum: 50_000_000 });
    expect(mar).toMatchObject({ caseload: 4, served: 3, graduations: 1 });
    expect(mar.movesByType).toEqual([
      { type: "COMPLETE", count: 2 },
      { type: "HOLD", count: 1 },
    ]);
    expect(mar.participants.map((p) => p.id)).not.toContain(outOfScope);
    const rowA = mar.participants.find((p) => p.id === a)!;
    expect(rowA.moves).toEqual([{ type: "COMPLETE", stage: "training", count: 1 }]);
    expect(rowA.latestTurnover).toBe(50_000_000);
    expect(feb.participants.find((p) => p.id === b)!.evidence).toEqual([{ kind: "financial_report", count: 1 }]);
  });

  it("a move at 23:30 Jakarta time on the last day of a month counts in that month, one at 00:10 in the next", () => {
    const { start, end } = monthBounds("2026-02");
    expect(new Date(start).toISOString()).toBe("2026-01-31T17:00:00.000Z");
    expect(new Date(end).toISOString()).toBe("2026-02-28T17:00:00.000Z");
    const viewer = { id: mentor.id, role: "mentor", name: "Mentor", email: "m@test", cityId: null, agencyId: fx.agency.id, organisationId: null } as SessionUser;
    const who = reportMentorFor(db, viewer, null)!;
    const a = inScope[0]!;
    const feb = monthlyReport(db, who, "2026-02").participants.find((p) => p.id === a)!;
    const mar = monthlyReport(db, who, "2026-03").participants.find((p) => p.id === a)!;
    expect(feb.evidence).toContainEqual({ kind: "training_attended", count: 1 });
    expect(mar.evidence).not.toContainEqual(expect.objectContaining({ kind: "training_attended" }));
    expect(mar.moves).toContainEqual({ type: "COMPLETE", stage: "training", count: 1 });
    expect(feb.moves).not.toContainEqual(expect.objectContaining({ type: "COMPLETE" }));
    // In UTC both would have fallen in February.
    expect(new Date(jakarta(2026, 3, 1, 0, 10)).toISOString().slice(0, 7)).toBe("2026-02");
  });

  it("months: default this month in Jakarta, a bad month falls back and says so", () => {
    // 1 March 2026 at 06:00 Jakarta is still 28 February in UTC.
    expect(currentMonth(jakarta(2026, 3, 1, 6))).toBe("2026-03");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    const viewer = { id: mentor.id, role: "mentor", name: "Mentor", email: "m@test", cityId: null, agencyId: fx.agency.id, organisationId: null } as SessionUser;
    const bad = reportForRequest(db, viewer, new URLSearchParams({ bulan: "2026-13" }), jakarta(2026, 3, 1, 6));
    expect(bad).toMatchObject({ kind: "report", invalidMonth: true, report: { month: "2026-03" } });
    expect(reportForRequest(db, viewer, new URLSearchParams({ mentor: String(mentor.id + 1000) })).kind).toBe("not-found");
    expect(reportForRequest(db, viewer, new URLSearchParams({ mentor: "abc" })).kind).toBe("not-found");
  });

  it("CSV fields: quoted when needed, formulas defused, a BOM first", () => {
    expect(csvCell('Kue "Enak", Bu Siti')).toBe('"Kue ""Enak"", Bu Siti"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("baris\nkedua")).toBe('"baris\nkedua"');
    expect(csvCell(null)).toBe("");
    expect(csvFile([["a", 1]]).startsWith("\uFEFFa,1\r\n")).toBe(true);
  });
});

describe("the seeded demo over HTTP", () => {
  let server: TestServer;
  let db: Db;
  const cookies: Record<string, string> = {};
  const idOf = (email: string) => (server.sql.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number }).id;

  beforeAll(async () => {
    server = await startServer({ label: "monthly-report" });
    db = openDatabase(server.dbPath);
    for (const email of ["mentor.cakung@pas.demo", "mentor.gambir@pas.demo", "koordinator@pas.demo", "koordinator.jaktim@pas.demo", "umkm@pas.demo", "mitra@pas.demo"]) {
      cookies[email] = await signIn(server.url, email);
    }
  }, 120_000);
  afterAll(async () => {
    db?.$client.close();
    await server?.stop();
  });

  it("seeded mentors' figures equal direct SQL counts for this month and the last", () => {
    // Sari (Cakung), and the mentor whose participants sent the most financial reports (so that
    // the turnover figures are not all zero).
    const reporting = server.sql
      .prepare(
        `SELECT md.mentor_id AS id FROM stage_evidence e JOIN participants p ON p.id = e.participant_id
         JOIN mentor_districts md ON md.district_id = p.district_id JOIN users u ON u.id = md.mentor_id AND u.agency_id = p.agency_id
         WHERE e.kind = 'financial_report' GROUP BY md.mentor_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as { id: number };
    const viewer = { id: idOf("koordinator@pas.demo"), role: "coordinator", name: "K", email: "k", cityId: null, agencyId: null, organisationId: null } as SessionUser;
    let turnoverSeen = 0;
    for (const id of [idOf("mentor.cakung@pas.demo"), reporting.id]) {
      const who = reportMentorFor(db, viewer, id)!;
      for (const month of [currentMonth(), shiftMonth(currentMonth(), -1)]) {
        const report = monthlyReport(db, who, month);
        const expected = sqlFigures(db.$client, id, month);
        console.log(`seeded mentor ${id} ${month}`, figuresOf(report));
        expect(figuresOf(report)).toEqual(expected);
        turnoverSeen += expected.latestSum;
      }
    }
    expect(turnoverSeen).toBeGreaterThan(0);
  });

  it("the CSV has the page's rows, no NIK, a BOM and a file name with the month", async () => {
    const month = shiftMonth(currentMonth(), -1);
    const page = await get(server.url, `/laporan?bulan=${month}`, cookies["mentor.cakung@pas.demo"]);
    expect(page.status).toBe(200);
    const html = await page.text();
    const response = await get(server.url, `/laporan.csv?bulan=${month}`, cookies["mentor.cakung@pas.demo"]);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain(`laporan-bulanan-${month}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
    const lines = text.trimEnd().split("\r\n");
    const report = monthlyReport(db, reportMentorFor(db, { id: idOf("mentor.cakung@pas.demo"), role: "mentor", name: "", email: "", cityId: null, agencyId: (server.sql.prepare("SELECT agency_id AS a FROM users WHERE email = 'mentor.cakung@pas.demo'").get() as { a: number }).a, organisationId: null } as SessionUser, null)!, month);
    expect(lines.length - 1).toBe(report.participants.length);
    expect(report.participants.length).toBeGreaterThan(0);
    lines.slice(1).forEach((line, i) => {
      const p = report.participants[i]!;
      expect(line.startsWith(csvCell(p.fullName))).toBe(true);
      // Every CSV row is a row of the page (the page links each participant).
      expect(html).toContain(`/peserta/${p.id}"`);
    });
    const niks = server.sql.prepare("SELECT nik_masked AS m, nik_last4 AS l FROM participants").all() as { m: string; l: string }[];
    expect(niks.some((n) => text.includes(n.m))).toBe(false);
    expect(/\d{16}/.test(text)).toBe(false);
    expect(lines[0]).toContain("Nama");
    console.log(`CSV ${month}: ${lines.length - 1} rows = page rows ${report.participants.length}; NIK found: 0`);
  });

  it("access: only the mentor and coordinators over the mentor's districts", async () => {
    const cakung = idOf("mentor.cakung@pas.demo");
    const gambir = idOf("mentor.gambir@pas.demo");
    const cases: [string, string, number][] = [
      ["mentor.cakung@pas.demo", "/laporan", 200],
      ["mentor.cakung@pas.demo", `/laporan?mentor=${cakung}`, 200],
      ["mentor.cakung@pas.demo", `/laporan?mentor=${gambir}`, 404],
      ["mentor.cakung@pas.demo", `/laporan.csv?mentor=${gambir}`, 404],
      ["koordinator.jaktim@pas.demo", `/laporan?mentor=${cakung}`, 200],
      ["koordinator.jaktim@pas.demo", `/laporan?mentor=${gambir}`, 404],
      ["koordinator.jaktim@pas.demo", `/laporan.csv?mentor=${gambir}`, 404],
      ["koordinator.jaktim@pas.demo", "/laporan", 200],
      ["koordinator@pas.demo", `/laporan?mentor=${gambir}`, 200],
      ["koordinator@pas.demo", `/laporan.csv?mentor=${gambir}`, 200],
      ["koordinator@pas.demo", "/laporan.csv", 404],
      ["umkm@pas.demo", "/laporan", 404],
      ["umkm@pas.demo", "/laporan.csv", 404],
      ["mitra@pas.demo", "/laporan", 404],
      ["mitra@pas.demo", "/laporan.csv", 404],
    ];
    let leaks = 0;
    for (const [email, path, status] of cases) {
      const response = await get(server.url, path, cookies[email]);
      const body = await response.text();
      expect({ email, path, status: response.status }).toEqual({ email, path, status });
      if (status === 404 && body.includes("Yusuf Maulana")) leaks++;
    }
    const anonymous = await get(server.url, "/laporan");
    expect(anonymous.status).toBe(302);
    expect(leaks).toBe(0);
    console.log(`report access: ${cases.length + 1} role × route pairs checked, leaks: ${leaks}`);
  });
});
