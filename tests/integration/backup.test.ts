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

describe("backup with files", () => {
  it("copies every file the snapshot names beside it, and the restore check finds each with its hash", async () => {
    const { writeFileSync, rmSync } = await import("node:fs");
    const { createHash } = await import("node:crypto");
    const { fileStore } = await import("../../db/file-store");
    const { backupWithFiles, checkFiles } = await import("../../db/backup");
    const storeDir = `${env.path}-files`;
    const store = fileStore(storeDir);
    const p = env.register();
    const put = async (text: string) => {
      const temp = store.tempPath();
      writeFileSync(temp, text);
      const hash = createHash("sha256").update(text).digest("hex");
      await store.commit(temp, hash);
      return hash;
    };
    const insert = env.db.$client.prepare(
      "INSERT INTO files (participant_id, purpose, sha256, thumb_sha256, type, name, size, added_at, withdrawn_at) VALUES (?, 'ktp', ?, ?, 'image/jpeg', 'ktp.jpg', ?, 0, ?)",
    );
    const main = await put("gambar utama");
    const thumb = await put("gambar kecil");
    insert.run(p.participantId, main, thumb, 12, null);
    // A withdrawn file's bytes are gone and the backup does not look for them.
    insert.run(p.participantId, "0".repeat(64), null, 1, Date.now());

    const target = tempDbPath("backup-files");
    copies.push(target);
    const result = await backupWithFiles(env.path, target, storeDir);
    expect(result).toMatchObject({ integrity: "ok", foreignKeyProblems: 0, files: { referenced: 2, missing: [], mismatched: [] } });

    // The check fails on a changed file and on a missing one.
    const backupStore = fileStore(`${target}-files`);
    rmSync(backupStore.pathOf(main));
    writeFileSync(backupStore.pathOf(main), "diubah");
    rmSync(backupStore.pathOf(thumb));
    const broken = await checkFiles(target, `${target}-files`);
    expect(broken).toMatchObject({ referenced: 2, missing: [thumb], mismatched: [main] });
    rmSync(`${target}-files`, { recursive: true, force: true });
    rmSync(storeDir, { recursive: true, force: true });
  });
});
