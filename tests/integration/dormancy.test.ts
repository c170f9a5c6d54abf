// Dormant participants (DESIGN.md "Stalled work, dormancy and a mentor's day", decision 0007): the
// rule at its edges, the list's dormant and stall-age filters against direct SQL counts, bringing a
// participant back (Aktifkan lagi, or anything recorded), and closing dormant participants in bulk
// over HTTP: refusals change nothing, each participant's outcome is said, other scopes get 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { applyMove, registerParticipant } from "../../app/modules/journey/journey.server";
import { DAY_MS } from "../../machines/time";
import { STALL_AGE_BANDS, isDormant, stallAgeBand, stallAgeRange, type StallAgeBand } from "../../app/modules/journey/stalled";
import { loadStallSettings } from "../../app/modules/journey/stalled.server";
import { listParticipantsInScope } from "../../app/modules/participants/participants.server";
import type { Viewer } from "../../app/modules/access/scope.server";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import type { JourneyEvent } from "../../machines/journey";
import { get, signIn, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
let cookie: string;
let gambirCookie: string;
let otherAgencyCookie: string;
let viewer: Viewer;
const ids: Record<string, number> = {};
let outOfScopeId: number;

type Row = { version: number; status: string; status_reason: string | null; last_activity_at: number; dormant_since: number | null };
const row = (id: number) =>
  server.sql.prepare("SELECT version, status, status_reason, last_activity_at, dormant_since FROM participants WHERE id = ?").get(id) as Row;
const counts = () =>
  server.sql.prepare("SELECT (SELECT count(*) FROM transition_log) AS log, (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM stage_evidence) AS evidence").get() as {
    log: number;
    audit: number;
    evidence: number;
  };

function move(id: number, event: JourneyEvent, evidence?: { details: Record<string, unknown>; occurredOn: string }) {
  applyMove(db, { participantId: id, expectedVersion: row(id).version, event, actorUserId: null, evidence });
}

/** Nothing recorded for `days` days: last activity written back; the triggers recompute the onsets. */
function idleFor(id: number, days: number, now = Date.now()) {
  server.sql.prepare("UPDATE participants SET last_activity_at = ? WHERE id = ?").run(now - days * DAY_MS, id);
}

const item = (id: number, version = row(id).version) => `${id}:${version}`;

function post(path: string, fields: [string, string][], who = cookie) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", Cookie: who },
    body: new URLSearchParams(fields),
  });
}

/** The mentor's scope in SQL: their districts, their agency. */
const SCOPE = `p.district_id IN (SELECT district_id FROM mentor_districts WHERE mentor_id = @mentor) AND p.agency_id = @agency`;
function sqlCount(where: string, params: Record<string, number> = {}): number {
  return (server.sql.prepare(`SELECT count(*) AS n FROM participants p WHERE ${SCOPE} AND ${where}`).get({ mentor: viewer.id, agency: viewer.agencyId, ...params }) as { n: number }).n;
}

function headerCounts(html: string): { total: number; stalled: number } {
  return { total: Number(/(\d+) peserta/.exec(html)?.[1]), stalled: Number(/(\d+) macet/.exec(html)?.[1]) };
}

beforeAll(async () => {
  server = await startServer({ label: "dormancy" });
  db = openDatabase(server.dbPath);
  const place = (district: string, email: string) =>
    server.sql
      .prepare("SELECT d.id AS district, u.agency_id AS agency, u.id AS mentor, u.city_id AS city FROM districts d, users u WHERE d.name = ? AND u.email = ?")
      .get(district, email) as { district: number; agency: number; mentor: number; city: number | null };
  const cakung = place("Cakung", "mentor.cakung@pas.demo");
  const gambir = place("Gambir", "mentor.gambir@pas.demo");
  viewer = { id: cakung.mentor, role: "mentor", cityId: cakung.city, agencyId: cakung.agency };
  let serial = 0;
  const register = (name: string, where = cakung) =>
    registerParticipant(
      db,
      {
        fullName: `Uji Dorman ${name}`,
        nik: `31720141099${String(60000 + ++serial)}`,
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
  for (const name of ["reactivate", "evidence", "closeA", "closeB", "closeC", "stale", "returned", "onHold"]) ids[name] = register(name);
  for (const name of Object.keys(ids)) move(ids[name]!, { type: "VERIFY" });
  move(ids.evidence!, { type: "START", stage: "training" });
  move(ids.stale!, { type: "START", stage: "licensing" });
  move(ids.onHold!, { type: "HOLD", reason: "Sakit" });
  for (const name of Object.keys(ids)) idleFor(ids[name]!, 200);
  outOfScopeId = register("gambir", gambir);
  idleFor(outOfScopeId, 200);
  cookie = await signIn(server.url, "mentor.cakung@pas.demo");
  gambirCookie = await signIn(server.url, "mentor.gambir@pas.demo");
  otherAgencyCookie = await signIn(server.url, "pendamping.cakung@nakertransgi.demo");
}, 120_000);

afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

describe("the rule at its edges", () => {
  it("dormant after the dormancy days (day 179 and day 180: not yet; a moment later: dormant); never unless active", () => {
    const settings = loadStallSettings(db);
    expect(settings.dormantDays).toBe(180);
    const lastActivityAt = Date.UTC(2026, 0, 5);
    const day = (n: number) => lastActivityAt + n * DAY_MS;
    for (const [now, dormant] of [[day(179), false], [day(180), false], [day(180) + 1, true], [day(400), true]] as const) {
      expect(isDormant({ status: "active", lastActivityAt }, settings, now), `day ${(now - lastActivityAt) / DAY_MS}`).toBe(dormant);
    }
    expect(isDormant({ status: "on_hold", lastActivityAt }, settings, day(400))).toBe(false);
    // The database's onset is the same moment, and the list asks it at the same clock.
    const id = ids.onHold!;
    server.sql.prepare("UPDATE participants SET status = 'active' WHERE id = ?").run(id);
    try {
      server.sql.prepare("UPDATE participants SET last_activity_at = ? WHERE id = ?").run(lastActivityAt, id);
      expect(row(id).dormant_since).toBe(day(180));
      const dormantAt = (now: number) => listParticipantsInScope(db, viewer, { status: "dormant", q: "Uji Dorman onHold" }, now).total;
      expect([dormantAt(day(179)), dormantAt(day(180)), dormantAt(day(180) + 1)]).toEqual([0, 0, 1]);
      const activeAt = (now: number) => listParticipantsInScope(db, viewer, { status: "active", q: "Uji Dorman onHold" }, now).total;
      expect([activeAt(day(179)), activeAt(day(180)), activeAt(day(180) + 1)]).toEqual([1, 1, 0]);
    } finally {
      server.sql.prepare("UPDATE participants SET status = 'on_hold' WHERE id = ?").run(id);
      idleFor(id, 200);
    }
  });

  it("a stall's age band changes at 7, 28 and 90 days, and the band filter's range is its inverse", () => {
    const onset = Date.UTC(2026, 2, 1);
    const at = (days: number, ms = 0) => onset + days * DAY_MS + ms;
    const cases: [number, StallAgeBand][] = [
      [at(0, 1), "new"],
      [at(7, -1), "new"], // 6 days 23:59:59.999
      [at(7), "weeks"],
      [at(28, -1), "weeks"],
      [at(28), "months"],
      [at(90, -1), "months"],
      [at(90), "older"],
      [at(400), "older"],
    ];
    for (const [now, band] of cases) {
      expect(stallAgeBand(onset, now), `${(now - onset) / DAY_MS} days`).toBe(band);
      const { from, to } = stallAgeRange(band, now);
      expect(onset < to && (from === null || onset >= from), `${band} range at ${(now - onset) / DAY_MS} days`).toBe(true);
    }
    // 6d23h is still this week; 27 days still 1–4 weeks; 89 days still 1–3 months.
    expect(stallAgeBand(onset, at(6) + 23 * 3_600_000)).toBe("new");
    expect(stallAgeBand(onset, at(27))).toBe("weeks");
    expect(stallAgeBand(onset, at(89))).toBe("months");
  });
});

describe("the list", () => {
  it("the dormant filter and its count equal a direct SQL count; active leaves them out; the full list has them after the active", async () => {
    const now = Date.now();
    const dormant = sqlCount("p.status = 'active' AND p.dormant_since < @now", { now });
    expect(dormant).toBeGreaterThanOrEqual(6);
    const list = listParticipantsInScope(db, viewer, { status: "dormant" }, now);
    expect(list.total).toBe(dormant);
    expect(list.dormant).toBe(dormant);
    expect(list.stalled).toBe(0);
    expect(list.rows.every((r) => r.dormant && r.stall.length === 0)).toBe(true);

    const active = listParticipantsInScope(db, viewer, { status: "active" }, now);
    expect(active.total).toBe(sqlCount("p.status = 'active' AND p.dormant_since >= @now", { now }));
    expect(active.dormant).toBe(dormant);
    const all = listParticipantsInScope(db, viewer, {}, now);
    expect(all.total).toBe(sqlCount("1 = 1"));
    expect(all.dormant).toBe(dormant);
    // Counts read from the tallies hold at another moment than their clock's too.
    for (const later of [now + 40 * 86_400_000, now + 200 * 86_400_000]) {
      const moment = { now: later };
      const activeLater = listParticipantsInScope(db, viewer, { status: "active" }, later);
      expect(activeLater.total, "active later").toBe(sqlCount("p.status = 'active' AND p.dormant_since >= @now", moment));
      expect(activeLater.stalled, "stalled later").toBe(sqlCount("p.status = 'active' AND p.stalled_since < @now AND p.dormant_since >= @now", moment));
      expect(activeLater.dormant, "dormant later").toBe(sqlCount("p.status = 'active' AND p.dormant_since < @now", moment));
      expect(listParticipantsInScope(db, viewer, { status: "dormant" }, later).total).toBe(activeLater.dormant);
    }
    // Dormant rows carry no stall, and come after every active participant who is not dormant.
    const rows = [...all.rows];
    for (let page = 2; page <= all.pageCount; page++) rows.push(...listParticipantsInScope(db, viewer, { page }, now).rows);
    const firstDormant = rows.findIndex((r) => r.dormant);
    expect(rows.filter((r) => r.dormant).length).toBe(dormant);
    expect(rows.slice(firstDormant).some((r) => r.status === "active" && !r.dormant)).toBe(false);
    expect(rows.filter((r) => r.dormant).every((r) => r.stall.length === 0 && r.stallAge === null)).toBe(true);

    // Over HTTP: the dormant view's header and the default list's count apart.
    const html = await (await get(server.url, "/peserta?status=dormant", cookie)).text();
    expect(headerCounts(html).total).toBe(sqlCount("p.status = 'active' AND p.dormant_since < @now", { now: Date.now() }));
    expect(html).toContain("Tidak aktif");
    expect(html).toContain('href="/peserta/tidak-aktif"');
    const home = await (await get(server.url, "/peserta", cookie)).text();
    expect(home).toContain(`${dormant} tidak aktif`);
    console.log(`mentor.cakung: ${dormant} dormant, ${active.total} active (not dormant), ${all.total} in all`);
  });

  it("the stalled filter never lists the dormant; each stalled row carries its age band, and the band filter equals SQL", () => {
    const now = Date.now();
    const stalled = listParticipantsInScope(db, viewer, { stalled: "yes" }, now);
    expect(stalled.total).toBe(sqlCount("p.status = 'active' AND p.stalled_since < @now AND p.dormant_since >= @now", { now }));
    expect(stalled.total).toBeGreaterThan(0);
    // Every dormant participant has a stall onset in the past: without the dormancy rule they would be here.
    expect(sqlCount("p.status = 'active' AND p.dormant_since < @now AND p.stalled_since < @now", { now })).toBeGreaterThan(0);
    expect(stalled.rows.some((r) => r.dormant)).toBe(false);
    expect(stalled.rows.every((r) => r.stallAge !== null)).toBe(true);

    let sum = 0;
    for (const band of STALL_AGE_BANDS) {
      const { from, to } = stallAgeRange(band, now);
      const expected = sqlCount(
        `p.status = 'active' AND p.stalled_since < @now AND p.dormant_since >= @now AND p.stalled_since < @to ${from === null ? "" : "AND p.stalled_since >= @from"}`,
        from === null ? { now, to } : { now, to, from },
      );
      const list = listParticipantsInScope(db, viewer, { stallAge: band }, now);
      expect(list.total, band).toBe(expected);
      expect(list.rows.every((r) => r.stallAge === band), band).toBe(true);
      sum += list.total;
    }
    expect(sum).toBe(stalled.total);
  });
});

describe("bringing a participant back", () => {
  it("Aktifkan lagi: logged with its note, last activity now, no longer dormant", async () => {
    const id = ids.reactivate!;
    expect(isDormant({ status: row(id).status, lastActivityAt: row(id).last_activity_at }, loadStallSettings(db), Date.now())).toBe(true);
    const page = await (await get(server.url, `/peserta/${id}`, cookie)).text();
    expect(page).toContain("Peserta ini tidak aktif (dorman)");
    expect(page).toContain("selama 180 hari");
    expect(page).toContain('value="REACTIVATE"');
    expect(page).toContain(`/peserta/tidak-aktif?id=${id}`);

    const before = row(id);
    const started = Date.now();
    const response = await post(`/peserta/${id}`, [
      ["intent", "move"],
      ["formId", "move-REACTIVATE"],
      ["version", String(before.version)],
      ["event", "REACTIVATE"],
      ["reason", "Datang lagi ke kantor kecamatan"],
    ]);
    expect(response.status).toBe(303);
    const after = row(id);
    expect(after).toMatchObject({ version: before.version + 1, status: "active" });
    expect(after.last_activity_at).toBeGreaterThanOrEqual(started);
    expect(after.dormant_since!).toBeGreaterThan(Date.now());
    const log = server.sql.prepare("SELECT event_type AS type, reason, version FROM transition_log WHERE participant_id = ? ORDER BY version DESC LIMIT 1").get(id);
    expect(log).toEqual({ type: "REACTIVATE", reason: "Datang lagi ke kantor kecamatan", version: before.version + 1 });
    expect(listParticipantsInScope(db, viewer, { status: "dormant", q: "Uji Dorman reactivate" }).total).toBe(0);
    expect(listParticipantsInScope(db, viewer, { status: "active", q: "Uji Dorman reactivate" }).total).toBe(1);
    // Not offered once they are back; the history names it.
    const back = await (await get(server.url, `/peserta/${id}`, cookie)).text();
    expect(back).not.toContain('value="REACTIVATE"');
    expect(back).toContain("Mengaktifkan lagi peserta yang tidak aktif");
    // The same form again (the version it saw is gone) is refused and changes nothing.
    const again = await post(`/peserta/${id}`, [
      ["intent", "move"],
      ["formId", "move-REACTIVATE"],
      ["version", String(before.version)],
      ["event", "REACTIVATE"],
    ]);
    expect(again.status).toBe(409);
    expect(row(id)).toEqual(after);
  });

  it("anything recorded ends dormancy: evidence recorded on the page", async () => {
    const id = ids.evidence!;
    const before = row(id);
    expect(before.dormant_since!).toBeLessThan(Date.now());
    const response = await post(`/peserta/${id}`, [
      ["intent", "evidence"],
      ["formId", "evidence-training"],
      ["version", String(before.version)],
      ["stage", "training"],
      ["kind", "training_attended"],
      ["occurredOn", jakartaDate()],
      ["topic", "Foto produk"],
      ["skill", "soft"],
    ]);
    expect(response.status).toBe(303);
    const after = row(id);
    expect(after.version).toBe(before.version + 1);
    expect(after.dormant_since!).toBeGreaterThan(Date.now());
    expect(isDormant({ status: after.status, lastActivityAt: after.last_activity_at }, loadStallSettings(db), Date.now())).toBe(false);
    expect(listParticipantsInScope(db, viewer, { status: "dormant", q: "Uji Dorman evidence" }).total).toBe(0);
  });
});

describe("closing dormant participants in bulk", () => {
  const reason = "Tidak dapat dihubungi sejak pendaftaran";

  it("refuses bad input and changes nothing: no reason, none ticked, out of scope, malformed, too many", async () => {
    const before = counts();
    const versions = Object.values(ids).map((id) => row(id).version);
    const cases: { name: string; fields: [string, string][]; status: number; message?: string }[] = [
      { name: "no reason", fields: [["peserta", item(ids.closeA!)], ["reason", "  "]], status: 400, message: "Wajib diisi." },
      { name: "none ticked", fields: [["reason", reason]], status: 400, message: "Tidak ada peserta yang dicentang." },
      { name: "out-of-scope id", fields: [["peserta", item(ids.closeA!)], ["peserta", item(outOfScopeId)], ["reason", reason]], status: 404 },
      { name: "unknown id", fields: [["peserta", "999999:1"], ["reason", reason]], status: 404 },
      { name: "malformed", fields: [["peserta", "abc"], ["reason", reason]], status: 404 },
      {
        name: "too many",
        fields: [...Array.from({ length: 201 }, (_, i): [string, string] => ["peserta", `${900000 + i}:1`]), ["reason", reason]],
        status: 400,
        message: "paling banyak 200",
      },
    ];
    for (const c of cases) {
      const response = await post("/peserta/tidak-aktif", c.fields);
      const body = await response.text();
      expect({ name: c.name, status: response.status }).toEqual({ name: c.name, status: c.status });
      if (c.message) expect(body, c.name).toContain(c.message);
      if (c.status === 404) expect(body, c.name).not.toContain("Uji Dorman");
    }
    // Another district's or agency's mentor: the same ids are not found.
    for (const who of [gambirCookie, otherAgencyCookie]) {
      expect((await post("/peserta/tidak-aktif", [["peserta", item(ids.closeA!)], ["reason", reason]], who)).status).toBe(404);
    }
    expect(counts()).toEqual(before);
    expect(Object.values(ids).map((id) => row(id).version)).toEqual(versions);
    console.log(`${cases.length + 2} refused bulk closes; log, audit and evidence rows changed: 0`);
  });

  it("the page lists the dormant in scope, ticked; other scopes' ids are not found", async () => {
    const html = await (await get(server.url, "/peserta/tidak-aktif", cookie)).text();
    for (const name of ["closeA", "closeB", "closeC", "stale", "returned"]) {
      expect(html).toContain(`value="${item(ids[name]!)}"`);
    }
    expect(html).not.toContain("Uji Dorman onHold");
    expect(html).not.toContain("Uji Dorman gambir");
    const one = await (await get(server.url, `/peserta/tidak-aktif?id=${ids.closeA}&id=${ids.reactivate}`, cookie)).text();
    expect(one).toContain(`value="${item(ids.closeA!)}"`);
    expect(one).not.toContain("Uji Dorman reactivate</span>");
    expect(one).toContain("1 peserta yang dipilih tidak ditampilkan");
    expect((await get(server.url, `/peserta/tidak-aktif?id=${outOfScopeId}`, cookie)).status).toBe(404);
    expect((await get(server.url, `/peserta/tidak-aktif?id=${ids.closeA}`, gambirCookie)).status).toBe(404);
    expect((await get(server.url, `/peserta/tidak-aktif?id=${ids.closeA}`, otherAgencyCookie)).status).toBe(404);
    for (const who of ["umkm@pas.demo", "mitra@pas.demo", "koordinator@pas.demo"]) {
      expect((await get(server.url, "/peserta/tidak-aktif", await signIn(server.url, who))).status, who).toBe(404);
    }
  });

  it("withdraws each with the reason, and says per person why not: stale version, no longer dormant", async () => {
    const before = counts();
    // Someone moved "stale" after the page was shown (still dormant); "returned" had something recorded.
    const staleVersion = row(ids.stale!).version;
    move(ids.stale!, { type: "START", stage: "marketing" });
    idleFor(ids.stale!, 200);
    const returnedVersion = row(ids.returned!).version;
    move(ids.returned!, { type: "START", stage: "training" });
    const selection: [string, string][] = [
      ["peserta", item(ids.closeA!)],
      ["peserta", item(ids.closeB!)],
      ["peserta", item(ids.closeC!)],
      ["peserta", `${ids.stale}:${staleVersion}`],
      ["peserta", `${ids.returned}:${returnedVersion}`],
    ];
    const response = await post("/peserta/tidak-aktif", [...selection, ["reason", reason]]);
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/peserta\/tidak-aktif\/hasil\/\d+$/);

    for (const name of ["closeA", "closeB", "closeC"]) {
      expect(row(ids[name]!), name).toMatchObject({ status: "withdrawn", status_reason: reason });
      const log = server.sql.prepare("SELECT event_type AS type, reason FROM transition_log WHERE participant_id = ? ORDER BY version DESC LIMIT 1").get(ids[name]);
      expect(log).toEqual({ type: "WITHDRAW", reason });
    }
    expect(row(ids.stale!).status).toBe("active");
    expect(row(ids.returned!).status).toBe("active");
    // Three WITHDRAW entries, plus the two moves made meanwhile; one audit entry.
    expect(counts()).toEqual({ log: before.log + 5, audit: before.audit + 1, evidence: before.evidence });

    const html = await (await get(server.url, location, cookie)).text();
    const outcomeOf = (name: string) => {
      const start = html.indexOf(`Uji Dorman ${name}`);
      expect(start, name).toBeGreaterThan(-1);
      return html.slice(start, html.indexOf("</li>", start));
    };
    for (const name of ["closeA", "closeB", "closeC"]) expect(outcomeOf(name)).toContain("Ditutup: keluar, tidak selesai.");
    expect(outcomeOf("stale")).toContain("Data peserta berubah setelah halaman dibuka.");
    expect(outcomeOf("returned")).toContain("Peserta ini sudah aktif lagi");
    expect(html).toContain("3 dari 5 peserta ditutup sebagai tidak selesai");
    expect(html).toContain(reason);
    // Only its author may open the result.
    expect((await get(server.url, location, gambirCookie)).status).toBe(404);
    expect((await get(server.url, location, otherAgencyCookie)).status).toBe(404);
    console.log("bulk close: 5 dormant selected → 3 withdrawn, refused 2 (stale version, no longer dormant)");
  });
});
