// After the programme, per district (/koordinator/indikator): the follow-ups due, how many were
// answered (the response rate), how many answers say the business still runs, and how many people no
// longer report, so that a district whose graduates fall silent is not read as a success.
import { useText } from "~/components/text";
import { cellClass, scrollClass, Section, tableClass, theadClass, useNumber } from "~/components/dashboard/figures";
import type { DistrictFollowUpRate } from "~/modules/follow-ups/follow-ups.server";

export function DistrictFollowUpRates({ rows }: { rows: DistrictFollowUpRate[] }) {
  const { t } = useText();
  const { n, pct } = useNumber();
  const total = rows.reduce(
    (sum, r) => ({ due: sum.due + r.due, answered: sum.answered + r.answered, operating: sum.operating + r.operating, notReporting: sum.notReporting + r.notReporting }),
    { due: 0, answered: 0, operating: 0, notReporting: 0 },
  );
  const all = [{ districtId: 0, name: t("indicators.all"), ...total, percent: total.due ? Math.round((total.answered / total.due) * 100) : null }, ...rows];
  return (
    <Section id="after-programme-by-district" title={t("indicators.afterProgramme.title")} intro={t("indicators.afterProgramme.intro")}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("indicators.afterProgramme.empty")}</p>
      ) : (
        <div className={scrollClass}>
          <table className={tableClass}>
            <caption className="sr-only">{t("indicators.afterProgramme.title")}</caption>
            <thead className={theadClass}>
              <tr>
                <th scope="col" className={`${cellClass} sticky left-0 bg-slate-50`}>{t("indicators.afterProgramme.district")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("indicators.afterProgramme.due")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("indicators.afterProgramme.answered")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("indicators.afterProgramme.rate")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("indicators.afterProgramme.operating")}</th>
                <th scope="col" className={`${cellClass} text-right`}>{t("indicators.afterProgramme.notReporting")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {all.map((row) => (
                <tr key={row.districtId}>
                  <th scope="row" className={`${cellClass} sticky left-0 bg-white font-medium whitespace-nowrap`}>{row.name}</th>
                  <td className={`${cellClass} text-right`}>{n(row.due)}</td>
                  <td className={`${cellClass} text-right`}>{n(row.answered)}</td>
                  <td className={`${cellClass} text-right font-semibold`}>{row.percent === null ? "–" : pct(row.percent / 100)}</td>
                  <td className={`${cellClass} text-right`}>{n(row.operating)}</td>
                  <td className={`${cellClass} text-right ${row.notReporting > 0 ? "font-semibold text-red-900" : ""}`}>{n(row.notReporting)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
