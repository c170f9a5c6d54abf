// Never lose a move: a real server takes move POSTs from many clients and is killed with SIGKILL
// mid-run, then restarted. Every acknowledged move must be in the log, the file must be intact, and
// every participant's stored state must equal the replay of its log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { replayMismatches } from "../helpers/replay";
import { get, signIn, startServer, type TestServer } from "../helpers/server";
import { startMoveClients } from "./moves-under-stress";

const CLIENTS = 40;

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ label: "crash", participants: 300 });
});

afterAll(async () => {
  await server?.stop();
});

function activeParticipants(n: number) {
  return server.sql
    .prepare("SELECT id, version, status FROM participants WHERE status = 'active' ORDER BY id LIMIT ?")
    .all(n) as { id: number; version: number; status: string }[];
}

describe("a crash in the middle of writing moves", () => {
  it("keeps every acknowledged move, an intact file and a log that replays to the stored state", async () => {
    const cookie = await signIn(server.url, "koordinator@pas.demo");
    const participants = activeParticipants(CLIENTS);
    expect(participants).toHaveLength(CLIENTS);

    const clients = startMoveClients(server.url, cookie, participants);
    await clients.acknowledgedAtLeast(300);
    await server.crash(); // SIGKILL while requests are in flight
    await clients.stop();
    expect(clients.unexpected).toEqual([]);
    const acknowledged = [...clients.acknowledged];

    // Read the file as the restarted server will: a new connection recovers the WAL.
    const db = openDatabase(server.dbPath);
    try {
      const find = db.$client.prepare("SELECT event_type FROM transition_log WHERE participant_id = ? AND version = ?");
      const missing = acknowledged.filter((a) => (find.get(a.participantId, a.version) as { event_type?: string } | undefined)?.event_type !== a.event);
      const integrity = db.$client.pragma("integrity_check", { simple: true });
      const { checked, mismatched } = replayMismatches(db);
      console.log(
        `crash: ${acknowledged.length} moves acknowledged by ${CLIENTS} clients, ${acknowledged.length - missing.length} found in the log ` +
          `(${clients.unanswered} requests cut off by the kill); integrity_check: ${integrity}; ` +
          `${checked} participants replayed, ${mismatched.length} mismatches`,
      );
      expect(missing).toEqual([]);
      expect(integrity).toBe("ok");
      expect(mismatched).toEqual([]);
    } finally {
      db.$client.close();
    }

    // The restarted server serves and takes moves where the log left off.
    await server.restart();
    expect((await get(server.url, "/masuk")).status).toBe(200);
    const after = startMoveClients(server.url, await signIn(server.url, "koordinator@pas.demo"), activeParticipants(CLIENTS).slice(0, 5));
    await after.acknowledgedAtLeast(10);
    await after.stop();
    expect(after.unexpected).toEqual([]);
  });
});
