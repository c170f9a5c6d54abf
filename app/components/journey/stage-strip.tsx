// The compact P1–P7 strip of the lists: seven small boxes, each with its state in words (read by screen
// readers, clipped from view by app.css) and as a tooltip. A list draws it on every row, so each box
// is one element: the stage's number and the state's symbol are drawn by CSS (app.css, .stage-cell),
// and the texts are made once per language.
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { STAGE_STATES, STAGES, type StageState } from "../../../machines/stages";
import { stageTitle } from "~/modules/journey/labels";

export type StripText = {
  /** The strip's name: "Tahap P1–P7". */
  name: string;
  /** "P2 Pelatihan: Berjalan", per stage (P1…P7) and state. */
  states: Record<StageState, string>[];
};

// The translate function of a language never changes while the app runs (components/text.tsx).
const texts = new WeakMap<TFunction, StripText>();

export function stripText(t: TFunction): StripText {
  let text = texts.get(t);
  if (!text) {
    text = {
      name: t("participants.col.stages"),
      states: STAGES.map((stage) => {
        const title = stageTitle(t, stage);
        return Object.fromEntries(STAGE_STATES.map((state) => [state, `${title}: ${t(`stageState.${state}`)}`])) as Record<StageState, string>;
      }),
    };
    texts.set(t, text);
  }
  return text;
}

/** The strip with its texts given (a list passes them to every row). */
export function StageStripOf({ states, text }: { states: StageState[]; text: StripText }) {
  return (
    <ol className="stage-strip" aria-label={text.name}>
      {STAGES.map((stage, i) => {
        const label = text.states[i]![states[i]!];
        return (
          <li key={stage} title={label} className={`stage-cell stage-${states[i]}`}>
            {label}
          </li>
        );
      })}
    </ol>
  );
}

export function StageStrip({ states }: { states: StageState[] }) {
  return <StageStripOf states={states} text={stripText(useText().t)} />;
}
