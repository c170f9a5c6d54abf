// The audit log of administrative changes (cohorts, users, invitations). Append-only: triggers in
// the migration refuse UPDATE and DELETE. Details name ids and values, never a NIK or a phone.
import type { Db } from "../../../db/client";
import { auditLog } from "../../../db/schema";

export function recordAudit(
  db: Db,
  entry: { actorUserId: number | null; action: string; subject: string; detail?: Record<string, unknown> },
  at = Date.now(),
): void {
  db.insert(auditLog)
    .values({ actorUserId: entry.actorUserId, action: entry.action, subject: entry.subject, detail: entry.detail ?? null, at })
    .run();
}
