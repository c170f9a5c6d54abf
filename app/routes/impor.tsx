// Importing registrations from CSV (coordinators). "Check" is a dry run that lists every problem;
// "Import" checks again and writes all rows or none. Works without JavaScript: a plain multipart POST.
import { readFileSync, rmSync } from "node:fs";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { importMaxBytes } from "~/modules/http/body-limits.server";
import { readUpload, UploadRefused, type Upload } from "~/modules/http/upload.server";
import { getDb } from "~/modules/db.server";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";
import { SECTORS } from "../../machines/vocabulary";
import { importDistricts, importRegistrations, listAgencies, problemsCsv, recentImports } from "~/modules/transfer/import.server";
import { IMPORT_COLUMN_NAMES, REQUIRED_COLUMNS, type ImportReport } from "~/modules/transfer/import-format";
import { importJobOf, importUploadDir, INLINE_IMPORT_BYTES, queueImport, unfinishedImportOf } from "~/modules/transfer/import-jobs.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["transfer"], title: (t) => t("transfer.import.title") };

type Translate = (key: string, values?: Record<string, unknown>) => string;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const db = getDb();
  const params = new URL(request.url).searchParams;
  // A background import: ?impor=<id> (the user's own only), or their latest one still under way.
  const jobId = params.has("impor") ? parseId(params.get("impor") ?? undefined) : unfinishedImportOf(db, user.id);
  const found = jobId == null ? undefined : importJobOf(db, user.id, jobId);
  if (params.has("impor") && !found) throw notFound();
  const t = serverI18n(getLocale(request)).t as unknown as Translate;
  const job = found && {
    ...found,
    problems: undefined,
    problemsCsv: found.status === "done" && found.problems.length ? problemsCsv(found.problems, t) : undefined,
  };
  return {
    agencies: listAgencies(db),
    districts: importDistricts(db, user),
    history: recentImports(db, user.id),
    done: params.get("selesai") === "1",
    job,
    maxMb: Math.floor(importMaxBytes() / 1024 / 1024),
  };
}

type ActionData = { formError?: string; agencyId?: number; report?: ImportReport; problemsCsv?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  let upload: Upload;
  try {
    // The file goes to disk as it arrives (never whole into memory); the other fields are small.
    upload = await readUpload(request, { fileField: "file", directory: importUploadDir(), maxFileBytes: importMaxBytes() });
  } catch (error) {
    if (error instanceof UploadRefused && error.reason === "tooLarge") return data<ActionData>({ formError: "transfer.import.tooLarge" }, { status: 413 });
    // Not an upload at all (another content type, a broken multipart body, too many parts): the client's fault, not ours.
    return data<ActionData>({ formError: "transfer.import.fileRequired" }, { status: 400 });
  }
  const { fields, file } = upload;
  const agencyId = Number(fields.get("agencyId"));
  const discard = () => file && rmSync(file.path, { force: true });
  if (!Number.isSafeInteger(agencyId) || agencyId <= 0) {
    discard();
    return data<ActionData>({ formError: "transfer.import.problem.agencyUnknown" }, { status: 400 });
  }
  if (!file || file.size === 0) {
    discard();
    return data<ActionData>({ formError: "transfer.import.fileRequired", agencyId }, { status: 400 });
  }

  const dryRun = fields.get("intent") !== "import";
  const fileName = file.name.slice(0, 200);
  const db = getDb();
  if (file.size > INLINE_IMPORT_BYTES) {
    // A large file is checked (and imported) in the background; the page follows its progress.
    const id = queueImport(db, { userId: user.id, agencyId, fileName, filePath: file.path, fileBytes: file.size, dryRun });
    throw redirect(`/impor?impor=${id}`, { status: 303 });
  }
  // A small one takes a few milliseconds: within the request, as it always was. TextDecoder drops a BOM.
  const text = new TextDecoder("utf-8").decode(readFileSync(file.path));
  discard();
  const { report, allProblems } = importRegistrations(db, user, { fileName, text, agencyId, dryRun });
  if (report.imported) throw redirect("/impor?selesai=1", { status: 303 });
  const t = serverI18n(getLocale(request)).t as unknown as Translate;
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

type JobView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["job"]>;

/** A background import: its progress while under way (followed every second with JavaScript, by a link without), then its result. */
function JobProgress({ job }: { job: JobView }) {
  const { t } = useText();
  const revalidator = useRevalidator();
  const unfinished = job.status === "queued" || job.status === "running";
  useEffect(() => {
    if (!unfinished) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [unfinished, revalidator]);
  if (job.status === "done" && job.report) {
    return job.report.imported ? <Alert tone="success">{t("transfer.import.imported")}</Alert> : <Result report={job.report} csv={job.problemsCsv} />;
  }
  if (job.status === "failed") return <Alert tone="error">{t("transfer.import.jobFailed", { file: job.fileName })}</Alert>;
  const label =
    job.status === "queued"
      ? t("transfer.import.jobQueued", { file: job.fileName })
      : job.percent >= 100 && !job.dryRun
        ? t("transfer.import.jobSaving", { file: job.fileName })
        : t("transfer.import.jobChecking", { file: job.fileName, percent: job.percent });
  return (
    <section aria-live="polite" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <p className="font-medium text-slate-900" id="job-progress-label">
        {label}
      </p>
      <progress aria-labelledby="job-progress-label" value={job.percent} max={100} className="h-3 w-full" />
      <p className="text-sm text-slate-700">{t("transfer.import.jobHint")}</p>
      <Link to={`/impor?impor=${job.id}`} className="text-sm font-medium text-brand-700 underline">
        {t("transfer.import.jobRefresh")}
      </Link>
    </section>
  );
}

export default function ImportPage() {
  const { t, i18n } = useText();
  const { agencies, districts, history, done, job, maxMb: MAX_MB } = useLoaderData<typeof loader>();
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
      {job && !actionData ? <JobProgress job={job} /> : null}

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
