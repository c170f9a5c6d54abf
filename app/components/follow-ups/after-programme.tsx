// A cohort's members after the programme: the response rate of the follow-ups due, how many answered
// that the business still runs, and who no longer reports ("tidak melapor lagi"), shown by name so a
// silent graduate is not read as a success.
import { Link } from "@remix-run/react";
import { useText } from "~/components/text";
import { formatDate } from "~/modules/i18n/format";
import type { AfterProgrammeRow, FollowUpRate } from "~/modules/follow-ups/follow-ups.server";

export function AfterProgrammeSection({ rate, percent, rows }: { rate: FollowUpRate | null; percent: number | null; rows: AfterProgrammeRow[] }) {
  const { t, i18n } = useText();
  return (
    <section aria-labelledby="after-programme" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="after-programme" className="text-lg font-bold text-slate-900">
        {t("afterProgramme.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("afterProgramme.intro")}</p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("afterProgramme.empty")}</p>
      ) : (
        <>
          <ul className="space-y-1 text-sm text-slate-900">
            <li className="font-semibold">
              {rate && percent !== null
                ? t("afterProgramme.rate", { percent, answered: rate.answered, due: rate.due })
                : t("afterProgramme.noneDue")}
            </li>
            {rate ? <li>{t("afterProgramme.operatingCount", { count: rate.operating })}</li> : null}
            {rate && rate.notReporting > 0 ? <li className="font-semibold text-red-900">{t("afterProgramme.notReportingCount", { count: rate.notReporting })}</li> : null}
          </ul>
          <ul className="divide-y divide-slate-200 rounded border border-slate-200 text-sm" aria-label={t("afterProgramme.title")}>
            {rows.map((row) => (
              <li key={row.participantId} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span className="min-w-0 break-words">
                  <Link to={`/peserta/${row.participantId}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                    {row.fullName}
                  </Link>{" "}
                  <span className="text-slate-600">
                    {row.businessName} · {t(`status.${row.status}`)}
                  </span>
                </span>
                <span suppressHydrationWarning>
                  {row.notReporting ? (
                    <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">{t("afterProgramme.notReporting")}</span>
                  ) : row.lastAnsweredAt === null ? (
                    <span className="text-slate-600">{t("afterProgramme.noAnswerYet")}</span>
                  ) : (
                    <span className="text-slate-800">
                      {row.lastOperating ? t("afterProgramme.operating") : t("afterProgramme.closed")} ·{" "}
                      {t("afterProgramme.lastAnswer", { date: formatDate(row.lastAnsweredAt, i18n.language) })}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
