// The participant page's action: a move or a recorded piece of evidence, validated by the form's
// schema and applied through the journey service. The machine refuses anything illegal; this module
// only translates between a form and the service, and the service's refusals into a form result.
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import type { Db } from "../../../db/client";
import type { JourneyErrorCode } from "../journey/errors";
import { JourneyError } from "../journey/errors";
import { applyMove } from "../journey/journey.server";
import type { Requirement } from "../../../machines/journey.requirements";
import { evidenceDetails, evidenceFormSchema, moveFormSchema } from "./forms";
import { evidenceConflict, stagePartnerOptions } from "./evidence.server";
import { toJourneyEvent } from "../journey/moves";
import { climbsWithMove } from "../outcomes/climbs.server";

export type ParticipantActionResult =
  | { ok: true }
  | {
      ok: false;
      status: 400 | 409;
      /** Which form on the page was sent, so that only that form shows the result. */
      formId: string | null;
      result: SubmissionResult<string[]>;
      refusal: { code: JourneyErrorCode; missing: Requirement[] } | null;
    };

function formIdOf(formData: FormData): string | null {
  const value = formData.get("formId");
  return typeof value === "string" && value.length <= 80 ? value : null;
}

export function performParticipantAction(
  db: Db,
  input: { participantId: number; actorUserId: number; formData: FormData },
): ParticipantActionResult {
  const { participantId, actorUserId, formData } = input;
  const formId = formIdOf(formData);
  const intent = formData.get("intent");
  const submission =
    intent === "evidence"
      ? parseWithZod(formData, { schema: evidenceFormSchema })
      : parseWithZod(formData, { schema: moveFormSchema });
  if (submission.status !== "success") {
    return { ok: false, status: 400, formId, result: submission.reply(), refusal: null };
  }

  const value = submission.value;
  // A training may name its partner: one attached to P2 for this participant's district.
  const organisationId = value.intent === "evidence" && value.stage === "training" ? value.organisationId : undefined;
  let partnerName: string | undefined;
  if (organisationId !== undefined) {
    partnerName = stagePartnerOptions(db, participantId, "training").find((o) => o.id === organisationId)?.name;
    if (partnerName === undefined) {
      return {
        ok: false,
        status: 400,
        formId,
        result: submission.reply({ fieldErrors: { organisationId: ["validation.choose"] } }),
        refusal: null,
      };
    }
  }
  if (value.intent === "evidence") {
    const details = evidenceDetails(value, partnerName);
    const conflict = evidenceConflict(db, participantId, { stage: value.stage, kind: value.kind, occurredOn: value.occurredOn, details });
    if (conflict) {
      const result =
        conflict === "duplicate"
          ? submission.reply({ formErrors: ["validation.duplicateEvidence"] })
          : submission.reply({ fieldErrors: { sameDayReason: ["validation.sameDayReasonRequired"] } });
      return { ok: false, status: 400, formId, result, refusal: null };
    }
  }
  try {
    if (value.intent === "evidence") {
      applyMove(db, {
        participantId,
        expectedVersion: value.version,
        event: { type: "RECORD_EVIDENCE", stage: value.stage, kind: value.kind },
        actorUserId,
        evidence: {
          details: evidenceDetails(value, partnerName),
          occurredOn: value.occurredOn,
          organisationId: organisationId ?? null,
        },
        // A report's figures or an NIB may be a climb (naik kelas): recorded with the move, in its transaction.
        alsoInTransaction: climbsWithMove(db, value.kind),
      });
    } else {
      applyMove(db, {
        participantId,
        expectedVersion: value.version,
        event: toJourneyEvent(value.event, value.stage, value.reason),
        actorUserId,
      });
    }
    return { ok: true };
  } catch (error) {
    if (!(error instanceof JourneyError)) throw error;
    // not-found cannot normally happen (scope was checked), but a 404 is still the honest answer.
    if (error.code === "not-found") throw new Response("Not Found", { status: 404 });
    return {
      ok: false,
      status: error.code === "invalid" ? 400 : 409,
      formId,
      result: submission.reply({ formErrors: [`refusal.${error.code}`] }),
      refusal: { code: error.code, missing: error.missing },
    };
  }
}
