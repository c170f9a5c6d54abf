// A participant's files: the P1 documents the mentor checks (KTP, family card, the lurah's domicile
// letter, the business plan) with their upload form, and every file attached to their evidence.
// The action takes every upload of the participant's pages (evidence and documents): a multipart
// post, read as it streams, all files stored or none.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AttachForm } from "~/components/files/attach-form";
import { FileList } from "~/components/files/file-list";
import { useText } from "~/components/text";
import { notFound, requireParticipantInScope, safeRedirectPath } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { attachFromRequest } from "~/modules/files/attach.server";
import { filesConfig, uploadLimits } from "~/modules/files/config.server";
import { listShownFiles } from "~/modules/files/files.server";
import { getFileStore } from "~/modules/files/files-store.server";
import { formatSize } from "~/modules/files/shown";
import { getParticipantPage } from "~/modules/participants/participants.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  title: (t, data) => t("files.pageTitle", { name: (data as { fullName?: string } | null)?.fullName ?? "" }),
};

const STAFF = ["mentor", "coordinator"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const page = getParticipantPage(getDb(), participantId);
  if (!page) throw notFound();
  return {
    participantId,
    fullName: page.participant.fullName,
    files: listShownFiles(getDb(), user, participantId),
    limits: uploadLimits(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const outcome = await attachFromRequest(getDb(), getFileStore(), filesConfig(), { request, viewer: user, participantId });
  if (outcome.ok) throw redirect(safeRedirectPath(outcome.returnTo, `/peserta/${participantId}/berkas`), 303);
  // The rest of a refused body is not read: the connection closes after the answer.
  return data({ refusal: outcome.refusal }, { status: outcome.status, headers: { Connection: "close" } });
}

export default function ParticipantFiles() {
  const { t, i18n } = useText();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refusal = actionData?.refusal;
  const here = `/peserta/${page.participantId}/berkas`;
  const documents = page.files.filter((file) => file.evidenceId === null);
  const evidence = page.files.filter((file) => file.evidenceId !== null);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to={`/peserta/${page.participantId}`} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {t("files.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-slate-900">{t("files.pageTitle", { name: page.fullName })}</h1>
      {refusal ? (
        <p role="alert" data-upload-error className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-900" suppressHydrationWarning>
          {t(`files.refused.${refusal.code}`, {
            name: refusal.name ?? "",
            size: formatSize(refusal.limit ?? page.limits.fileMaxBytes, i18n.language),
            count: refusal.limit ?? page.limits.maxFiles,
          })}
        </p>
      ) : null}
      <section aria-labelledby="documents-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="documents-heading" className="text-lg font-bold text-slate-900">
          {t("files.documentsTitle")}
        </h2>
        <p className="text-sm text-slate-600">{t("files.documentsHint")}</p>
        {documents.length ? <FileList files={documents} returnTo={here} /> : <p className="text-sm text-slate-600">{t("files.empty")}</p>}
        <AttachForm participantId={page.participantId} limits={page.limits} returnTo={here} documents />
      </section>
      <section aria-labelledby="evidence-files-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="evidence-files-heading" className="text-lg font-bold text-slate-900">
          {t("files.purpose.evidence")}
        </h2>
        {evidence.length ? <FileList files={evidence} returnTo={here} /> : <p className="text-sm text-slate-600">{t("files.empty")}</p>}
      </section>
    </div>
  );
}
