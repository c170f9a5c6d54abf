import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { PendingReports } from "~/components/participants/pending-reports";
import { notFound, requireParticipantInScope } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { getReviewPage, reviewSelfReport } from "~/modules/entrepreneur/self-report.server";
import { FileList } from "~/components/files/file-list";
import { AttachForm } from "~/components/files/attach-form";
import { FilesProvider } from "~/components/files/files-context";
import { listShownFiles } from "~/modules/files/files.server";
import type { RouteHandle } from "~/root";

const FILE_VIEWS = { List: FileList, Attach: AttachForm };

export const handle: RouteHandle = {
  text: ["entrepreneur"],
  title: (t, data) => (data as { fullName?: string } | null)?.fullName ?? t("participants.title"),
};

/** Staff who review a participant's own reports; anyone else, or out of scope, gets 404. */
const STAFF = ["mentor", "coordinator"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const page = getReviewPage(getDb(), participantId);
  if (!page) throw notFound();
  // The reports' photos and documents (thumbnails), as on the participant page.
  return { participantId, ...page, files: listShownFiles(getDb(), user, participantId) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const outcome = reviewSelfReport(getDb(), { participantId, actorUserId: user.id, formData: await request.formData() });
  // 303: back to the participant page with GET, so a reload never repeats the review.
  if (outcome.ok) throw redirect(`/peserta/${participantId}#laporan-mandiri`, 303);
  const { status, ...rest } = outcome;
  return data(rest, { status });
}

/** Shown after a refused review (and on its own): the reports, why it was refused, the way back. */
export default function SelfReportReview() {
  const { t } = useText();
  const page = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/peserta/${page.participantId}`} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {t("self.review.back", { name: page.fullName })}
        </Link>
      </p>
      <h1 className="text-2xl font-bold break-words text-slate-900">{page.fullName}</h1>
      <FilesProvider value={{ participantId: page.participantId, files: page.files, limits: null, returnTo: `/peserta/${page.participantId}/laporan-mandiri`, views: FILE_VIEWS }}>
        <PendingReports
          participantId={page.participantId}
          version={page.version}
          pending={page.pending}
          outcome={outcome && !outcome.ok ? outcome : undefined}
        />
      </FilesProvider>
      {page.pending.reports.length === 0 && !outcome ? <p className="text-sm text-slate-600">{t("self.review.empty")}</p> : null}
    </div>
  );
}
