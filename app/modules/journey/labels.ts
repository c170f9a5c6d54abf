// Journey words in the interface language: stage names, states, moves and what a move still needs.
import type { TFunction } from "i18next";
import type { Requirement } from "../../../machines/journey.requirements";
import { stageCode, type StageId } from "../../../machines/stages";

/** "P2 Pelatihan" */
export function stageTitle(t: TFunction, stage: StageId): string {
  return `${stageCode(stage)} ${t(`stage.${stage}`)}`;
}

export function requirementText(t: TFunction, requirement: Requirement): string {
  switch (requirement.code) {
    case "evidence":
      return t(`requirement.evidence.${requirement.kind}`, { count: requirement.need, need: requirement.need, have: requirement.have });
    case "capital-readiness":
      return t("requirement.capital-readiness", { need: requirement.need, have: requirement.have });
    case "stage-done":
      return t("requirement.stage-done", { stage: stageTitle(t, requirement.stage) });
    case "not-waivable":
      return t("requirement.not-waivable", { stage: stageTitle(t, requirement.stage), track: t(`track.${requirement.track}`) });
    case "status-active":
      return t("requirement.status-active", { status: t(`status.${requirement.status}`) });
    case "registration-verified":
      return t("requirement.registration-verified");
    case "reason-required":
      return t("requirement.reason-required");
    case "capital-not-started":
      return t("requirement.capital-not-started");
    case "baseline":
      return t("requirement.baseline", { fields: requirement.fields.map((field) => t(`baselineField.${field}`)).join(", ") });
  }
}
