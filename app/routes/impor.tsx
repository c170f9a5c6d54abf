// Importing registrations from CSV (coordinators). "Check" is a dry run that lists every problem;
// "Import" checks again and writes all rows or none. Works without JavaScript: a plain multipart POST.
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";
import { SECTORS } from "../../machines/vocabulary";
import { importDistricts, importRegistrations, listAgencies, problemsCsv, recentImports } from "~/modules/transfer/import.server";
import { IMPORT_COLUMN_NAMES, MAX_UPLOAD_BYTES, REQUIRED_COLUMNS, type ImportReport } from "~/modules/transfer/import-format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["transfer"], title: (t) => t("transfer.import.title") };

const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const db = getDb();
  return {
    agencies: listAgencies(db),
    districts: importDistricts(db, user),
    history: recentImports(db, user.id),
    done: new URL(request.url).searchParams.get("selesai") === "1",
  };
}

type ActionData = { formError?: string; agencyId?: number; report?: ImportReport; problemsCsv?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data<ActionData>({ formError: "transfer.import.tooLarge" }, { status: 400 });
    // Not an upload at all (another content type, a broken multipart body): the client's fault, not ours.
    return data<ActionData>({ formError: "transfer.import.fileRequired" }, { status: 400 });
  }
  const agencyId = Number(form.get("agencyId"));
  const file = form.get("file");
  if (!Number.isSafeInteger(agencyId) || agencyId <= 0) return data<ActionData>({ formError: "transfer.import.problem.agencyUnknown" }, { status: 400 });
  if (!(file instanceof File) || file.size === 0) return data<ActionData>({ formError: "transfer.import.fileRequired", agencyId }, { status: 400 });

  const dryRun = form.get("intent") !== "import";
  const { report, allProblems } = importRegistrations(getDb(), user, { fileName: file.name.slice(0, 200), text: await file.text(), agencyId, dryRun });
  if (report.imported) throw redirect("/impor?selesai=1", { status: 303 });
  const t = serverI18n(getLocale(request)).t as unknown as (key: string, values?: Record<string, unknown>) => string;
  return data<ActionData>(
    { agencyId, report, problemsCsv: allProblems.length ? problemsCsv(allProblems, t) : undefined },
    { status: report.problemCount ? 400 : 200 },
  );
}

/** Problem messages are message keys chosen at run time. */
function translate(t: unknown, key: string, values?: Record<string, unknown>): string {
  return (t as (key: string, values?: Record<string, unknown>) => string)(key, values);
}

function Figure({ label, value }: { label: string; value: number }) {
  const { i18n } = useText();
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-xl font-bold text-slate-900">{formatNumber(value, i18n.language)}</dd>
    </div>
  );
}

function Result({ report, csv }: { report: ImportReport; csv?: string }) {
  const { t } = useText();
  return (
    <section aria-labelledby="result-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="result-heading" className="text-lg font-semibold text-slate-900">
        {t("transfer.import.resultTitle")}: {report.fileName}
      </h2>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Figure label={t("transfer.import.rows")} value={report.rows} />
        <Figure label={t("transfer.import.wouldAdd")} value={report.added} />
        <Figure label={t("transfer.import.alreadyPresent")} value={report.alreadyPresent} />
        <Figure label={t("transfer.import.problems")} value={report.problemCount} />
      </dl>
      {report.problemCount ? (
        <>
          <Alert tone="error">{t("transfer.import.problemsFound", { count: report.problemCount })}</Alert>
          {report.problemCount > report.problems.length ? (
            <p className="text-sm text-slate-700">{t("transfer.import.problemsShown", { shown: report.problems.length, count: report.problemCount })}</p>
          ) : null}
          {csv ? (
            <a
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`}
              download={t("transfer.import.errorsFile.name")}
              className="inline-block font-medium text-brand-700 underline"
            >
              {t("transfer.import.downloadProblems")}
            </a>
          ) : null}
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("transfer.import.problems")}</caption>
              <thead className="bg-slate-50 text-xs font-semibold text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-2 py-2 sm:px-3">
                    {t("transfer.import.col.line")} · {t("transfer.import.col.column")}
                  </th>
                  <th scope="col" className="px-2 py-2 sm:px-3">{t("transfer.import.col.message")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {report.problems.map((problem, i) => (
                  <tr key={i}>
                    {/* Line and column stacked in one cell leave the message room on a phone. */}
                    <td className="px-2 py-2 align-top sm:px-3">
                      <span className="tabular-nums">{problem.line || "–"}</span>
                      {problem.column ? <span className="block font-mono text-xs text-slate-600">{problem.column}</span> : null}
                    </td>
                    <td className="px-2 py-2 align-top sm:px-3">{translate(t, problem.message, problem.values)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <Alert tone={report.added ? "success" : "info"}>{t(report.added ? "transfer.import.readyToImport" : "transfer.import.nothingNew")}</Alert>
      )}
    </section>
  );
}

export default function ImportPage() {
  const { t, i18n } = useText();
  const { agencies, districts, history, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";

  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("transfer.import.title")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("transfer.import.intro")}</p>
      </div>

      {done && !actionData ? <Alert tone="success">{t("transfer.import.imported")}</Alert> : null}
      {actionData?.formError ? <Alert tone="error">{translate(t, actionData.formError, { size: MAX_MB })}</Alert> : null}

      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <label htmlFor="agencyId" className="mb-1 block text-sm font-medium text-slate-800">
            {t("transfer.import.agency")}
          </label>
          <p id="agency-hint" className="mb-1 text-xs text-slate-600">{t("transfer.import.agencyHint")}</p>
          <select id="agencyId" name="agencyId" required defaultValue={actionData?.agencyId ?? ""} aria-describedby="agency-hint" className={inputClass}>
            <option value="" disabled>
              {t("transfer.import.chooseAgency")}
            </option>
            {agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="file" className="mb-1 block text-sm font-medium text-slate-800">
            {t("transfer.import.file")}
          </label>
          <p id="file-hint" className="mb-1 text-xs text-slate-600">{t("transfer.import.fileHint", { size: MAX_MB })}</p>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="file-hint" className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1`} />
        </div>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button name="intent" value="check" variant="secondary" disabled={busy}>
            {busy ? t("transfer.import.running") : t("transfer.import.check")}
          </Button>
          <Button name="intent" value="import" disabled={busy}>
            {t("transfer.import.run")}
          </Button>
        </div>
      </Form>

      {actionData?.report ? <Result report={actionData.report} csv={actionData.problemsCsv} /> : null}

      <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="history-heading" className="font-semibold text-slate-900">{t("transfer.import.history.title")}</h2>
        {history.length ? (
          <ul className="mt-2 space-y-1 text-sm">
            {history.map((entry) => (
              <li key={entry.at}>
                <time dateTime={new Date(entry.at).toISOString()}>{formatDate(entry.at, i18n.language)}</time> —{" "}
                {t("transfer.import.history.entry", { file: entry.fileName, added: entry.added, skipped: entry.skipped })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">{t("transfer.import.history.empty")}</p>
        )}
      </section>

      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-semibold text-brand-700">{t("transfer.import.format.title")}</summary>
        <p className="mt-2 text-sm text-slate-700">{t("transfer.import.format.intro")}</p>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("transfer.import.format.columnsCaption")}</caption>
            <thead className="bg-slate-50 text-xs font-semibold text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">{t("transfer.import.format.column")}</th>
                <th scope="col" className="px-3 py-2">{t("transfer.import.format.values")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {IMPORT_COLUMN_NAMES.map((column) => (
                <tr key={column}>
                  <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">
                    {column}
                    {REQUIRED_COLUMNS.includes(column) ? " *" : ""}
                  </td>
                  <td className="px-3 py-2">{t(`transfer.import.format.${column}`, { values: SECTORS.join(", ") })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 className="mt-3 text-sm font-semibold text-slate-900">{t("transfer.import.format.districts")}</h3>
        <ul className="mt-1 space-y-1 text-sm text-slate-700">
          {districts.map((group) => (
            <li key={group.city}>
              <span className="font-medium">{group.city}:</span> {group.names.join(", ")}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
