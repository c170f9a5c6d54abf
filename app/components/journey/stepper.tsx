// The P1–P7 stepper of the participant and own-progress pages. P2–P6 run side by side, so this is
// an overview of seven states rather than a single path; each item reads "P2 Pelatihan: Selesai".
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useText } from "~/components/text";
import type { StageId, StageState } from "../../../machines/stages";
import { formatDate } from "~/modules/i18n/format";
import { stageTitle } from "~/modules/journey/labels";
import { STATE_STYLE, stateTextClass } from "./stage-badge";

export type StepperStage = {
  stage: StageId;
  state: StageState;
  enteredAt: number | null;
  days: number | null;
  /** The stage's time limit while its clock runs; when given, the time is shown against it. */
  limitDays?: number | null;
};

/** "12 dari 30 hari", or "12 hari" when the stage has no running limit. */
function timeInStage(t: TFunction, item: StepperStage): string {
  if (item.days === null) return "";
  return item.limitDays != null
    ? t("participant.daysOfLimit", { days: item.days, limit: item.limitDays })
    : t("time.days", { count: item.days });
}

export function Stepper({
  stages,
  label,
  extra,
  layout = "row",
  stateText,
}: {
  stages: StepperStage[];
  label: string;
  /** "row": seven columns on wide screens; "list": a list at every width (the phone-first own page). */
  layout?: "row" | "list";
  /** More to say under a stage (what it still needs). */
  extra?: (stage: StepperStage) => ReactNode;
  /** A state in other words than the programme's (the entrepreneur's own page). */
  stateText?: (state: StageState) => string;
}) {
  const { t, i18n } = useText();
  return (
    <ol aria-label={label} className={`grid gap-2 sm:grid-cols-2 ${layout === "row" ? "lg:grid-cols-7 lg:gap-1.5" : ""}`}>
      {stages.map((item, i) => {
        const style = STATE_STYLE[item.state];
        const running = (item.state === "in_progress" || item.limitDays != null) && item.days !== null;
        const overLimit = running && item.limitDays != null && item.days! > item.limitDays;
        const when =
          item.enteredAt === null || item.state === "not_started"
            ? null
            : running
              ? `${t("participant.since", { date: formatDate(item.enteredAt, i18n.language) })} · ${timeInStage(t, item)}`
              : t("participant.since", { date: formatDate(item.enteredAt, i18n.language) });
        const more = extra?.(item);
        return (
          <li
            key={item.stage}
            className={`flex items-start gap-3 rounded-lg border bg-white p-3 ${overLimit ? "border-red-400" : "border-slate-200"} ${layout === "row" ? "lg:flex-col lg:gap-2" : ""}`}
          >
            <span
              aria-hidden="true"
              className={`flex h-9 w-9 shrink-0 items-center justify-center rounded-full border-2 text-sm font-bold ${style.box}`}
            >
              {style.symbol && item.state !== "in_progress" ? style.symbol : `P${i + 1}`}
            </span>
            <div className="min-w-0">
              <p className="text-sm font-semibold text-slate-900">
                {stageTitle(t, item.stage)}
                <span className="sr-only">:</span>
              </p>
              <p className={`text-sm font-medium ${stateTextClass(item.state)}`}>{stateText ? stateText(item.state) : t(`stageState.${item.state}`)}</p>
              {when ? (
                // Intl data differs slightly between Node and browsers ("Sep"/"Sept"): keep the server's text.
                <p className="text-xs text-slate-600" suppressHydrationWarning>
                  {when}
                </p>
              ) : null}
              {overLimit ? <p className="text-xs font-semibold text-red-800">{t("participant.overLimit")}</p> : null}
              {more ? <div className="mt-1 text-xs text-slate-700">{more}</div> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
