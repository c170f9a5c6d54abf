// The statements every move runs, prepared once per database handle. Building and preparing them
// anew for each move cost more than running them (tests/bench: one move through the service).
import { and, eq, sql } from "drizzle-orm";
import { perDatabase, type Db } from "../../../db/client";
import { participants, transitionLog } from "../../../db/schema";
import { counterColumns } from "../dashboard/counters.server";

const p = (name: string) => sql.placeholder(name);
// update().set() types take SQL, not a bare placeholder; as SQL it gets no column encoder, so the
// caller passes the snapshot as JSON text.
const setTo = (name: string) => sql`${sql.placeholder(name)}`;

function prepare(db: Db) {
  return {
    /** The row a move starts from: version, snapshot, and what the counters and the update need. */
    read: db
      .select({ version: participants.version, snapshot: participants.snapshot, statusReason: participants.statusReason, ...counterColumns })
      .from(participants)
      .where(eq(participants.id, p("id")))
      .prepare(),
    /** Every journey column at once (one statement shape), only where the version is still the one read. */
    update: db
      .update(participants)
      .set({
        status: setTo("status"),
        statusReason: setTo("statusReason"),
        p1State: setTo("p1State"),
        p2State: setTo("p2State"),
        p3State: setTo("p3State"),
        p4State: setTo("p4State"),
        p5State: setTo("p5State"),
        p6State: setTo("p6State"),
        p7State: setTo("p7State"),
        p1EnteredAt: setTo("p1EnteredAt"),
        p2EnteredAt: setTo("p2EnteredAt"),
        p3EnteredAt: setTo("p3EnteredAt"),
        p4EnteredAt: setTo("p4EnteredAt"),
        p5EnteredAt: setTo("p5EnteredAt"),
        p6EnteredAt: setTo("p6EnteredAt"),
        p7EnteredAt: setTo("p7EnteredAt"),
        furthestStage: setTo("furthestStage"),
        snapshot: setTo("snapshot"),
        lastActivityAt: setTo("at"),
        version: setTo("version"),
      })
      .where(and(eq(participants.id, p("id")), eq(participants.version, p("expectedVersion"))))
      .prepare(),
    log: db
      .insert(transitionLog)
      .values({
        participantId: p("participantId"),
        version: p("version"),
        eventType: p("eventType"),
        stage: p("stage"),
        event: p("event"),
        reason: p("reason"),
        evidenceId: p("evidenceId"),
        actorUserId: p("actorUserId"),
        at: p("at"),
        machineVersion: p("machineVersion"),
        rulesVersion: p("rulesVersion"),
      })
      .prepare(),
  };
}

/** The move statements of this database handle (run them inside the move's transaction). */
export const moveStatements = perDatabase(prepare);
