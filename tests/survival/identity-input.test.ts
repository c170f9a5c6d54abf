// Identity as people type it, over HTTP to the real server: an NIK whose birth date the calendar
// does not have is refused with words and writes nothing, and a name carrying a right-to-left
// override or zero-width characters is stored clean, so it cannot pose as another name in a list.
// Before: 31 February (and 30 February + 40 for a woman) were accepted; the override was stored.
import { afterAll, beforeAll, expect, it } from "vitest";
import { postForm, signIn, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let mentor: string;
let district: number;

beforeAll(async () => {
  server = await startServer({ label: "identity-input", participants: 30 });
  mentor = await signIn(server.url, "mentor.cakung@pas.demo");
  district = server.sql.prepare("SELECT id FROM districts WHERE name = 'Cakung'").pluck().get() as number;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const walkIn = (fields: Record<string, string>) => ({
  fullName: "Rudi Hartono",
  nik: "3172011203880004",
  phone: "081311223344",
  track: "naik_kelas",
  businessName: "Bengkel Rudi",
  sector: "jasa",
  districtId: String(district),
  developmentPlan: "on",
  ownershipProof: "on",
  ...fields,
});

const participants = () => server.sql.prepare("SELECT count(*) FROM participants").pluck().get() as number;

it("an NIK born on 31 February, or on 30 February as a woman, is refused and nothing is written", async () => {
  for (const nik of ["3172013102880004", "3172017002880005", "3172013104880006"]) {
    const before = participants();
    const response = await postForm(server.url, "/peserta/baru", walkIn({ nik }), { cookie: mentor });
    const page = await response.text();
    console.log(`walk-in with NIK ${nik.slice(6, 12)} (ddmmyy): ${response.status}`);
    expect(response.status).toBe(400);
    expect(page).toContain("tanggal lahir");
    expect(participants()).toBe(before);
  }
});

it("a name with a right-to-left override and zero-width characters is stored clean", async () => {
  const response = await postForm(
    server.url,
    "/peserta/baru",
    walkIn({ fullName: "Dewi \u202Eitnas\u202C\u200B Lestari", nik: "3172015507900007", businessName: "Warung\u200D Dewi" }),
    { cookie: mentor },
  );
  expect(response.status).toBe(303);
  const row = server.sql.prepare("SELECT full_name AS name, business_name AS business FROM participants ORDER BY id DESC LIMIT 1").get() as { name: string; business: string };
  console.log(`stored name: ${JSON.stringify(row.name)}, business: ${JSON.stringify(row.business)}`);
  expect(row.name).toBe("Dewi itnas Lestari");
  expect(row.business).toBe("Warung Dewi");
});
