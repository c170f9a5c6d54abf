// Self-registration with its optional documents (/daftar), over HTTP against the real server: a KTP
// photo and a business plan sent with the form wait until the phone's code is typed, then become the
// new participant's P1 documents, with the KTP's rules (no thumbnail, never a GET, a full view only
// for the mentors who verify P1 and province coordinators, each view logged). A refused file refuses
// the sign-up with a clear message and keeps nothing; a sign-up that ends as a duplicate keeps nothing.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, signIn, startServer, type TestServer } from "../helpers/server";

const FILE_MAX = 300_000;
let server: TestServer;

const storeDir = () => `${server.dbPath}-files`;
/** Stored bytes (not temp files): what a sign-up keeps once confirmed. */
const stored = (): string[] =>
  existsSync(storeDir())
    ? readdirSync(storeDir(), { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && !entry.parentPath.endsWith("tmp"))
        .map((entry) => join(entry.parentPath, entry.name))
        .sort()
    : [];
const temps = (): string[] => (existsSync(join(storeDir(), "tmp")) ? readdirSync(join(storeDir(), "tmp")).sort() : []);
const count = (table: string) => (server.sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const snapshot = () => ({ users: count("users"), participants: count("participants"), codes: count("one_time_codes"), files: count("files"), stored: stored(), temps: temps() });

let serial = 0;
function form(overrides: Record<string, string> = {}): Record<string, string> {
  serial++;
  const cakung = (server.sql.prepare("SELECT id FROM districts WHERE name = 'Cakung'").get() as { id: number }).id;
  return {
    fullName: `Rina Ayu ${serial}`,
    nik: `31740155089088${String(serial).padStart(2, "0")}`,
    phone: `0812 5555 10${String(serial).padStart(2, "0")}`,
    email: `rina${serial}@contoh.id`,
    password: "nasi uduk betawi pagi hari",
    track: "pemula",
    businessName: `Warung Rina ${serial}`,
    sector: "kuliner",
    districtId: String(cakung),
    businessPlan: "on",
    ...overrides,
  };
}

type Part = { field: string; name: string; bytes: Buffer; type?: string };
function register(fields: Record<string, string>, files: Part[]): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  return fetch(`${server.url}/daftar`, { method: "POST", redirect: "manual", headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin" }, body });
}

/** The code the demo keeps in its outbox, typed on /daftar/kode. */
async function confirm(started: Response): Promise<Response> {
  expect(started.status, await started.clone().text().then((t) => t.slice(0, 300))).toBe(303);
  const ticket = new URL(started.headers.get("location")!, server.url).searchParams.get("n")!;
  const { target } = server.sql.prepare("SELECT target FROM one_time_codes WHERE id = ?").get(Number(ticket)) as { target: string };
  const { body } = server.sql.prepare("SELECT body FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1").get(target) as { body: string };
  const code = /(\d{6})/.exec(body)![1]!;
  return fetch(`${server.url}/daftar/kode`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ n: ticket, code }),
  });
}

const ktpPhoto = () =>
  sharp({ create: { width: 1200, height: 760, channels: 3, background: "#9ab" } })
    .jpeg()
    .withExif({ IFD0: { Make: "PAS-Test-Camera" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 49/1 0/1" } })
    .toBuffer();
const PLAN = Buffer.from("%PDF-1.4\n% rencana usaha\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

beforeAll(async () => {
  server = await startServer({
    label: "signup-documents",
    participants: 60,
    env: { PAS_UPLOAD_MAX_BYTES: String(FILE_MAX), PAS_LIMIT_SIGNUP_PER_ADDRESS: "100/3600", PAS_LIMIT_ANONYMOUS_POSTS_PER_ADDRESS: "1000/3600" },
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("a sign-up with its KTP photo and business plan", () => {
  let fields: Record<string, string>;
  let participantId: number;
  let ktp: number;
  let plan: number;

  it("keeps the documents waiting until the code is typed, then makes them the new participant's P1 documents", async () => {
    fields = form();
    const before = snapshot();
    const started = await register(fields, [
      { field: "ktpFile", name: "ktp.jpg", bytes: await ktpPhoto(), type: "image/jpeg" },
      { field: "businessPlanFile", name: "rencana-usaha.pdf", bytes: PLAN, type: "application/pdf" },
    ]);
    // Checked and re-encoded now, but nothing is stored under a hash and no row names them yet.
    expect(snapshot()).toMatchObject({ participants: before.participants, files: before.files, stored: before.stored });
    expect(temps().length).toBeGreaterThan(before.temps.length);

    const confirmed = await confirm(started);
    expect(confirmed.status).toBe(303);
    const row = server.sql.prepare("SELECT p.id, p.user_id AS userId FROM participants p JOIN users u ON u.id = p.user_id WHERE u.email = ?").get(fields.email) as { id: number; userId: number };
    participantId = row.id;
    const files = server.sql.prepare("SELECT id, purpose, type, name, added_by AS addedBy, evidence_id AS evidenceId FROM files WHERE participant_id = ? ORDER BY id").all(participantId) as {
      id: number; purpose: string; type: string; name: string; addedBy: number; evidenceId: number | null;
    }[];
    expect(files.map((f) => [f.purpose, f.type, f.name, f.addedBy, f.evidenceId])).toEqual([
      ["ktp", "image/jpeg", "ktp.jpg", row.userId, null],
      ["business_plan", "application/pdf", "rencana-usaha.pdf", row.userId, null],
    ]);
    [ktp, plan] = files.map((f) => f.id) as [number, number];
    expect(temps()).toEqual(before.temps);
  });

  it("the verifying mentor sees both on the participant's documents page; the KTP opens only by a logged POST, without EXIF", async () => {
    const mentor = await signIn(server.url, "mentor.cakung@pas.demo");
    const page = await (await get(server.url, `/peserta/${participantId}/berkas`, mentor)).text();
    expect(page).toContain(`action="/berkas/${ktp}"`);
    expect(page).toContain(`href="/berkas/${plan}"`);
    expect(page).not.toContain(`/berkas/${ktp}/kecil`);
    const view = await fetch(`${server.url}/berkas/${ktp}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", Cookie: mentor },
      body: "intent=view",
    });
    expect(view.status).toBe(200);
    const bytes = Buffer.from(await view.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    const logged = server.sql.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'view-identity-document' AND subject = ?").get(`file:${ktp}`) as { n: number };
    expect(logged.n).toBe(1);
  });

  it("who may open which: the KTP only the district's mentor and the province coordinator; the plan those who see the participant (0 leaks)", async () => {
    const accounts: [string, string | undefined, { ktp: boolean; plan: boolean }][] = [
      ["anonymous", undefined, { ktp: false, plan: false }],
      ["the new entrepreneur", await signIn(server.url, fields.email!, fields.password!), { ktp: false, plan: true }],
      ["mentor of Cakung", await signIn(server.url, "mentor.cakung@pas.demo"), { ktp: true, plan: true }],
      ["mentor of Gambir", await signIn(server.url, "mentor.gambir@pas.demo"), { ktp: false, plan: false }],
      ["city coordinator", await signIn(server.url, "koordinator.jaktim@pas.demo"), { ktp: false, plan: true }],
      ["province coordinator", await signIn(server.url, "koordinator@pas.demo"), { ktp: true, plan: true }],
      ["partner", await signIn(server.url, "mitra@pas.demo"), { ktp: false, plan: false }],
    ];
    const leaks: string[] = [];
    let checked = 0;
    for (const [who, cookie, may] of accounts) {
      const view = await fetch(`${server.url}/berkas/${ktp}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.url, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
        body: "intent=view",
      });
      const checks: [string, Response, boolean][] = [
        ["POST view KTP", view, may.ktp],
        ["GET KTP", await get(server.url, `/berkas/${ktp}`, cookie), false],
        ["GET KTP thumbnail", await get(server.url, `/berkas/${ktp}/kecil`, cookie), false],
        ["GET plan", await get(server.url, `/berkas/${plan}`, cookie), may.plan],
      ];
      for (const [what, response, allowed] of checks) {
        await response.arrayBuffer();
        checked++;
        if ((response.status === 200) !== allowed) leaks.push(`${who} ${what}: ${response.status}`);
      }
    }
    console.log(`sign-up documents: ${checked} requests checked, ${leaks.length} wrong`);
    expect(leaks).toEqual([]);
  });

  it("without documents, the same form still registers (nothing stored)", async () => {
    const before = snapshot();
    const confirmed = await confirm(await register(form(), []));
    expect(confirmed.status).toBe(303);
    expect(count("participants")).toBe(before.participants + 1);
    expect(count("files")).toBe(before.files);
  });
});

describe("refused documents refuse the sign-up and keep nothing", () => {
  const cases: [string, () => Promise<Part[]>, Record<string, string>, number, string][] = [
    ["an HTML file named .jpg as the KTP", async () => [{ field: "ktpFile", name: "ktp.jpg", bytes: Buffer.from("<!doctype html><script>alert(1)</script>") }], {}, 400, "bukan foto JPEG, PNG, WebP atau PDF"],
    ["a 0-byte business plan", async () => [{ field: "businessPlanFile", name: "rencana.pdf", bytes: Buffer.alloc(0) }], {}, 400, "kosong (0 bita)"],
    ["a KTP one byte over the limit", async () => [{ field: "ktpFile", name: "ktp.pdf", bytes: Buffer.concat([PLAN, Buffer.alloc(FILE_MAX + 1 - PLAN.length)]) }], {}, 413, "lebih besar dari"],
    ["two files as the KTP", async () => [{ field: "ktpFile", name: "a.jpg", bytes: await ktpPhoto() }, { field: "ktpFile", name: "b.jpg", bytes: await ktpPhoto() }], {}, 400, "Pilih bukti atau jenis dokumen"],
    ["a file under a name the form does not have", async () => [{ field: "files", name: "x.jpg", bytes: await ktpPhoto() }], {}, 400, "Pilih bukti atau jenis dokumen"],
    ["a good KTP with a form that is refused", async () => [{ field: "ktpFile", name: "ktp.jpg", bytes: await ktpPhoto() }], { nik: "123" }, 400, "NIK"],
  ];
  for (const [name, files, overrides, status, fragment] of cases) {
    it(`refuses ${name} with a clear message`, async () => {
      const before = snapshot();
      const response = await register(form(overrides), await files());
      const html = (await response.text()).replace(/&#x27;/g, "'");
      expect(response.status, html.slice(0, 300)).toBe(status);
      expect(html).toContain(fragment);
      expect(snapshot()).toEqual(before);
    });
  }

  it("a sign-up that turns out a duplicate after its code keeps none of its documents", async () => {
    const first = form();
    expect((await confirm(await register(first, []))).status).toBe(303);
    const before = snapshot();
    const again = form({ nik: first.nik! });
    const confirmed = await confirm(await register(again, [{ field: "ktpFile", name: "ktp-lagi.jpg", bytes: await ktpPhoto() }]));
    expect(confirmed.status).toBe(200);
    expect({ ...snapshot(), codes: before.codes }).toEqual(before);
  });
});
