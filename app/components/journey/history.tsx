// The history list: newest first, who did what, why, and what was recorded.
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { isStageId } from "../../../machines/stages";
import type { HistoryEntry } from "~/modules/participants/history.server";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { shownText } from "~/modules/i18n/phrases";
import { MOVE_EVENTS } from "~/modules/journey/moves";
import { detailLines } from "./evidence-details";
import { stageTitle } from "~/modules/journey/labels";
import { OWN_EVENTS } from "./own-labels";
import { filesOf, useParticipantFiles } from "~/components/files/files-context";

// Every event the log can hold: the two that are not buttons, then the moves a person makes.
const KNOWN_EVENTS = new Set<string>(["REGISTER", "RECORD_EVIDENCE", ...MOVE_EVENTS]);

function eventText(t: TFunction, entry: HistoryEntry, own: boolean): string {
  const stage = entry.stage && isStageId(entry.stage) ? stageTitle(t, entry.stage) : "";
  if (!KNOWN_EVENTS.has(entry.eventType)) return t("history.event.unknown");
  const kind = entry.evidence ? t(`evidenceKind.${entry.evidence.kind}` as "evidenceKind.documents").toLowerCase() : "";
  if (own && OWN_EVENTS.has(entry.eventType)) return t(`self.event.${entry.eventType}` as "self.event.WAIVE", { stage });
  return t(`history.event.${entry.eventType}` as "history.event.START", { stage, kind });
}

/** "Sari Wulandari (Pendamping)"; the role alone where the page withholds the name (an entrepreneur's own history). */
function actorText(t: TFunction, actor: HistoryEntry["actor"]): string {
  if (!actor) return t("history.system");
  const role = t(`role.${actor.role}`);
  return actor.name ? `${actor.name} (${role})` : role;
}

/** `own`: the entrepreneur reads their own history, in their words rather than the programme's. */
export function History({ entries, limit, own = false }: { entries: HistoryEntry[]; limit: number; own?: boolean }) {
  const { t, i18n } = useText();
  const files = useParticipantFiles();
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("history.empty")}</p>;
  return (
    <>
      <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {entries.map((entry) => (
          <li key={entry.id} className="px-4 py-3">
            <p className="text-sm font-medium text-slate-900">{eventText(t, entry, own)}</p>
            <p className="text-xs text-slate-600">
              <time dateTime={new Date(entry.at).toISOString()} suppressHydrationWarning>
                {formatDateTime(entry.at, i18n.language)}
              </time>
              {" · "}
              {t("history.by", { name: actorText(t, entry.actor) })}
            </p>
            {entry.reason ? <p className="mt-1 text-sm text-slate-800">{t("history.reason", { reason: shownText(t, entry.reason) })}</p> : null}
            {entry.evidence ? (
              <p className="mt-1 text-sm text-slate-700" suppressHydrationWarning>
                {[formatDate(entry.evidence.occurredOn, i18n.language), ...detailLines(t, i18n.language, entry.evidence.details)]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            ) : null}
            {entry.evidence && files ? (
              <div className="mt-2">
                <files.views.List files={filesOf(files, entry.evidence.id)} returnTo={files.returnTo} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {entries.length >= limit ? <p className="mt-2 text-xs text-slate-600">{t("history.shownLatest", { count: limit })}</p> : null}
    </>
  );
}
