// The moves the machine allows for one participant, grouped the way a mentor thinks about them:
// registration, stages in progress (with their evidence and its form), stages not started, stages
// behind them (what was recorded, and sending one back), status.
import type { ReactNode } from "react";
import { useText } from "~/components/text";
import { MIDDLE_STAGES, STAGES, type ParticipantStatus, type StageId, type StageState } from "../../../machines/stages";
import type { MoveEvent, MoveOption } from "~/modules/journey/moves";
import { isEvidenceStage } from "~/modules/participants/forms";
import { EvidenceList, type EvidenceItem } from "./evidence-list";
import { requirementText, stageTitle } from "~/modules/journey/labels";
import { EvidenceForm, MoveButton, ReactivateForm, ReasonMoveForm, moveFormId, type FormOutcome } from "./move-forms";
import { stateTextClass } from "./stage-badge";
import type { StepperStage } from "./stepper";

type EvidenceProgress = { stage: StageId; kind: string; have: number; need: number };

function Card({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-semibold text-slate-900">{title}</h3>
      {children}
    </div>
  );
}

function Blocked({ move }: { move: MoveOption }) {
  const { t } = useText();
  const label = t(`move.${move.event}`, { stage: move.stage ? stageTitle(t, move.stage) : "" });
  return (
    <div className="rounded-md border border-dashed border-slate-300 bg-slate-50 px-3 py-2 text-sm">
      <p className="font-medium text-slate-800">{t("participant.cannotYet", { move: label })}</p>
      <ul className="mt-1 list-disc pl-5 text-slate-700">
        {move.missing.map((m, i) => (
          <li key={i}>{requirementText(t, m)}</li>
        ))}
      </ul>
    </div>
  );
}

/** A finished stage (done, waived, or P1 verified): closed, with what was recorded and the way back. */
function FinishedStage({
  stage,
  state,
  items,
  open,
  children,
}: {
  stage: StageId;
  state: StageState;
  items: EvidenceItem[];
  /** Open when one of its forms came back with errors. */
  open: boolean;
  children?: ReactNode;
}) {
  const { t } = useText();
  return (
    <li>
      <details open={open || undefined}>
        <summary className="px-1 py-2.5 text-sm hover:bg-slate-50">
          <span className="font-medium text-slate-900">{stageTitle(t, stage)}</span>{" "}
          <span className={`font-medium ${stateTextClass(state)}`}>{t(`stageState.${state}`)}</span>{" "}
          <span className="text-slate-600">· {t("evidenceList.count", { count: items.length })}</span>
        </summary>
        <div className="space-y-2 pb-3">
          <EvidenceList items={items} />
          {children}
        </div>
      </details>
    </li>
  );
}

export function ParticipantActions({
  status,
  version,
  stages,
  moves,
  evidence,
  recorded,
  trainingPartners,
  today,
  outcome,
}: {
  status: ParticipantStatus;
  version: number;
  stages: StepperStage[];
  moves: MoveOption[];
  evidence: EvidenceProgress[];
  /** Evidence recorded so far (every stage), newest first. */
  recorded: EvidenceItem[];
  /** Organisations attached to P2 for this participant's district. */
  trainingPartners: { id: number; name: string }[];
  today: string;
  outcome: FormOutcome;
}) {
  const { t } = useText();
  const find = (event: MoveEvent, stage: StageId | null = null) =>
    moves.find((m) => m.event === event && m.stage === stage);
  const allowed = (event: MoveEvent, stage: StageId | null = null) => find(event, stage)?.allowed === true;
  const stateOf = (stage: StageId) => stages.find((s) => s.stage === stage)!.state;
  const recordedFor = (stage: StageId) => recorded.filter((e) => e.stage === stage);
  const common = { version, outcome };

  const statusCard = (
    <Card title={t("participant.statusTitle", { status: t(`status.${status}`) })}>
      {status !== "active" ? <p className="text-sm text-slate-700">{t("participant.inactiveNote", { status: t(`status.${status}`) })}</p> : null}
      <div className="flex flex-wrap gap-2">
        {allowed("RESUME") ? <MoveButton event="RESUME" stage={null} {...common} /> : null}
        {allowed("REINSTATE") ? <MoveButton event="REINSTATE" stage={null} {...common} /> : null}
      </div>
      <div className="space-y-2">
        {allowed("HOLD") ? <ReasonMoveForm event="HOLD" stage={null} {...common} /> : null}
        {allowed("WITHDRAW") ? <ReasonMoveForm event="WITHDRAW" stage={null} danger {...common} /> : null}
      </div>
      {!moves.length ? <p className="text-sm text-slate-700">{t("participant.noMoves")}</p> : null}
    </Card>
  );

  const registration = stateOf("registration");
  const active = status === "active";
  const inProgress = active
    ? stages.filter((s) => s.stage !== "registration" && s.state === "in_progress").map((s) => s.stage)
    : [];
  const notStarted = [...MIDDLE_STAGES, "capital" as const].filter((stage) => stateOf(stage) === "not_started");
  // Every stage that is behind the participant (or, while they are not active, every stage with evidence).
  const finished = STAGES.filter((stage) => {
    const state = stateOf(stage);
    if (state === "done" || state === "waived" || state === "verified") return true;
    return !active && state === "in_progress";
  });

  return (
    <div className="space-y-4">
      {!active ? statusCard : null}

      {/* Offered only while the participant is dormant (the page's moves say so). */}
      {allowed("REACTIVATE") ? (
        <div id="aktifkan-lagi" className="scroll-mt-4">
          <Card title={t("dormancy.reactivate.title")}>
            <p className="text-sm text-slate-700">{t("dormancy.reactivate.intro")}</p>
            <ReactivateForm {...common} />
          </Card>
        </div>
      ) : null}

      {active && registration !== "verified" ? (
        <Card title={stageTitle(t, "registration")}>
          <EvidenceList items={recordedFor("registration")} />
          <div className="flex flex-wrap gap-2">
            {allowed("VERIFY") ? <MoveButton event="VERIFY" stage={null} {...common} /> : null}
            {allowed("RESUBMIT") ? <MoveButton event="RESUBMIT" stage={null} {...common} /> : null}
          </div>
          {find("VERIFY")?.allowed === false ? <Blocked move={find("VERIFY")!} /> : null}
          {allowed("REJECT") ? <ReasonMoveForm event="REJECT" stage={null} danger {...common} /> : null}
          <p className="text-sm text-slate-600">{t("participant.openAfterVerify")}</p>
        </Card>
      ) : null}

      {inProgress.map((stage) => {
        const progress = evidence.find((e) => e.stage === stage);
        const complete = find("COMPLETE", stage);
        const view = stages.find((s) => s.stage === stage);
        const days = view?.days;
        const items = recordedFor(stage);
        return (
          <Card
            key={stage}
            title={
              <>
                {stageTitle(t, stage)}{" "}
                <span className="text-sm font-normal text-amber-900">
                  · {days != null ? t("participant.inProgressSince", { count: days }) : t("stageState.in_progress")}
                </span>
              </>
            }
          >
            {progress ? (
              <p className="text-sm text-slate-700">
                {/* More than needed (two different trainings) reads as "2 recorded (1 needed)", not "2 of 1". */}
                {t(progress.have > progress.need ? "participant.evidenceProgressOver" : "participant.evidenceProgress", {
                  kind: t(`evidenceKind.${progress.kind}` as "evidenceKind.licence"),
                  have: progress.have,
                  need: progress.need,
                })}
              </p>
            ) : null}
            {items.length ? <EvidenceList items={items} /> : null}
            {complete?.allowed ? <MoveButton event="COMPLETE" stage={stage} {...common} /> : null}
            {complete && !complete.allowed ? <Blocked move={complete} /> : null}
            {isEvidenceStage(stage) ? (
              <EvidenceForm
                stage={stage}
                today={today}
                partners={stage === "training" ? trainingPartners : undefined}
                open={!complete?.allowed}
                {...common}
              />
            ) : null}
            {allowed("WAIVE", stage) ? <ReasonMoveForm event="WAIVE" stage={stage} {...common} /> : null}
          </Card>
        );
      })}

      {active && registration === "verified" && notStarted.length ? (
        <Card title={t("participant.notStartedTitle")}>
          <ul className="divide-y divide-slate-200">
            {notStarted.map((stage) => {
              const start = find("START", stage);
              return (
                <li key={stage} className="space-y-2 py-2 first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="text-sm font-medium text-slate-900">{stageTitle(t, stage)}</span>
                    {start?.allowed ? <MoveButton event="START" stage={stage} variant="secondary" short {...common} /> : null}
                  </div>
                  {start && !start.allowed ? <Blocked move={start} /> : null}
                  {allowed("WAIVE", stage) ? <ReasonMoveForm event="WAIVE" stage={stage} {...common} /> : null}
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}

      {finished.length ? (
        <Card title={t("participant.doneTitle")}>
          <p className="text-sm text-slate-600">{t("participant.doneHint")}</p>
          <ul className="divide-y divide-slate-200">
            {finished.map((stage) => (
              <FinishedStage
                key={stage}
                stage={stage}
                state={stateOf(stage)}
                items={recordedFor(stage)}
                open={outcome?.formId === moveFormId("SEND_BACK", stage)}
              >
                {allowed("SEND_BACK", stage) ? <ReasonMoveForm event="SEND_BACK" stage={stage} {...common} /> : null}
              </FinishedStage>
            ))}
          </ul>
        </Card>
      ) : null}

      {active ? statusCard : null}
    </div>
  );
}
