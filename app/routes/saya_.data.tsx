// "Data saya": everything held about the signed-in entrepreneur (their own record only, by their
// user id), a download of it (saya_.data_.unduh.tsx: a POST, it is logged), and requests for
// correction and erasure.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { ownData, requestAboutOwnData } from "~/modules/entrepreneur/own-data.server";
import { formatDate } from "~/modules/i18n/format";
import { stageTitle } from "~/modules/journey/labels";
import type { StageId } from "../../machines/stages";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["entrepreneur"], title: (t) => t("ownData.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["entrepreneur"]);
  const own = ownData(getDb(), user.id, { fullNik: false });
  if (!own) throw notFound();
  return own;
}

type ActionData = { form: "correction" | "erasure"; error: "ownData.messageInvalid" | "ownData.alreadyOpen" };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["entrepreneur"]);
  const form = await request.formData();
  const intent = form.get("intent");
  const db = getDb();
  if (intent !== "correction" && intent !== "erasure") return data<ActionData>({ form: "correction", error: "ownData.messageInvalid" }, { status: 400 });
  const message = String(form.get("message") ?? "").trim();
  if (message.length < 10 || message.length > 2000) return data<ActionData>({ form: intent, error: "ownData.messageInvalid" }, { status: 400 });
  const outcome = requestAboutOwnData(db, user.id, intent, message);
  if (outcome === "no-record") throw notFound();
  if (outcome === "already-open") return data<ActionData>({ form: intent, error: "ownData.alreadyOpen" }, { status: 409 });
  throw redirect(`/saya/data?terkirim=${intent === "correction" ? "perbaikan" : "penghapusan"}#permintaan`, 303);
}

function RequestForm({ kind, error }: { kind: "correction" | "erasure"; error?: string }) {
  const { t } = useText();
  const id = `${kind}-message`;
  return (
    <Form method="post" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`${kind}-heading`}>
      <h2 id={`${kind}-heading`} className="font-semibold text-slate-900">
        {t(kind === "correction" ? "ownData.correction" : "ownData.erasure")}
      </h2>
      <p id={`${kind}-hint`} className="text-sm text-slate-700">
        {t(kind === "correction" ? "ownData.correctionHint" : "ownData.erasureHint")}
      </p>
      {error ? <Alert tone="error">{t(error as "ownData.messageInvalid")}</Alert> : null}
      <input type="hidden" name="intent" value={kind} />
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("ownData.message")}
      </label>
      <textarea id={id} name="message" required minLength={10} maxLength={2000} rows={3} aria-describedby={`${kind}-hint`} className={inputClass} />
      <Button variant={kind === "erasure" ? "danger" : "primary"}>{t(kind === "correction" ? "ownData.correctionSubmit" : "ownData.erasureSubmit")}</Button>
    </Form>
  );
}

export default function OwnDataPage() {
  const { t, i18n } = useText();
  const own = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const record = own.record;
  const fields: [string, string | null][] = [
    ["fullName", record.fullName],
    ["nik", record.nik],
    ["phone", record.phone],
    ["email", record.email],
    ["businessName", record.businessName],
    ["district", record.district],
    ["agency", record.agency],
    ["mentor", record.mentor],
    ["status", t(`status.${record.status}` as "status.active")],
    ["registeredAt", formatDate(record.registeredAt, i18n.language)],
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <div>
        <Link to="/saya" className="text-sm font-medium text-brand-700 underline">
          {t("self.title")}
        </Link>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">{t("ownData.title")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("ownData.intro")}</p>
      </div>
      {params.get("terkirim") ? <Alert tone="success">{t("ownData.sent")}</Alert> : null}

      <section aria-labelledby="download-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="download-heading" className="font-semibold text-slate-900">{t("ownData.download")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("ownData.downloadHint")}</p>
        {/* A plain form: a download is a document request, not a client navigation. */}
        <form method="post" action="/saya/data/unduh" className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
          <Button name="format" value="zip">{t("ownData.downloadZip")}</Button>
          <Button name="format" value="json" variant="secondary">{t("ownData.downloadJson")}</Button>
          <Button name="format" value="html" variant="secondary">{t("ownData.downloadHtml")}</Button>
        </form>
      </section>

      <section aria-labelledby="record-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="record-heading" className="font-semibold text-slate-900">{t("ownData.record")}</h2>
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
          {fields.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="font-medium text-slate-600">{t(`ownData.field.${key}` as "ownData.field.nik")}</dt>
              <dd className="break-words text-slate-900">{value ?? "–"}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="history-heading" className="font-semibold text-slate-900">{t("ownData.history")}</h2>
        <ol className="mt-2 space-y-1 text-sm">
          {own.history.map((entry, i) => (
            <li key={i}>
              <time dateTime={new Date(entry.at).toISOString()}>{formatDate(entry.at, i18n.language)}</time> — {entry.eventType}
              {entry.stage ? ` (${stageTitle(t, entry.stage as StageId)})` : ""}
              {entry.reason ? `: ${entry.reason}` : ""}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="evidence-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="evidence-heading" className="font-semibold text-slate-900">{t("ownData.evidence")}</h2>
        {own.evidence.length ? (
          <ul className="mt-2 space-y-1 text-sm">
            {own.evidence.map((item, i) => (
              <li key={i}>
                {item.occurredOn} — {stageTitle(t, item.stage as StageId)} · {t(`evidenceKind.${item.kind}` as "evidenceKind.documents")}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">{t("ownData.none")}</p>
        )}
        <h3 className="mt-3 text-sm font-semibold text-slate-900">{t("ownData.files")}</h3>
        {own.files.length ? (
          <ul className="mt-1 space-y-1 text-sm">
            {own.files.map((file) => (
              <li key={file.id}>{file.name}</li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-600">{t("ownData.none")}</p>
        )}
      </section>

      <section id="permintaan" aria-labelledby="requests-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="requests-heading" className="font-semibold text-slate-900">{t("ownData.requests")}</h2>
        {own.requests.length ? (
          <ul className="mt-2 space-y-2 text-sm">
            {own.requests.map((item) => (
              <li key={item.id}>
                <span className="font-medium">{t(`ownData.kind.${item.kind}`)}</span> · {t(`ownData.status.${item.status}` as "ownData.status.open")} ·{" "}
                {formatDate(item.requestedAt, i18n.language)}
                <p className="break-words text-slate-700">{item.message}</p>
                {item.response ? <p className="break-words text-slate-900">{item.response}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">{t("ownData.none")}</p>
        )}
      </section>

      <RequestForm kind="correction" error={actionData?.form === "correction" ? actionData.error : undefined} />
      <RequestForm kind="erasure" error={actionData?.form === "erasure" ? actionData.error : undefined} />
    </div>
  );
}
