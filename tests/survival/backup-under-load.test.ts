// `npm run backup` while moves are being written: the copy is a consistent database that passes the
// same checks as after a crash (integrity, foreign keys, every participant equal to its log's replay).
import { execFile } from "node:child_process";
import { copyFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { checkDatabaseFile } from "../../db/backup";
import { removeDbFiles, tempDbPath } from "../helpers/db";
import { replayMismatches } from "../helpers/replay";
import { signIn, startServer, type TestServer } from "../helpers/server";
import { startMoveClients } from "./moves-under-stress";

let server: TestServer;
const copies: string[] = [];

beforeAll(async () => {
  server = await startServer({ label: "backup-load", participants: 300 });
});

afterAll(async () => {
  await server?.stop();
  for (const copy of copies) removeDbFiles(copy);
});

describe("an online backup while moves are written", () => {
  it("gives a copy that restores to a consistent database", async () => {
    const participants = server.sql
      .prepare("SELECT id, version, status FROM participants WHERE status = 'active' ORDER BY id DESC LIMIT 20")
      .all() as { id: number; version: number; status: string }[];
    const clients = startMoveClients(server.url, await signIn(server.url, "koordinator@pas.demo"), participants);
    await clients.acknowledgedAtLeast(50);

    const backup = tempDbPath("backup-copy");
    copies.push(backup);
    const ackedBeforeBackup = clients.acknowledged.length;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "db/backup.ts", backup], {
      env: { ...process.env, DATABASE_PATH: server.dbPath },
    });
    const ackedDuringBackup = clients.acknowledged.length - ackedBeforeBackup;
    await clients.acknowledgedAtLeast(clients.acknowledged.length + 20); // writing went on after the copy
    await clients.stop();
    expect(clients.unexpected).toEqual([]);

    // Restore: the copy is an ordinary database file; put it where a server would open it.
    const restored = tempDbPath("backup-restored");
    copies.push(restored);
    copyFileSync(backup, restored);
    const checks = checkDatabaseFile(restored);
    const db = openDatabase(restored);
    try {
      const { checked, mismatched } = replayMismatches(db);
      const logRows = (db.$client.prepare("SELECT count(*) n FROM transition_log").get() as { n: number }).n;
      console.log(
        `backup under load: ${ackedBeforeBackup} moves acknowledged before, ${ackedDuringBackup} during the backup; ` +
          `copy has ${logRows} log rows; integrity_check: ${checks.integrity}; foreign key problems: ${checks.foreignKeyProblems}; ` +
          `${checked} participants replayed, ${mismatched.length} mismatches`,
      );
      expect(stdout).toMatch(/ok/i);
      expect(checks).toEqual({ integrity: "ok", foreignKeyProblems: 0 });
      expect(mismatched).toEqual([]);
      // Every move acknowledged before the backup began is in the copy.
      const find = db.$client.prepare("SELECT 1 FROM transition_log WHERE participant_id = ? AND version = ?");
      const lost = clients.acknowledged.slice(0, ackedBeforeBackup).filter((a) => !find.get(a.participantId, a.version));
      expect(lost).toEqual([]);
    } finally {
      db.$client.close();
    }
  });
});
