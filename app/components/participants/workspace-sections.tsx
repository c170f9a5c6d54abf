// The participant page's sections about the work around a participant: who else serves the same
// person, and the handoff history with the way to hand them off.
import { Link } from "@remix-run/react";
import { useText } from "~/components/text";
import { StageStrip } from "~/components/journey/stage-strip";
import { StatusBadge } from "~/components/journey/status-badge";
import { buttonClass } from "~/components/ui/button";
import { formatDateTime } from "~/modules/i18n/format";
import { shownText } from "~/modules/i18n/phrases";
import type { HandoffEntry } from "~/modules/participants/handoffs.server";
import type { OtherAgencyRecord } from "~/modules/participants/other-agencies.server";

function OtherAgencies({ records }: { records: OtherAgencyRecord[] }) {
  const { t } = useText();
  return (
    <section aria-labelledby="other-agencies-heading" className="space-y-3">
      <h2 id="other-agencies-heading" className="text-lg font-bold text-slate-900">
        {t("otherAgencies.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("otherAgencies.intro")}</p>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {records.map((record, i) => (
          <li key={i} className="space-y-2 px-4 py-3">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="font-semibold break-words text-slate-900">{record.agencyName}</p>
                <p className="text-sm text-slate-700">{record.mentorName ? t("otherAgencies.mentor", { name: record.mentorName }) : t("otherAgencies.noMentor")}</p>
              </div>
              <StatusBadge status={record.status} />
            </div>
            <StageStrip states={record.stages} />
            {record.linkId !== null ? (
              <Link to={`/peserta/${record.linkId}`} className="text-sm font-medium text-brand-700 underline">
                {t("otherAgencies.open")}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Handoffs({ participantId, entries }: { participantId: number; entries: HandoffEntry[] }) {
  const { t, i18n } = useText();
  return (
    <section aria-labelledby="handoffs-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="handoffs-heading" className="text-lg font-bold text-slate-900">
          {t("handoff.title")}
        </h2>
        <Link to={`/peserta/${participantId}/alihkan`} className={buttonClass("secondary")}>
          {t("handoff.start")}
        </Link>
      </div>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">{t("handoff.none")}</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {entries.map((entry) => (
            <li key={entry.id} className="px-4 py-3 text-sm">
              <p className="font-medium text-slate-900">
                {t("handoff.entry", {
                  fromMentor: entry.fromMentorName ?? t("handoff.noMentor"),
                  fromDistrict: entry.fromDistrictName,
                  toMentor: entry.toMentorName ?? t("handoff.noMentor"),
                  toDistrict: entry.toDistrictName,
                })}
              </p>
              <p className="text-xs text-slate-600">
                <time dateTime={new Date(entry.at).toISOString()} suppressHydrationWarning>
                  {formatDateTime(entry.at, i18n.language)}
                </time>
                {entry.byName ? ` · ${t("handoff.by", { name: entry.byName })}` : ""}
              </p>
              <p className="mt-1 break-words text-slate-800">{t("handoff.reasonText", { reason: shownText(t, entry.reason) })}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function WorkspaceSections({ participantId, otherAgencies, handoffs }: { participantId: number; otherAgencies: OtherAgencyRecord[]; handoffs: HandoffEntry[] }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {otherAgencies.length ? <OtherAgencies records={otherAgencies} /> : null}
      <Handoffs participantId={participantId} entries={handoffs} />
    </div>
  );
}
