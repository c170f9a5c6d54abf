// The evidence recorded for one stage, on the staff's pages (the participant page, a partner's
// referral), with each record's files and the form to attach more.
import { useText } from "~/components/text";
import type { StageId } from "../../../machines/stages";
import type { EvidenceDetails } from "~/modules/participants/evidence-details";
import { formatDate } from "~/modules/i18n/format";
import { filesOf, useParticipantFiles } from "~/components/files/files-context";
import { detailLines } from "./evidence-details";

export type EvidenceItem = { id: number; stage: StageId; kind: string; occurredOn: string; details: EvidenceDetails; recordedBy: string | null };

/** The evidence recorded for one stage, newest first, each with its date and details. */
export function EvidenceList({ items }: { items: EvidenceItem[] }) {
  const { t, i18n } = useText();
  const files = useParticipantFiles();
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("evidenceList.empty")}</p>;
  return (
    <ul aria-label={t("evidenceList.title")} className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
      {items.map((item) => (
        <li key={item.id} className="px-3 py-2 text-sm">
          <p className="font-medium text-slate-900" suppressHydrationWarning>
            {t(`evidenceKind.${item.kind}` as "evidenceKind.licence")} · {formatDate(item.occurredOn, i18n.language)}
          </p>
          <ul className="text-slate-700">
            {detailLines(t, i18n.language, item.details).map((text, i) => (
              <li key={i} className="break-words" suppressHydrationWarning>
                {text}
              </li>
            ))}
          </ul>
          {item.recordedBy ? <p className="text-xs text-slate-600">{t("evidenceList.recordedBy", { name: item.recordedBy })}</p> : null}
          {files ? (
            <div className="mt-2 space-y-2">
              <files.views.List files={filesOf(files, item.id)} returnTo={files.returnTo} />
              {files.limits ? (
                <details>
                  <summary className="min-h-11 py-2 text-sm font-medium text-brand-700">{t("files.attach")}</summary>
                  <files.views.Attach participantId={files.participantId} evidenceId={item.id} limits={files.limits} returnTo={files.returnTo} />
                </details>
              ) : null}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
