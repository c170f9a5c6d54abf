// Cohorts that close and cohorts a person can tell apart: the planned end (default from the cohort
// length setting, or chosen), closed after it (Jakarta date, the clock passed in), the result of a
// closed cohort equal to a direct count, closed cohorts never ranked among the stalled, an extension
// that reopens and is audited, names unique within a district, a mentor's cohort filter that lists
// the cohort of every participant in scope, /massal selecting a cohort's active members only, and the
// dormancy and cohort-length settings on /aturan (saved, logged, bad values refused changing nothing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { CohortRefused, createCohort, extendCohort, updateCohort } from "../../app/modules/cohorts/manage.server";
import { defaultPlannedEnd, isCohortClosed } from "../../app/modules/cohorts/lifecycle";
import { cohortResults } from "../../app/modules/cohorts/lifecycle.server";
import { listClosedCohorts } from "../../app/modules/cohorts/closed.server";
import { listCohorts } from "../../app/modules/dashboard/cohorts.server";
import { getOverview } from "../../app/modules/dashboard/overview.server";
import { cohortOptionsInScope } from "../../app/modules/participants/participants.server";
import { bulkSelection } from "../../app/modules/participants/bulk.server";
import type { Viewer } from "../../app/modules/access/scope.server";
import { freshDatabase } from "../helpers/db";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

const DAY = 86_400_000;
/** Midnight at the start of a day in Jakarta (UTC+7 all year). */
const jakartaMidnight = (isoDate: string) => Date.parse(`${isoDate}T00:00:00+07:00`);

describe("cohort lifecycle (module verbs)", () => {
  const fresh = freshDatabase("cohort-lifecycle");
  const { db, district, otherDistrict, agency, mentor, register } = fresh;
  const coordinator = db.insert(t.users).values({ email: "k@test", name: "Koordinator", role: "coordinator", passwordHash: "x" }).returning().get();
  const coordinatorViewer: Viewer = { id: coordinator.id, role: "coordinator", cityId: null, agencyId: null };
  const mentorViewer: Viewer = { id: mentor.id, role: "mentor", cityId: null, agencyId: agency.id };
  db.insert(t.mentorDistricts).values({ mentorId: mentor.id, districtId: district.id }).run();

  const create = (name: string, intakeDate: string, extra: { plannedEndOn?: string; districtId?: number } = {}) =>
    createCohort(db, coordinator, { name, districtId: extra.districtId ?? district.id, agencyId: agency.id, intakeDate, plannedEndOn: extra.plannedEndOn });
  const cohortRow = (id: number) => db.$client.prepare("SELECT * FROM cohorts WHERE id = ?").get(id) as { name: string; planned_end_on: string; intake_date: string };
  const setStatus = (id: number, status: string) => db.$client.prepare("UPDATE participants SET status = ? WHERE id = ?").run(status, id);
  const join = (participantId: number, cohortId: number) => db.$client.prepare("UPDATE participants SET cohort_id = ? WHERE id = ?").run(cohortId, participantId);

  afterAll(() => fresh.close());

  it("sets the planned end to the intake plus the cohort length setting, or to the date chosen", () => {
    const byDefault = create("Cakung Januari 2026", "2026-01-31");
    expect(cohortRow(byDefault).planned_end_on).toBe("2027-01-31");
    db.insert(t.settings).values({ key: "cohort_length_months", value: "1" }).run();
    const short = create("Cakung Januari 2026 B", "2026-01-31");
    // 31 January + 1 month: the last day of February.
    expect(cohortRow(short).planned_end_on).toBe("2026-02-28");
    expect(defaultPlannedEnd("2024-01-31", 1)).toBe("2024-02-29");
    const chosen = create("Cakung pilihan", "2026-01-05", { plannedEndOn: "2026-09-30" });
    expect(cohortRow(chosen).planned_end_on).toBe("2026-09-30");
    const audit = db.$client.prepare("SELECT detail FROM audit_log WHERE action = 'cohort.created' AND subject = ?").get(`cohort:${chosen}`) as { detail: string };
    expect(JSON.parse(audit.detail).plannedEndOn).toBe("2026-09-30");
    db.$client.prepare("DELETE FROM settings WHERE key = 'cohort_length_months'").run();
  });

  it("refuses a name another cohort of the district has (any letter case), on the name field, changing nothing", () => {
    const before = JSON.stringify(db.$client.prepare("SELECT * FROM cohorts ORDER BY id").all());
    for (const name of ["Cakung Januari 2026", "cakung januari 2026"]) {
      let refusal: unknown;
      try {
        create(name, "2026-03-01");
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(CohortRefused);
      expect(refusal).toMatchObject({ field: "name", messageKey: "cohortLifecycle.error.nameTaken" });
    }
    const renamed = db.$client.prepare("SELECT id FROM cohorts WHERE name = 'Cakung pilihan'").get() as { id: number };
    expect(() => updateCohort(db, coordinator, renamed.id, { name: "Cakung Januari 2026", intakeDate: "2026-01-05" })).toThrow(CohortRefused);
    expect(JSON.stringify(db.$client.prepare("SELECT * FROM cohorts ORDER BY id").all())).toBe(before);
    // The same name in another district is another cohort.
    expect(create("Cakung Januari 2026", "2026-01-31", { districtId: otherDistrict.id })).toBeGreaterThan(0);
  });

  describe("a closed cohort", () => {
    // Its planned end is 30 June 2026; `now` is the next day in Jakarta, just after midnight.
    const now = jakartaMidnight("2026-07-01") + 60_000;
    let closedId: number;
    let openId: number;
    const members: Record<string, number> = {};

    beforeAll(() => {
      closedId = create("Cakung 2025", "2025-07-01", { plannedEndOn: "2026-06-30" });
      openId = create("Cakung 2026 berjalan", "2026-03-01", { plannedEndOn: "2027-02-28" });
      // Stalled (nothing recorded for 60 days, not yet dormant), in both cohorts.
      for (const [key, cohortId] of [["stalledClosed", closedId], ["stalledClosed2", closedId], ["stalledOpen", openId]] as const) {
        members[key] = register({}, now - 60 * DAY).participantId;
        join(members[key]!, cohortId);
      }
      members.recentOpen = register({}, now - 2 * DAY).participantId;
      join(members.recentOpen, openId);
      members.recentClosed = register({}, now - 2 * DAY).participantId;
      join(members.recentClosed, closedId);
      // Dormant: nothing recorded for more than 180 days.
      members.dormant = register({}, now - 200 * DAY).participantId;
      join(members.dormant, closedId);
      for (const status of ["withdrawn", "on_hold", "graduated"] as const) {
        members[status] = register({}, now - 10 * DAY).participantId;
        join(members[status]!, closedId);
        setStatus(members[status]!, status);
      }
    });

    it("is closed the day after its planned end in Jakarta, open on it", () => {
      expect(isCohortClosed("2026-06-30", jakartaMidnight("2026-06-30") + 23 * 3_600_000)).toBe(false);
      expect(isCohortClosed("2026-06-30", jakartaMidnight("2026-07-01") - 1)).toBe(false);
      expect(isCohortClosed("2026-06-30", jakartaMidnight("2026-07-01"))).toBe(true);
      expect(isCohortClosed("2026-06-30", now)).toBe(true);
    });

    it("shows a result whose counts equal a direct count of its members", () => {
      const result = cohortResults(db, coordinatorViewer, [closedId], now).get(closedId)!;
      const direct = db.$client
        .prepare(
          `SELECT count(*) AS members,
             sum(status = 'graduated') AS graduated,
             sum(status = 'active' AND dormant_since >= @now) AS active,
             sum(status = 'on_hold') AS onHold,
             sum(status = 'active' AND dormant_since < @now) AS dormant,
             sum(status = 'withdrawn') AS withdrawn
           FROM participants WHERE cohort_id = @cohort`,
        )
        .get({ now, cohort: closedId }) as Record<string, number>;
      expect(result).toEqual({ ...direct, notCompleted: direct.dormant! + direct.withdrawn! });
      expect(result).toEqual({ members: 7, graduated: 1, active: 3, onHold: 1, dormant: 1, withdrawn: 1, notCompleted: 2 });
      expect(result.graduated + result.active + result.onHold + result.notCompleted).toBe(result.members);
      console.log(`closed cohort result: ${JSON.stringify(result)} (equal to a direct count)`);
    });

    it("is never ranked among the stalled cohorts, on /kohort or in the overview, and is listed apart", () => {
      const ranked = listCohorts(db, coordinatorViewer, { now }).rows.map((r) => r.id);
      expect(ranked).toContain(openId);
      expect(ranked).not.toContain(closedId);
      const overview = getOverview(db, coordinatorViewer, { now }).cohorts.map((c) => c.id);
      expect(overview).toContain(openId);
      expect(overview).not.toContain(closedId);
      // The closed cohort has the larger stalled share: only its closing keeps it out.
      const closed = listClosedCohorts(db, coordinatorViewer, { now });
      expect(closed.rows.map((r) => r.id)).toContain(closedId);
      expect(closed.rows.find((r) => r.id === closedId)!.result.members).toBe(7);
      // The day before, it was open and ranked first.
      const dayBefore = jakartaMidnight("2026-06-30") + 60_000;
      expect(listCohorts(db, coordinatorViewer, { now: dayBefore }).rows[0]?.id).toBe(closedId);
    });

    it("reopens when extended to a later date, with the reason in the audit log; an earlier date is refused", () => {
      expect(() => extendCohort(db, coordinator, closedId, { plannedEndOn: "2026-06-30", reason: "sama" }, now)).toThrow(CohortRefused);
      expect(cohortRow(closedId).planned_end_on).toBe("2026-06-30");
      expect(extendCohort(db, coordinator, closedId, { plannedEndOn: "2026-12-31", reason: "Perizinan diundur" }, now)).toBe(true);
      expect(cohortRow(closedId).planned_end_on).toBe("2026-12-31");
      expect(isCohortClosed(cohortRow(closedId).planned_end_on, now)).toBe(false);
      expect(listCohorts(db, coordinatorViewer, { now }).rows.map((r) => r.id)).toContain(closedId);
      const audit = db.$client.prepare("SELECT actor_user_id AS actor, detail FROM audit_log WHERE action = 'cohort.extended' AND subject = ?").get(`cohort:${closedId}`) as {
        actor: number;
        detail: string;
      };
      expect(audit.actor).toBe(coordinator.id);
      expect(JSON.parse(audit.detail)).toEqual({ from: "2026-06-30", to: "2026-12-31", reason: "Perizinan diundur", wasClosed: true, reopened: true });
    });

    it("/massal: choosing a cohort selects its active members only; on hold, withdrawn, graduated and dormant are listed apart", () => {
      const selection = bulkSelection(db, mentorViewer, new URLSearchParams({ kohort: String(closedId) }), now);
      expect(selection.kind).toBe("selected");
      if (selection.kind !== "selected") return;
      expect(selection.rows.map((r) => r.id).sort()).toEqual([members.stalledClosed, members.stalledClosed2, members.recentClosed].sort());
      expect(selection.apart.map((r) => [r.id, r.status, r.dormant]).sort()).toEqual(
        [
          [members.dormant, "active", true],
          [members.withdrawn, "withdrawn", false],
          [members.on_hold, "on_hold", false],
          [members.graduated, "graduated", false],
        ].sort(),
      );
    });
  });

  it("a mentor's cohort filter lists the cohort of every participant in their scope, wherever the cohort is", () => {
    // A participant of the mentor's district whose cohort is in another district (handed over, kept their cohort).
    const elsewhere = create("Matraman Mei 2026", "2026-05-01", { districtId: otherDistrict.id });
    const handedOver = register().participantId;
    join(handedOver, elsewhere);
    // A cohort of the other district without anyone in the mentor's scope.
    const unrelated = create("Matraman Juni 2026", "2026-06-01", { districtId: otherDistrict.id });
    const options = cohortOptionsInScope(db, mentorViewer);
    const ids = options.map((o) => o.id);
    expect(ids).toContain(elsewhere);
    expect(ids).not.toContain(unrelated);
    // Every cohort of a participant in scope is offered.
    const ofParticipants = (
      db.$client
        .prepare("SELECT DISTINCT cohort_id AS id FROM participants WHERE cohort_id IS NOT NULL AND agency_id = ? AND district_id IN (SELECT district_id FROM mentor_districts WHERE mentor_id = ?)")
        .all(agency.id, mentor.id) as { id: number }[]
    ).map((r) => r.id);
    expect(ofParticipants.length).toBeGreaterThan(1);
    for (const id of ofParticipants) expect(ids).toContain(id);
    // "Cakung Januari 2026" exists in both districts: told apart by district once both are offered.
    const twin = db.$client.prepare("SELECT id FROM cohorts WHERE name = 'Cakung Januari 2026' AND district_id = ?").get(otherDistrict.id) as { id: number };
    join(register().participantId, twin.id);
    const labels = cohortOptionsInScope(db, mentorViewer).filter((o) => o.name === "Cakung Januari 2026").map((o) => o.label).sort();
    expect(labels).toEqual(["Cakung Januari 2026 (Cakung)", "Cakung Januari 2026 (Matraman)"]);
    console.log(`mentor cohort filter: ${ids.length} cohorts offered, ${ofParticipants.length} of participants in scope, all present`);
  });
});

describe("cohort lifecycle over HTTP", () => {
  let server: TestServer;
  let province: string;
  let refusals = 0;
  const one = <T>(query: string, ...params: unknown[]) => server.sql.prepare(query).get(...params) as T;
  const fingerprint = () =>
    JSON.stringify({
      cohorts: server.sql.prepare("SELECT * FROM cohorts ORDER BY id").all(),
      settings: server.sql.prepare("SELECT * FROM settings ORDER BY key").all(),
      changes: server.sql.prepare("SELECT count(*) AS n FROM settings_changes").get(),
      audit: server.sql.prepare("SELECT count(*) AS n FROM audit_log").get(),
    });
  async function refused(path: string, fields: Record<string, string>, message: string) {
    const before = fingerprint();
    const response = await postForm(server.url, path, fields, { cookie: province });
    expect(response.status, `${path} ${JSON.stringify(fields)}`).toBe(400);
    expect(await response.text()).toContain(message);
    expect(fingerprint(), `${path} changed something`).toBe(before);
    refusals++;
  }
  function rulesInForce(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const row of server.sql.prepare("SELECT stage, time_limit_days FROM stage_settings").all() as { stage: string; time_limit_days: number }[]) {
      fields[`limit_${row.stage}`] = String(row.time_limit_days);
    }
    const setting = (key: string, fallback: string) => one<{ value: string } | undefined>("SELECT value FROM settings WHERE key = ?", key)?.value ?? fallback;
    fields.inactivityDays = setting("stall_inactivity_days", "45");
    fields.cohortThresholdPercent = String(Math.round(Number(setting("cohort_stall_threshold", "0.3")) * 100));
    fields.dormantDays = setting("dormant_days", "180");
    fields.cohortLengthMonths = setting("cohort_length_months", "12");
    fields.mentoringSessions = String(JSON.parse(one<{ rules: string }>("SELECT rules FROM journey_rules ORDER BY version DESC LIMIT 1").rules).mentoringSessionsRequired);
    return fields;
  }

  beforeAll(async () => {
    server = await startServer({ label: "cohort-lifecycle-http" });
    province = await signIn(server.url, "koordinator@pas.demo");
  }, 120_000);

  afterAll(async () => {
    console.log(`cohort lifecycle over HTTP: ${refusals} refusals checked (rows changed by them: 0)`);
    await server?.stop();
  });

  it("refuses a duplicate cohort name in the same district with a message on the field (400, nothing changed)", async () => {
    const taken = one<{ name: string; district_id: number; agency_id: number; id: number }>("SELECT id, name, district_id, agency_id FROM cohorts ORDER BY id LIMIT 1");
    const fields = { name: taken.name, districtId: String(taken.district_id), agencyId: String(taken.agency_id), intakeDate: "2026-03-02" };
    await refused("/kohort/baru", fields, "Nama ini sudah dipakai kohort lain di kecamatan yang sama.");
    await refused("/kohort/baru", { ...fields, name: `${taken.name} baru`, plannedEndOn: "2026-03-01" }, "Rencana selesai harus sesudah tanggal mulai.");
    const other = one<{ id: number; intake_date: string }>("SELECT id, intake_date FROM cohorts WHERE district_id = ? AND id <> ? LIMIT 1", taken.district_id, taken.id);
    await refused(`/kohort/${other.id}/ubah`, { intent: "edit", name: taken.name, intakeDate: other.intake_date }, "Nama ini sudah dipakai kohort lain di kecamatan yang sama.");
    await refused(`/kohort/${other.id}/ubah`, { intent: "extend", plannedEndOn: "2000-01-01", reason: "x" }, "Tanggal baru harus sesudah rencana selesai yang sekarang.");
    await refused(`/kohort/${other.id}/ubah`, { intent: "extend", plannedEndOn: "2099-01-01", reason: " " }, "Tulis alasannya.");

    const created = await postForm(server.url, "/kohort/baru", { ...fields, name: `${taken.name} (ulang)` }, { cookie: province });
    expect(created.status).toBe(303);
    expect(one("SELECT planned_end_on AS end FROM cohorts WHERE name = ?", `${taken.name} (ulang)`)).toEqual({ end: "2027-03-02" });
  });

  it("/aturan saves the dormancy days and the cohort length, logs each change, and refuses bad values changing nothing", async () => {
    const base = rulesInForce();
    const cases: [string, string, string][] = [
      ["dormantDays", "1", "Masukkan angka 2 sampai 730."],
      ["dormantDays", "731", "Masukkan angka 2 sampai 730."],
      ["dormantDays", "abc", "Masukkan bilangan bulat."],
      ["dormantDays", base.inactivityDays!, "Harus lebih lama dari batas macet karena tidak ada catatan."],
      ["cohortLengthMonths", "0", "Masukkan angka 1 sampai 36."],
      ["cohortLengthMonths", "37", "Masukkan angka 1 sampai 36."],
      ["cohortLengthMonths", "", "Wajib diisi."],
    ];
    for (const [field, value, message] of cases) await refused("/aturan", { ...base, [field]: value }, message);
    // Inactivity raised to meet the dormancy days is refused as well.
    await refused("/aturan", { ...base, inactivityDays: "200", dormantDays: "200" }, "Harus lebih lama dari batas macet karena tidak ada catatan.");

    const response = await postForm(server.url, "/aturan", { ...base, dormantDays: "240", cohortLengthMonths: "6" }, { cookie: province });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/aturan?diubah=2");
    expect(one("SELECT value FROM settings WHERE key = 'dormant_days'")).toEqual({ value: "240" });
    expect(one("SELECT value FROM settings WHERE key = 'cohort_length_months'")).toEqual({ value: "6" });
    const changes = server.sql.prepare("SELECT key, old_value AS oldValue, new_value AS newValue FROM settings_changes ORDER BY id DESC LIMIT 2").all();
    expect(changes).toEqual(
      expect.arrayContaining([
        { key: "dormant_days", oldValue: base.dormantDays, newValue: "240" },
        { key: "cohort_length_months", oldValue: base.cohortLengthMonths, newValue: "6" },
      ]),
    );
    const page = await (await get(server.url, "/aturan", province)).text();
    expect(page).toContain(`dari ${base.dormantDays} hari menjadi 240 hari`);
    expect(page).toContain(`dari ${base.cohortLengthMonths} bulan menjadi 6 bulan`);
    // A new cohort takes the new length.
    const district = one<{ id: number }>("SELECT id FROM districts WHERE name = 'Cakung'").id;
    const agencyId = one<{ id: number }>("SELECT id FROM agencies WHERE code = 'PPKUKM'").id;
    await postForm(server.url, "/kohort/baru", { name: "Cakung Enam Bulan", districtId: String(district), agencyId: String(agencyId), intakeDate: "2026-04-15" }, { cookie: province });
    expect(one("SELECT planned_end_on AS end FROM cohorts WHERE name = 'Cakung Enam Bulan'")).toEqual({ end: "2026-10-15" });
  });
});
