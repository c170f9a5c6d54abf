// npm run backup: an online copy that passes integrity and foreign-key checks and holds every move.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { backupDatabase, checkDatabaseFile } from "../../db/backup";
import { applyMove } from "../../app/modules/journey/journey.server";
import { freshDatabase, removeDbFiles, tempDbPath } from "../helpers/db";

let env: ReturnType<typeof freshDatabase>;
const copies: string[] = [];
beforeAll(() => {
  env = freshDatabase("backup-source");
});
afterAll(() => {
  env.close();
  copies.forEach(removeDbFiles);
});

describe("backup", () => {
  it("copies a live database (WAL not yet checkpointed) with every committed move, and the copy checks clean", () => {
    for (let i = 0; i < 20; i++) {
      const p = env.register();
      applyMove(env.db, { participantId: p.participantId, expectedVersion: p.version, event: { type: "VERIFY" }, actorUserId: null });
    }
    const target = tempDbPath("backup-copy");
    copies.push(target);
    // The source connection stays open and keeps writing: the copy is a snapshot of what was committed.
    const result = backupDatabase(env.path, target);
    const later = env.register();
    expect(result).toMatchObject({ integrity: "ok", foreignKeyProblems: 0 });
    const copy = new Database(target, { readonly: true });
    const count = (db: Database.Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count(copy, "SELECT count(*) n FROM participants")).toBe(20);
    expect(count(copy, "SELECT count(*) n FROM transition_log")).toBe(count(env.db.$client, `SELECT count(*) n FROM transition_log WHERE participant_id <> ${later.participantId}`));
    copy.close();
  });

  it("refuses to overwrite an existing file or to copy a database that is not there", () => {
    const target = tempDbPath("backup-exists");
    copies.push(target);
    backupDatabase(env.path, target);
    expect(() => backupDatabase(env.path, target)).toThrow(/exists already/);
    expect(() => backupDatabase(tempDbPath("missing"), tempDbPath("never"))).toThrow(/No database/);
    expect(checkDatabaseFile(target).integrity).toBe("ok");
  });
});
