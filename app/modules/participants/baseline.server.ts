// Recording the baseline on the participant page, while P1 waits for verification. Once P1 is
// verified the baseline is the "before" of every outcome and is not changed here any more.
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditLog, participants } from "../../../db/schema";
import { baselineColumns, baselineFormSchema } from "./baseline";

export const BASELINE_FORM_ID = "baseline";

export type BaselineResult =
  | { ok: true }
  | { ok: false; status: 400 | 409; formId: string; result: SubmissionResult<string[]>; refusal: null };

export function saveBaseline(db: Db, input: { participantId: number; actorUserId: number; formData: FormData; at?: number }): BaselineResult {
  const submission = parseWithZod(input.formData, { schema: baselineFormSchema });
  if (submission.status !== "success") return { ok: false, status: 400, formId: BASELINE_FORM_ID, result: submission.reply(), refusal: null };
  const columns = baselineColumns(submission.value);
  const saved = db.transaction(
    (t) => {
      const changed = t
        .update(participants)
        .set(columns)
        .where(and(eq(participants.id, input.participantId), ne(participants.p1State, "verified")))
        .run().changes;
      // Who set the figures the outcomes are measured from, and to what (no identity in the detail).
      if (changed === 1) {
        t.insert(auditLog)
          .values({ actorUserId: input.actorUserId, action: "baseline", subject: `participant:${input.participantId}`, detail: columns, at: input.at ?? Date.now() })
          .run();
      }
      return changed === 1;
    },
    { behavior: "immediate" },
  );
  if (!saved) return { ok: false, status: 409, formId: BASELINE_FORM_ID, result: submission.reply({ formErrors: ["baseline.locked"] }), refusal: null };
  return { ok: true };
}
