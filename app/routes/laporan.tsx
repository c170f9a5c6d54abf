import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { StageStrip } from "~/components/journey/stage-strip";
import { StatusBadge } from "~/components/journey/status-badge";
import { Alert } from "~/components/ui/alert";
import { buttonClass } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { formatMonth, formatNumber, formatRupiah } from "~/modules/i18n/format";
import { shiftMonth } from "~/modules/reports/month";
import { activityText } from "~/modules/reports/monthly";
import { reportForRequest } from "~/modules/reports/monthly.server";
import type { RouteHandle } from "~/root";
import type { ParticipantStatus } from "../../machines/stages";

export const handle: RouteHandle = { text: ["dormancy", "report"], title: (t) => t("report.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "coordinator"]);
  const result = reportForRequest(getDb(), user, new URL(request.url).searchParams);
  if (result.kind === "not-found") throw notFound();
  return { ...result, role: user.role };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function query(month: string, mentorId: number | null): string {
  const params = new URLSearchParams({ bulan: month });
  if (mentorId !== null) params.set("mentor", String(mentorId));
  return `?${params}`;
}

/** A plain GET form: works without JavaScript. */
function MonthForm({ month, mentorId, mentors }: { month: string; mentorId: number | null; mentors?: { id: number; name: string }[] }) {
  const { t } = useText();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2" aria-label={t("report.monthNav")}>
      {mentors ? (
        <div className="min-w-0 grow sm:grow-0">
          <label htmlFor="report-mentor" className="mb-1 block text-sm font-medium text-slate-800">
            {t("report.mentor")}
          </label>
          <select id="report-mentor" name="mentor" required className={inputClass} defaultValue="">
            <option value="" disabled>
              {t("report.chooseMentor")}
            </option>
            {mentors.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : mentorId !== null ? (
        <input type="hidden" name="mentor" value={mentorId} />
      ) : null}
      <div>
        <label htmlFor="report-month" className="mb-1 block text-sm font-medium text-slate-800">
          {t("report.month")}
        </label>
        <input id="report-month" name="bulan" type="month" defaultValue={month} pattern="\d{4}-\d{2}" placeholder="2026-01" className={inputClass} />
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        {t("report.show")}
      </button>
    </Form>
  );
}

function Figure({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  const { i18n } = useText();
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold break-words text-slate-900">{typeof value === "number" ? formatNumber(value, i18n.language) : value}</dd>
      {hint ? <dd className="mt-1 text-xs text-slate-600">{hint}</dd> : null}
    </div>
  );
}

/** A small table of counts (evidence by kind, moves by type), or a line saying there were none. */
function CountTable({ headings, rows }: { headings: string[]; rows: { key: string; cells: string[]; count: number }[] }) {
  const { t, i18n } = useText();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("report.noneThisMonth")}</p>;
  return (
    <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
      <thead className="bg-slate-50 text-xs font-semibold text-slate-600 uppercase">
        <tr>
          {headings.map((heading) => (
            <th key={heading} scope="col" className="px-3 py-2">
              {heading}
            </th>
          ))}
          <th scope="col" className="px-3 py-2 text-right">
            {t("report.col.count")}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, i) => (
              <td key={i} className="px-3 py-2">
                {cell}
              </td>
            ))}
            <td className="px-3 py-2 text-right font-semibold">{formatNumber(row.count, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ParticipantName({ row }: { row: { id: number; fullName: string; businessName: string; status: ParticipantStatus; districtName: string } }) {
  return (
    <div>
      <Link to={`/peserta/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
        {row.fullName}
      </Link>
      <div className="text-slate-600">{row.businessName}</div>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <StatusBadge status={row.status} />
        <span>{row.districtName}</span>
      </div>
    </div>
  );
}

/**
 * A section of the report's details: its heading stays in view (and in the page's outline), its body
 * opens with one tap. A closed <details> needs no script and keeps a long month short on a phone.
 */
function DetailSection({ id, title, show, children }: { id: string; title: string; show: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-bold text-slate-900">
        {title}
      </h2>
      <details className="group rounded-lg border border-slate-200 bg-white">
        <summary className="cursor-pointer px-3 py-2 font-medium text-brand-700 underline-offset-2 hover:underline">{show}</summary>
        <div className="border-t border-slate-200 p-3">{children}</div>
      </details>
    </section>
  );
}

/** What a coordinator reads first: each stage's work this month, and each district's people. */
function SummaryTables({ report }: { report: Extract<Data, { kind: "report" }>["report"] }) {
  const { t, i18n } = useText();
  const n = (value: number) => formatNumber(value, i18n.language);
  const cell = "px-3 py-1.5";
  return (
    <div className="grid items-start gap-3 lg:grid-cols-2">
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
        <caption className="px-1 pb-1 text-left font-semibold text-slate-800">{t("report.byStage.title")}</caption>
        <thead className="bg-slate-50 text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className={cell}>{t("report.col.stage")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("report.byStage.evidence")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("report.byStage.finished")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {report.byStage.map((row) => (
            <tr key={row.stage}>
              <th scope="row" className={`${cell} font-normal`}>{stageTitle(t, row.stage)}</th>
              <td className={`${cell} text-right`}>{n(row.evidence)}</td>
              <td className={`${cell} text-right`}>{n(row.finished)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
        <caption className="px-1 pb-1 text-left font-semibold text-slate-800">{t("report.byDistrict.title")}</caption>
        <thead className="bg-slate-50 text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className={cell}>{t("report.col.district")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("report.byDistrict.caseload")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("report.byDistrict.served")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {report.byDistrict.length === 0 ? (
            <tr>
              <td colSpan={3} className={`${cell} text-slate-600`}>{t("report.noneThisMonth")}</td>
            </tr>
          ) : (
            report.byDistrict.map((row) => (
              <tr key={row.name}>
                <th scope="row" className={`${cell} font-normal`}>{row.name}</th>
                <td className={`${cell} text-right`}>{n(row.caseload)}</td>
                <td className={`${cell} text-right`}>{n(row.served)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function Picker({ data }: { data: Extract<Data, { kind: "picker" }> }) {
  const { t } = useText();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">{t("report.title")}</h1>
      <p className="text-slate-700">{t("report.coordinatorIntro")}</p>
      {data.mentors.length ? (
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <MonthForm month={data.month} mentorId={null} mentors={data.mentors} />
        </div>
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">{t("report.noMentors")}</p>
      )}
    </div>
  );
}

function Report({ data }: { data: Extract<Data, { kind: "report" }> }) {
  const { t, i18n } = useText();
  const { report } = data;
  const mentorId = data.role === "coordinator" ? report.mentor.id : null;
  const money = (amount: number | null) => (amount === null ? t("report.none") : formatRupiah(amount, i18n.language));
  const previous = shiftMonth(report.month, -1);
  const next = shiftMonth(report.month, 1);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-slate-900">{t("report.heading", { month: formatMonth(report.month, i18n.language) })}</h1>
        <p className="text-slate-700">
          {t("report.mentorLine", { name: report.mentor.name, districts: report.mentor.districts.join(", ") || t("report.none") })}
        </p>
        <p className="text-sm text-slate-600">{t("report.intro")}</p>
      </header>

      {data.invalidMonth ? <Alert tone="warning">{t("report.invalidMonth")}</Alert> : null}

      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3 lg:flex-row lg:items-end lg:justify-between">
        <nav aria-label={t("report.monthLinks")} className="flex flex-wrap gap-2">
          <Link to={query(previous, mentorId)} rel="prev" className={buttonClass("secondary")}>
            ← {t("report.previous")}
          </Link>
          {next <= data.currentMonth ? (
            <Link to={query(next, mentorId)} rel="next" className={buttonClass("secondary")}>
              {t("report.next")} →
            </Link>
          ) : null}
        </nav>
        <MonthForm month={report.month} mentorId={mentorId} />
        <div>
          {/* A document, not a page: reloadDocument lets the browser download it. */}
          <Link to={`/laporan.csv${query(report.month, mentorId)}`} reloadDocument className={buttonClass("primary")}>
            {t("report.download")}
          </Link>
          <p className="mt-1 max-w-xs text-xs text-slate-600">{t("report.downloadHint")}</p>
        </div>
      </div>

      <section aria-labelledby="summary-heading" className="space-y-3">
        <h2 id="summary-heading" className="text-lg font-bold text-slate-900">
          {t("report.summaryTitle")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5">
          <Figure
            label={t("report.served")}
            value={t("report.servedValue", { served: formatNumber(report.served, i18n.language), caseload: formatNumber(report.caseload, i18n.language) })}
            hint={t("report.servedHint")}
          />
          <Figure label={t("report.evidenceTotal")} value={report.evidenceTotal} />
          <Figure label={t("report.movesTotal")} value={report.movesTotal} />
          <Figure label={t("report.graduations")} value={report.graduations} />
          {report.stalledNow !== null ? <Figure label={t("report.stalledNow")} value={report.stalledNow} /> : null}
        </dl>
        <SummaryTables report={report} />
      </section>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <DetailSection id="evidence-heading" title={t("report.evidenceTitle")} show={t("report.showKinds", { count: report.evidenceByKind.length })}>
          <CountTable
            headings={[t("report.col.stage"), t("report.col.kind")]}
            rows={report.evidenceByKind.map((row) => ({ key: row.kind, cells: [stageTitle(t, row.stage), t(`evidenceKind.${row.kind}`)], count: row.count }))}
          />
        </DetailSection>
        <DetailSection id="moves-heading" title={t("report.movesTitle")} show={t("report.showKinds", { count: report.movesByType.length })}>
          <CountTable
            headings={[t("report.col.move")]}
            rows={report.movesByType.map((row) => ({ key: row.type, cells: [t(`report.moveType.${row.type}`, { defaultValue: row.type })], count: row.count }))}
          />
        </DetailSection>
      </div>

      <DetailSection id="turnover-heading" title={t("report.turnoverTitle")} show={t("report.showTurnover")}>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Figure label={t("report.reporting")} value={report.turnover.reporting} />
          <Figure label={t("report.latestSum")} value={money(report.turnover.latestSum)} />
          <Figure label={t("report.latestMedian")} value={money(report.turnover.latestMedian)} />
          <Figure label={t("report.periodReports")} value={report.turnover.periodReports} />
          <Figure label={t("report.periodSum")} value={money(report.turnover.periodSum)} />
        </dl>
        <p className="mt-2 text-xs text-slate-600">{t("report.turnoverHint")}</p>
      </DetailSection>

      {report.participants.length === 0 ? (
        <section aria-labelledby="participants-heading" className="space-y-2">
          <h2 id="participants-heading" className="text-lg font-bold text-slate-900">
            {t("report.participantsTitle")} (0)
          </h2>
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">{t("report.noParticipants")}</p>
        </section>
      ) : (
        <DetailSection
          id="participants-heading"
          title={`${t("report.participantsTitle")} (${formatNumber(report.participants.length, i18n.language)})`}
          show={t("report.showParticipants", { count: report.participants.length })}
        >
          {/* One table: rows on wide screens, each row a card on phones by CSS alone (app.css, .plist-*). */}
          <div className="md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:bg-white">
            <table className="block w-full text-left text-sm md:table">
              <thead className="sr-only bg-slate-50 text-xs font-semibold text-slate-600 uppercase md:not-sr-only md:table-header-group">
                <tr>
                  <th scope="col" className="px-4 py-3">{t("report.col.name")}</th>
                  <th scope="col" className="px-4 py-3">{t("report.col.stages")}</th>
                  <th scope="col" className="px-4 py-3">{t("report.col.recorded")}</th>
                  <th scope="col" className="px-4 py-3 text-right">{t("report.col.turnover")}</th>
                </tr>
              </thead>
              <tbody className="block space-y-2 md:table-row-group md:space-y-0">
                {report.participants.map((row) => (
                  <tr key={row.id} className="plist-row">
                    <td className="plist-cell order-1 min-w-0 basis-full">
                      <ParticipantName row={row} />
                    </td>
                    <td className="plist-cell order-2 basis-full">
                      <StageStrip states={row.stages} />
                    </td>
                    <td className="plist-cell order-3 basis-full text-slate-800">{activityText(t, row)}</td>
                    {/* A card says the turnover only when there is one, with its label; the table's column heading labels it. */}
                    <td className={`plist-cell order-4 text-slate-600 md:text-right md:whitespace-nowrap md:text-inherit ${row.latestTurnover === null ? "max-md:hidden" : ""}`}>
                      <span className="md:hidden">{`${t("report.col.turnover")}: `}</span>
                      {money(row.latestTurnover)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </DetailSection>
      )}
    </div>
  );
}

export default function MonthlyReportPage() {
  const data = useLoaderData<typeof loader>();
  return data.kind === "picker" ? <Picker data={data} /> : <Report data={data} />;
}
