// Change since the baseline per group: median with quartiles 1–3, the businesses behind each figure,
// small groups marked. A plain GET form chooses the grouping, so it works without JavaScript.
import { Form } from "@remix-run/react";
import { cellClass, scrollClass, tableClass, theadClass, useNumber } from "~/components/dashboard/figures";
import { useText } from "~/components/text";
import { Button } from "~/components/ui/button";
import { formatRupiah } from "~/modules/i18n/format";
import type { OutcomeGroup } from "~/modules/outcomes/figures.server";
import { OUTCOME_GROUPINGS, OUTCOME_MEASURES, type OutcomeGrouping, type OutcomeMeasure } from "~/modules/outcomes/groupings";

function Figure({ group, measure }: { group: OutcomeGroup; measure: OutcomeMeasure }) {
  const { t, i18n } = useText();
  const { n } = useNumber();
  const s = group.change[measure];
  if (!s) return <span className="text-slate-500">{t("outcomes.none")}</span>;
  const show = (value: number) => {
    const sign = value > 0 ? "+" : "";
    return measure === "workers" ? `${sign}${n(Math.round(value * 10) / 10)}` : `${sign}${formatRupiah(Math.round(value), i18n.language)}`;
  };
  return (
    <span className="whitespace-nowrap">
      <strong>{show(s.median)}</strong>
      <span className="block text-xs text-slate-600">{t("outcomes.spread", { q1: show(s.q1), q3: show(s.q3) })}</span>
    </span>
  );
}

export function OutcomeTable({ by, total, groups }: { by: OutcomeGrouping; total: OutcomeGroup; groups: OutcomeGroup[] }) {
  const { t } = useText();
  const { n } = useNumber();
  const label = (key: string) => {
    if (by === "track") return t(`track.${key}` as "track.pemula");
    if (by === "stage") return key === "0" ? t("outcomes.stageNone") : t("outcomes.stageValue", { stage: key });
    if (by === "cohort" && key === "") return t("outcomes.noCohort");
    return key;
  };
  const rows = [{ name: t("outcomes.total"), group: total }, ...groups.map((group) => ({ name: label(group.key), group }))];
  return (
    <section aria-labelledby="outcomes-heading" className="space-y-3">
      <h2 id="outcomes-heading" className="text-lg font-bold text-slate-900">
        {t("outcomes.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("outcomes.intro")}</p>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="outcomes-by" className="mb-1 block text-sm font-medium text-slate-800">
            {t("outcomes.by")}
          </label>
          <select id="outcomes-by" name="by" defaultValue={by} className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm">
            {OUTCOME_GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`outcomes.grouping.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">{t("outcomes.show")}</Button>
      </Form>
      <div className={scrollClass}>
        <table className={tableClass}>
          <caption className="sr-only">{t("outcomes.title")}</caption>
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={`${cellClass} sticky left-0 bg-slate-50`}>{t(`outcomes.grouping.${by}`)}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("outcomes.withBaseline")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("outcomes.withReport")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("outcomes.closed")}</th>
              <th scope="col" className={`${cellClass} text-right`}>{t("outcomes.notReporting")}</th>
              {OUTCOME_MEASURES.map((m) => (
                <th key={m} scope="col" className={cellClass}>{t(`outcomes.${m}`)}</th>
              ))}
              <th scope="col" className={`${cellClass} text-right`}>{t("outcomes.climbs")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map(({ name, group }) => (
              <tr key={`${group.key}-${name}`}>
                <th scope="row" className={`${cellClass} sticky left-0 bg-white font-medium whitespace-nowrap`}>
                  {name}
                  {group.small ? (
                    <span title={t("outcomes.small")}>
                      {" *"}
                      <span className="sr-only">({t("outcomes.small")})</span>
                    </span>
                  ) : null}
                </th>
                <td className={`${cellClass} text-right`}>{n(group.withBaseline)}</td>
                <td className={`${cellClass} text-right`}>{n(group.withReport)}</td>
                <td className={`${cellClass} text-right`}>{n(group.closed)}</td>
                <td className={`${cellClass} text-right`}>{n(group.notReporting)}</td>
                {OUTCOME_MEASURES.map((m) => (
                  <td key={m} className={cellClass}>
                    <Figure group={group} measure={m} />
                  </td>
                ))}
                <td className={`${cellClass} text-right`}>{n(group.climbs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-600">{t("outcomes.smallNote")}</p>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <span className="font-medium text-slate-800">{t("outcomes.export")}:</span>
        {(["csv", "xlsx"] as const).map((format) => (
          <a key={`g-${format}`} href={`/ekspor/indikator?${new URLSearchParams({ isi: "hasil-kelompok", by, format })}`} className="font-medium text-brand-700 underline-offset-2 hover:underline" download>
            {t("outcomes.exportGroups")} ({format.toUpperCase()})
          </a>
        ))}
        {(["csv", "xlsx"] as const).map((format) => (
          <a key={`p-${format}`} href={`/ekspor/indikator?${new URLSearchParams({ isi: "hasil-peserta", format })}`} className="font-medium text-brand-700 underline-offset-2 hover:underline" download>
            {t("outcomes.exportPeople")} ({format.toUpperCase()})
          </a>
        ))}
      </p>
      <p className="text-xs text-slate-600">{t("outcomes.method")}</p>
    </section>
  );
}
