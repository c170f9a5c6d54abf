// Exporting lists: exactly the list's rows, masked identity unless a province coordinator asks (and
// then logged), formulas defused in CSV, an XLSX that unzip and fflate read back with the same rows;
// and over HTTP, who may import and export what.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { serverI18n } from "../../app/modules/i18n/i18n.server";
import { listParticipantsInScope } from "../../app/modules/participants/participants.server";
import { exportIndicators, exportParticipants, ExportRefused, type Translate } from "../../app/modules/transfer/export.server";
import { importRegistrations } from "../../app/modules/transfer/import.server";
import { freshDatabase, tempDbPath } from "../helpers/db";
import { validImportCsv, validNik } from "../helpers/import-rows";
import { get, postForm, signIn, startServer, type TestServer } from "../helpers/server";

const translate = serverI18n("id").t as unknown as Translate;
const ROWS = 300;

let env: ReturnType<typeof freshDatabase>;
let coordinator: { id: number; role: "coordinator"; cityId: number | null; agencyId: null };

const text = async (body: ReadableStream<Uint8Array>) => new Response(body).text();
const lines = (csv: string) => csv.replace(/^\uFEFF/, "").trim().split("\r\n");

beforeAll(() => {
  env = freshDatabase("export");
  const user = env.db.insert(t.users).values({ email: "prov@test", name: "Prov", role: "coordinator", passwordHash: "x" }).returning().get();
  coordinator = { id: user.id, role: "coordinator", cityId: null, agencyId: null };
  const csv = validImportCsv(ROWS, [env.district.name, env.otherDistrict.name]);
  importRegistrations(env.db, coordinator, { fileName: "x.csv", text: csv, agencyId: env.agency.id, dryRun: false });
  env.register({ fullName: "=HYPERLINK(\"http://x\")", nik: "3172015508990001" });
});
afterAll(() => env.close());

describe("participant export", () => {
  it("has exactly the filtered list's rows, with NIK and phone masked", async () => {
    const filters = { district: env.district.id, track: "pemula" as const };
    const list = listParticipantsInScope(env.db, coordinator, filters);
    const file = exportParticipants(env.db, coordinator, { filters, format: "csv", fullIdentity: false, t: translate, actorUserId: coordinator.id });
    const csv = await text(file.body);
    const rows = lines(csv);
    expect(rows[0]).toMatch(/^ID,Nama,Nama usaha,NIK,Nomor HP,Kecamatan/);
    expect(rows.length - 1).toBe(list.total);
    expect(file.rows).toBe(list.total);
    expect(list.total).toBeGreaterThan(50); // more than one page of the list
    const leaked = Array.from({ length: ROWS }, (_, i) => validNik(i + 1)).filter((nik) => csv.includes(nik));
    expect(leaked).toEqual([]);
    expect(csv).toMatch(/3172\*{8}\d{4}/);
    expect(csv).not.toMatch(/0812\d{8}/);
    console.log(`filtered list ${list.total} rows = export ${rows.length - 1} rows; full NIKs in the masked export: ${leaked.length}`);
  });

  it("defuses a name a spreadsheet would run as a formula", async () => {
    const csv = await text(exportParticipants(env.db, coordinator, { filters: { q: "HYPERLINK" }, format: "csv", fullIdentity: false, t: translate, actorUserId: coordinator.id }).body);
    expect(lines(csv)[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it("with full identity: decrypts the NIK and logs who exported which list", async () => {
    const before = env.db.select().from(t.auditLog).all().length;
    const filters = { district: env.otherDistrict.id };
    const file = exportParticipants(env.db, coordinator, { filters, format: "csv", fullIdentity: true, t: translate, actorUserId: coordinator.id });
    const csv = await text(file.body);
    expect(csv).toContain(validNik(1)); // odd rows went to the second district
    const entries = env.db.select().from(t.auditLog).all().slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorUserId: coordinator.id, action: "export-full-identity", subject: "export:participants", detail: { filters, rows: file.rows, format: "csv" } });
    expect(JSON.stringify(entries[0])).not.toContain(validNik(1));
  });

  it("with full identity: records the stated purpose and every participant exported, never a search term in clear, and refuses more than the cap", async () => {
    const before = env.db.select().from(t.auditLog).all().length;
    const filters = { district: env.otherDistrict.id, q: "Peserta" };
    const purpose = "Verifikasi penerima KUR bersama Bank DKI";
    const file = exportParticipants(env.db, coordinator, { filters, format: "csv", fullIdentity: true, purpose, t: translate, actorUserId: coordinator.id });
    const exported = lines(await text(file.body)).slice(1).map((line) => Number(line.split(",")[0]));
    const [entry] = env.db.select().from(t.auditLog).all().slice(before);
    const detail = entry!.detail as { purpose: string; participantIds: number[]; filters: Record<string, unknown> };
    expect(detail.purpose).toBe(purpose);
    expect([...detail.participantIds].sort((a, b) => a - b)).toEqual([...exported].sort((a, b) => a - b));
    expect(detail.filters).toEqual({ district: env.otherDistrict.id, searched: true });
    expect(JSON.stringify(entry)).not.toContain("Peserta");

    process.env.PAS_EXPORT_MAX_ROWS = String(file.rows - 1);
    try {
      const count = env.db.select().from(t.auditLog).all().length;
      expect(() => exportParticipants(env.db, coordinator, { filters, format: "csv", fullIdentity: true, purpose, t: translate, actorUserId: coordinator.id })).toThrow(ExportRefused);
      expect(env.db.select().from(t.auditLog).all()).toHaveLength(count);
    } finally {
      delete process.env.PAS_EXPORT_MAX_ROWS;
    }
  });

  it("writes an XLSX that unzip and fflate read back, with the same rows", async () => {
    const filters = { district: env.district.id };
    const csvRows = lines(await text(exportParticipants(env.db, coordinator, { filters, format: "csv", fullIdentity: false, t: translate, actorUserId: coordinator.id }).body));
    const file = exportParticipants(env.db, coordinator, { filters, format: "xlsx", fullIdentity: false, t: translate, actorUserId: coordinator.id });
    const path = tempDbPath("export").replace(/\.sqlite$/, ".xlsx");
    writeFileSync(path, Buffer.from(await new Response(file.body).arrayBuffer()));
    execFileSync("unzip", ["-tq", path]); // checks every entry's CRC
    const sheet = execFileSync("unzip", ["-p", path, "xl/worksheets/sheet1.xml"]).toString("utf8");
    const xlsxRows = sheet.match(/<row>.*?<\/row>/g)!;
    expect(xlsxRows).toHaveLength(csvRows.length);
    // A second reader, fflate's unzip, reads back the same parts (it refuses a broken container).
    const parts = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(parts).sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    expect(strFromU8(parts["xl/worksheets/sheet1.xml"]!)).toBe(sheet);
    // Same ids in the same order.
    const idsOf = (rows: string[], id: (row: string) => string) => rows.slice(1).map(id);
    expect(idsOf(xlsxRows, (row) => row.match(/<v>(\d+)<\/v>/)![1]!)).toEqual(idsOf(csvRows, (row) => row.split(",")[0]!));
    console.log(`XLSX: ${xlsxRows.length - 1} data rows, CRC check passed`);
  });

  it("exports graduates' indicators (none yet: header only)", async () => {
    const csv = await text(exportIndicators(env.db, coordinator, { filters: {}, format: "csv", t: translate }).body);
    expect(lines(csv)).toHaveLength(1);
    expect(lines(csv)[0]).toContain("Omset awal (Rp)");
  });
});

describe("over HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ label: "export-http", participants: 200 });
  });
  afterAll(() => server?.stop());

  it("lets only coordinators import, and keeps each in their scope", async () => {
    const checked: string[] = [];
    for (const email of ["mentor.cakung@pas.demo", "umkm@pas.demo", "mitra@pas.demo"]) {
      const cookie = await signIn(server.url, email);
      expect((await get(server.url, "/impor", cookie)).status).toBe(404);
      expect((await postForm(server.url, "/impor", { intent: "check" }, { cookie })).status).toBe(404);
      expect((await get(server.url, "/ekspor/indikator?format=csv", cookie)).status).toBe(404);
      checked.push(email);
    }
    const province = await signIn(server.url, "koordinator@pas.demo");
    expect((await get(server.url, "/impor", province)).status).toBe(200);

    // A city coordinator (Jakarta Timur) asking for a Jakarta Pusat district: 404, not an empty file.
    const city = await signIn(server.url, "koordinator.jaktim@pas.demo");
    const gambir = server.sql.prepare("SELECT id FROM districts WHERE name = 'Gambir'").get() as { id: number };
    const cakung = server.sql.prepare("SELECT id FROM districts WHERE name = 'Cakung'").get() as { id: number };
    expect((await get(server.url, `/ekspor/peserta?format=csv&district=${gambir.id}`, city)).status).toBe(404);
    expect((await get(server.url, `/ekspor/indikator?format=xlsx&district=${gambir.id}`, city)).status).toBe(404);
    const own = await get(server.url, `/ekspor/peserta?format=csv&district=${cakung.id}`, city);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-disposition")).toMatch(/attachment; filename="peserta-\d{4}-\d{2}-\d{2}\.csv"/);
    const ownRows = lines(await own.text()).length - 1;
    const inCakung = (server.sql.prepare("SELECT count(*) AS n FROM participants WHERE district_id = ?").get(cakung.id) as { n: number }).n;
    expect(ownRows).toBe(inCakung);
    // Nor full identity: that is the province coordinator's alone, and a POST.
    expect((await postForm(server.url, "/ekspor/peserta", { format: "csv" }, { cookie: city })).status).toBe(404);
    const mentor = await signIn(server.url, "mentor.cakung@pas.demo");
    expect((await postForm(server.url, "/ekspor/peserta", { format: "csv" }, { cookie: mentor })).status).toBe(404);
    expect((await get(server.url, "/ekspor/peserta?format=xlsx", mentor)).status).toBe(200);
    const unexplained = await postForm(server.url, `/ekspor/peserta?district=${cakung.id}`, { format: "csv" }, { cookie: province });
    expect(unexplained.status).toBe(400);
    expect(await unexplained.text()).toContain("keperluan");
    const full = await postForm(server.url, `/ekspor/peserta?district=${cakung.id}`, { format: "csv", purpose: "Verifikasi penerima KUR bersama Bank DKI" }, { cookie: province });
    expect(full.status).toBe(200);
    expect(await full.text()).toMatch(/\n\d+,[^\r]*,31\d{14},/);
    const logged = server.sql.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'export-full-identity'").get() as { n: number };
    expect(logged.n).toBe(1);
    console.log(`import refused (404) for ${checked.length} roles; city coordinator: other city 404, own city ${ownRows} rows; full-identity exports logged: ${logged.n}`);
  });

  it("exports graduates' indicators for the coordinator's scope", async () => {
    const city = await signIn(server.url, "koordinator.jaktim@pas.demo");
    const response = await get(server.url, "/ekspor/indikator?format=csv", city);
    expect(response.status).toBe(200);
    const rows = lines(await response.text()).length - 1;
    const graduated = server.sql
      .prepare("SELECT count(*) AS n FROM participants p JOIN districts d ON d.id = p.district_id JOIN cities c ON c.id = d.city_id WHERE p.status = 'graduated' AND c.name = 'Jakarta Timur'")
      .get() as { n: number };
    expect(rows).toBe(graduated.n);
    console.log(`indicators: ${rows} graduated participants in Jakarta Timur`);
  });

  it("imports a file through the page's multipart form", async () => {
    const cookie = await signIn(server.url, "koordinator@pas.demo");
    const agency = server.sql.prepare("SELECT id FROM agencies WHERE code = 'PPKUKM'").get() as { id: number };
    const post = (intent: string, csv: string) => {
      const form = new FormData();
      form.set("agencyId", String(agency.id));
      form.set("intent", intent);
      form.set("file", new File([csv], "daftar.csv", { type: "text/csv" }));
      return fetch(`${server.url}/impor`, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie, Origin: server.url, "Sec-Fetch-Site": "same-origin" } });
    };
    const before = (server.sql.prepare("SELECT count(*) AS n FROM participants").get() as { n: number }).n;
    const bad = await post("import", validImportCsv(20, ["Cakung", "Atlantis"], 700_000));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Kecamatan tidak dikenal.");
    const good = await post("import", validImportCsv(20, ["Cakung"], 700_000));
    expect(good.status).toBe(303);
    const after = (server.sql.prepare("SELECT count(*) AS n FROM participants").get() as { n: number }).n;
    expect(after - before).toBe(20);
  });
});
