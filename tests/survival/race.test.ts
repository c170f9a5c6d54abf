// 100 people (or one impatient person) submit the same move for one participant at the same moment,
// each against the version they were shown: it applies exactly once, and every other submission gets
// the "already changed" message without changing anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postForm, signIn, startServer, type TestServer } from "../helpers/server";

const SUBMISSIONS = 100;

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ label: "race", participants: 100 });
});

afterAll(async () => {
  await server?.stop();
});

describe("racing identical moves", () => {
  it(`applies ${SUBMISSIONS} concurrent submissions of the same move exactly once`, async () => {
    const cookies = await Promise.all(["koordinator@pas.demo", "mentor.cakung@pas.demo"].map((email) => signIn(server.url, email)));
    const target = server.sql
      .prepare(
        `SELECT p.id, p.version FROM participants p JOIN districts d ON d.id = p.district_id
         WHERE p.status = 'active' AND d.name = 'Cakung' AND p.agency_id = (SELECT agency_id FROM users WHERE email = 'mentor.cakung@pas.demo')
         ORDER BY p.id LIMIT 1`,
      )
      .get() as { id: number; version: number };
    const logRows = () => (server.sql.prepare("SELECT count(*) n FROM transition_log WHERE participant_id = ?").get(target.id) as { n: number }).n;
    const before = logRows();

    const responses = await Promise.all(
      Array.from({ length: SUBMISSIONS }, (_, i) =>
        postForm(
          server.url,
          `/peserta/${target.id}`,
          { intent: "move", formId: "move-HOLD", version: String(target.version), event: "HOLD", reason: "Cuti melahirkan" },
          { cookie: cookies[i % cookies.length] },
        ).then(async (r) => ({ status: r.status, body: await r.text() })),
      ),
    );

    const applied = responses.filter((r) => r.status === 303).length;
    const refused = responses.filter((r) => r.status === 409);
    const toldAlreadyChanged = refused.filter((r) => r.body.includes("Data peserta ini baru saja diubah orang lain")).length;
    console.log(`race: ${SUBMISSIONS} identical submissions, ${applied} applied, ${refused.length} refused (${toldAlreadyChanged} told it had already changed)`);
    expect(applied).toBe(1);
    expect(refused).toHaveLength(SUBMISSIONS - 1);
    expect(toldAlreadyChanged).toBe(SUBMISSIONS - 1);
    expect(logRows()).toBe(before + 1);
    expect(server.sql.prepare("SELECT version, status FROM participants WHERE id = ?").get(target.id)).toEqual({
      version: target.version + 1,
      status: "on_hold",
    });
  });
});
