// The current stall note: on the participant page next to the stall notice (with its actions), and
// as one line in a stalled row of the list.
import { Form, Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import type { WaitsOn } from "../../../machines/vocabulary";
import { Button, buttonClass } from "~/components/ui/button";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { shownText } from "~/modules/i18n/phrases";
import { followUpState, type FollowUpState } from "~/modules/stall-notes/stall-notes";
import type { CurrentStallNote } from "~/modules/stall-notes/stall-notes.server";

export function waitsOnLabel(t: TFunction, waitsOn: WaitsOn): string {
  return t(`stallNote.waitsOnOption.${waitsOn}`);
}

/** "Tindak lanjut hari ini" / "terlambat"; nothing while the date is ahead. */
function FollowUpFlag({ state }: { state: FollowUpState }) {
  const { t } = useText();
  if (state === "upcoming") return null;
  const tone = state === "overdue" ? "bg-red-700 text-white" : "bg-amber-200 text-amber-950";
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${tone}`}>{t(`stallNote.${state}`)}</span>;
}

/**
 * Beside the stall notice: the current note with "replace" and "resolved", or, for a stalled
 * participant without one, the way to record it. Nothing for a participant neither stalled nor noted.
 */
export function StallNotePanel({ participantId, note, stalled, today }: { participantId: number; note: CurrentStallNote | null; stalled: boolean; today: string }) {
  const { t, i18n } = useText();
  const formHref = `/peserta/${participantId}/hambatan`;
  if (!note) {
    return stalled ? (
      <Link to={formHref} className={buttonClass("secondary")}>
        {t("stallNote.add")}
      </Link>
    ) : null;
  }
  return (
    <div aria-labelledby="stall-note-heading" role="group" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-3 text-sm text-amber-950">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="stall-note-heading" className="font-semibold">
          {t("stallNote.title")}
        </h3>
        <FollowUpFlag state={followUpState(note.followUpOn, today)} />
      </div>
      <p className="font-medium" suppressHydrationWarning>
        {t("stallNote.current", { waitsOn: waitsOnLabel(t, note.waitsOn), date: formatDate(note.followUpOn, i18n.language) })}
      </p>
      {note.note ? <p className="break-words whitespace-pre-line">{shownText(t, note.note)}</p> : null}
      <p className="text-xs text-amber-900" suppressHydrationWarning>
        {t("stallNote.recordedBy", { name: note.recordedByName ?? t("history.system"), date: formatDateTime(note.recordedAt, i18n.language) })}
      </p>
      {stalled ? null : <p>{t("stallNote.notStalledHint")}</p>}
      <div className="flex flex-wrap gap-2">
        {stalled ? (
          <Link to={formHref} className={buttonClass("secondary")}>
            {t("stallNote.replace")}
          </Link>
        ) : null}
        <Form method="post" action={formHref}>
          <input type="hidden" name="intent" value="clear" />
          <input type="hidden" name="noteId" value={note.id} />
          <Button variant="secondary">{t("stallNote.clear")}</Button>
        </Form>
      </div>
    </div>
  );
}

/** One line in a stalled row of the list: whom it waits on and the follow-up date. */
export function StallNoteSummary({ note }: { note: { waitsOn: WaitsOn; followUpOn: string; followUp: FollowUpState } | null }) {
  const { t, i18n } = useText();
  if (!note) return null;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-1 text-xs font-medium text-amber-950" suppressHydrationWarning>
      {t("stallNote.listSummary", { waitsOn: waitsOnLabel(t, note.waitsOn), date: formatDate(note.followUpOn, i18n.language) })}
      <FollowUpFlag state={note.followUp} />
    </div>
  );
}
