// The person's own data against a real database: an erasure request is carried out only for a
// withdrawn participant and only once; it removes the identity (name, NIK, phone, business, the
// account's e-mail and sessions) and keeps the append-only transition log; every step is audited.
import { afterAll, beforeAll, expect, it } from "vitest";
import * as t from "../../db/schema";
import { eq } from "drizzle-orm";
import { carryOutErasure, ERASED, ownData, requestAboutOwnData } from "../../app/modules/entrepreneur/own-data.server";
import { freshDatabase, removeDbFiles } from "../helpers/db";

let env: ReturnType<typeof freshDatabase>;
let participantId: number;
let userId: number;
let coordinatorId: number;

beforeAll(() => {
  env = freshDatabase("own-data");
  env.register();
  participantId = env.db.$client.prepare("SELECT max(id) FROM participants").pluck().get() as number;
  userId = env.db.insert(t.users).values({ email: "siti@contoh.id", name: "Siti", role: "entrepreneur", passwordHash: "x" }).returning().get().id;
  coordinatorId = env.db.insert(t.users).values({ email: "prov@contoh.id", name: "Prov", role: "coordinator", passwordHash: "x" }).returning().get().id;
  env.db.update(t.participants).set({ userId }).where(eq(t.participants.id, participantId)).run();
});

afterAll(() => {
  env.db.$client.close();
  removeDbFiles(env.path);
});

it("erases the identity of a withdrawn participant once, keeps the log, and audits each step", async () => {
  const logBefore = env.db.$client.prepare("SELECT count(*) FROM transition_log WHERE participant_id = ?").pluck().get(participantId);
  expect(ownData(env.db, userId, { fullNik: true })?.record.nik).toMatch(/^3172/);
  expect(requestAboutOwnData(env.db, userId, "erasure", "Saya mundur, hapus data saya")).toBe("sent");
  expect(requestAboutOwnData(env.db, userId, "erasure", "Sekali lagi, hapus data saya")).toBe("already-open");
  const requestId = env.db.$client.prepare("SELECT id FROM data_requests WHERE kind = 'erasure'").pluck().get() as number;

  expect(await carryOutErasure(env.db, coordinatorId, requestId)).toBe("not-withdrawn");
  env.db.$client.prepare("UPDATE participants SET status = 'withdrawn' WHERE id = ?").run(participantId);
  expect(await carryOutErasure(env.db, coordinatorId, requestId)).toBeNull();
  expect(await carryOutErasure(env.db, coordinatorId, requestId)).toBe("not-open");

  const row = env.db.select().from(t.participants).where(eq(t.participants.id, participantId)).get()!;
  expect(row).toMatchObject({ fullName: ERASED, nikCipher: "", nikLast4: "", nikMasked: ERASED, phone: null, businessName: ERASED });
  const user = env.db.select().from(t.users).where(eq(t.users.id, userId)).get()!;
  expect(user.email).not.toContain("siti");
  expect(user.active).toBe(false);
  expect(env.db.$client.prepare("SELECT count(*) FROM transition_log WHERE participant_id = ?").pluck().get(participantId)).toBe(logBefore);
  const actions = env.db.$client.prepare("SELECT action FROM audit_log WHERE action LIKE 'own-data.%' ORDER BY id").pluck().all();
  expect(actions).toEqual(["own-data.erasure-requested", "own-data.erased"]);
});
