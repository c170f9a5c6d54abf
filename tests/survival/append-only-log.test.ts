// The transition log is append-only for every way SQL can rewrite a row, not only UPDATE and DELETE:
// INSERT OR REPLACE and REPLACE delete the old row without firing the DELETE trigger, and an upsert
// turns into an UPDATE. On a real database made by the real migrations. Before: INSERT OR REPLACE
// replaced an entry although the UPDATE and DELETE triggers were in place.
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabase, removeDbFiles } from "../helpers/db";

let fixture: ReturnType<typeof freshDatabase>;
let participantId: number;

beforeAll(() => {
  fixture = freshDatabase("append-only-log");
  fixture.register();
  participantId = fixture.db.$client.prepare("SELECT max(id) FROM participants").pluck().get() as number;
});

afterAll(() => {
  fixture.db.$client.close();
  removeDbFiles(fixture.path);
});

type Entry = { id: number; participant_id: number; version: number; event_type: string; event: string; at: number };

const entries = () => fixture.db.$client.prepare("SELECT * FROM transition_log WHERE participant_id = ? ORDER BY id").all(participantId) as Entry[];

it("refuses every statement that would rewrite or remove an entry, and the log stays as it was", () => {
  const sqlite = fixture.db.$client;
  const before = entries();
  const first = before[0]!;
  expect(before.length).toBeGreaterThan(0);
  const columns = "(id, participant_id, version, event_type, event, at, machine_version, rules_version)";
  const values = `(${first.id}, ${participantId}, ${first.version}, 'FORGED', '{}', 0, 1, 1)`;
  const attempts = [
    `INSERT OR REPLACE INTO transition_log ${columns} VALUES ${values}`,
    `REPLACE INTO transition_log ${columns} VALUES ${values}`,
    // Same participant and version under a new id: REPLACE would delete the original through the unique index.
    `INSERT OR REPLACE INTO transition_log (participant_id, version, event_type, event, at, machine_version, rules_version) VALUES (${participantId}, ${first.version}, 'FORGED', '{}', 0, 1, 1)`,
    `INSERT INTO transition_log ${columns} VALUES ${values} ON CONFLICT(id) DO UPDATE SET event_type = 'FORGED'`,
    `INSERT INTO transition_log (participant_id, version, event_type, event, at, machine_version, rules_version) VALUES (${participantId}, ${first.version}, 'FORGED', '{}', 0, 1, 1) ON CONFLICT(participant_id, version) DO UPDATE SET event_type = 'FORGED'`,
    `INSERT OR IGNORE INTO transition_log ${columns} VALUES ${values}`,
    `UPDATE transition_log SET event_type = 'FORGED' WHERE id = ${first.id}`,
    `UPDATE OR REPLACE transition_log SET event_type = 'FORGED' WHERE id = ${first.id}`,
    `DELETE FROM transition_log WHERE id = ${first.id}`,
  ];
  const outcomes = attempts.map((statement) => {
    try {
      sqlite.exec(statement);
      return "ALLOWED";
    } catch (error) {
      return (error as Error).message;
    }
  });
  console.log(`append-only log: ${outcomes.filter((o) => o !== "ALLOWED").length} of ${attempts.length} rewriting statements refused`);
  for (const [i, outcome] of outcomes.entries()) expect(outcome, attempts[i]).toMatch(/append-only/);
  expect(entries()).toEqual(before);
});

it("still takes a new entry after the last one", () => {
  const last = entries().at(-1)!;
  fixture.db.$client
    .prepare("INSERT INTO transition_log (participant_id, version, event_type, event, at, machine_version, rules_version) VALUES (?, ?, 'NOTE', '{}', ?, 1, 1)")
    .run(participantId, last.version + 1, Date.now());
  expect(entries().at(-1)).toMatchObject({ version: last.version + 1, event_type: "NOTE" });
});
