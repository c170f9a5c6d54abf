// The journey in the entrepreneur's own words (/saya): what a stage's state means for them and what
// they do next, without the programme's terms ("dibebaskan", "P2–P6", "laporan P6"). Staff pages keep
// labels.ts, whose words are the programme's.
import type { TFunction } from "i18next";
import type { Requirement } from "../../../machines/journey.requirements";
import type { StageState } from "../../../machines/stages";
import { stageTitle } from "~/modules/journey/labels";

export function ownStateText(t: TFunction, state: StageState): string {
  return t(`self.state.${state}`);
}

/** What a stage still needs, said as what the entrepreneur (or their mentor) does. */
export function ownRequirementText(t: TFunction, requirement: Requirement): string {
  switch (requirement.code) {
    case "evidence":
      return t(`self.needs.evidence.${requirement.kind}`, { need: requirement.need, have: requirement.have });
    case "capital-readiness":
      return t("self.needs.capital-readiness", { need: requirement.need, have: requirement.have });
    case "stage-done":
      return t("self.needs.stage-done", { stage: stageTitle(t, requirement.stage) });
    case "status-active":
      return t("self.needs.status-active", { status: t(`status.${requirement.status}`).toLowerCase() });
    case "registration-verified":
      return t("self.needs.registration-verified");
    // The baseline figures are given to the mentor, who records them at verification; the rest are
    // rules of the mentor's own moves. Nothing for the entrepreneur to do but ask.
    case "baseline":
    case "not-waivable":
    case "reason-required":
    case "capital-not-started":
      return t("self.needs.askMentor");
  }
}

/** Moves whose history line is said differently to the entrepreneur (the rest read as staff see them). */
export const OWN_EVENTS = new Set(["VERIFY", "REJECT", "WAIVE", "SEND_BACK", "HOLD", "RESUME", "WITHDRAW", "REINSTATE", "REACTIVATE"]);
