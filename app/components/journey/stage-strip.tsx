// The compact P1–P7 strip of the participant list: seven small boxes, each with its state for
// screen readers and as a tooltip.
import { useText } from "~/components/text";
import { STAGES, stageNumber, type StageState } from "../../../machines/stages";
import { stageTitle } from "./labels";
import { STATE_STYLE } from "./stage-badge";

export function StageStrip({ states }: { states: StageState[] }) {
  const { t } = useText();
  return (
    <ol className="flex gap-1" aria-label={t("participants.col.stages")}>
      {STAGES.map((stage, i) => {
        const state = states[i]!;
        const label = `${stageTitle(t, stage)}: ${t(`stageState.${state}`)}`;
        return (
          <li
            key={stage}
            title={label}
            className={`stage-cell ${STATE_STYLE[state].box}`}
          >
            <span aria-hidden="true">{stageNumber(stage)}</span>
            <span aria-hidden="true" className="stage-cell-symbol">
              {STATE_STYLE[state].symbol || "\u00a0"}
            </span>
            <span className="sr-only">{label}</span>
          </li>
        );
      })}
    </ol>
  );
}
