import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { History } from "~/components/journey/history";
import { MoveRefusal } from "~/components/journey/move-refusal";
import { ParticipantActions } from "~/components/journey/participant-actions";
import { StallNotice } from "~/components/journey/stall-badge";
import { DormantNotice } from "~/components/journey/dormant-notice";
import { StatusBadge } from "~/components/journey/status-badge";
import { Stepper } from "~/components/journey/stepper";
import { StallNotePanel } from "~/components/participants/stall-note";
import { WorkspaceSections } from "~/components/participants/workspace-sections";
import { PendingReports } from "~/components/participants/pending-reports";
import { notFound, requireParticipantInScope } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import { shownText } from "~/modules/i18n/phrases";
import { performParticipantAction } from "~/modules/participants/actions.server";
import { saveBaseline } from "~/modules/participants/baseline.server";
import { participantOutcome } from "~/modules/follow-ups/outcomes.server";
import { BusinessPanel } from "~/components/outcomes/business-panel";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { sectorLabel } from "~/modules/participants/registration";
import { listRecordedEvidence, stagePartnerOptions } from "~/modules/participants/evidence.server";
import { HISTORY_LIMIT } from "~/modules/participants/history.server";
import { participantWorkspace } from "~/modules/participants/workspace.server";
import { getParticipantPage } from "~/modules/participants/participants.server";
import { listPendingReports } from "~/modules/entrepreneur/self-report.server";
import { ContactLinks } from "~/components/participants/contact-links";
import { whatsAppLink } from "~/modules/today/today";
import { reachParticipant } from "~/modules/today/today.server";
import { AttachForm } from "~/components/files/attach-form";
import { FileList } from "~/components/files/file-list";
import { FilesProvider } from "~/components/files/files-context";
import { uploadLimits } from "~/modules/files/config.server";
import { listShownFiles } from "~/modules/files/files.server";
import { AccountInvitePanel } from "~/components/participants/account-invite-panel";
import { inviteSubject } from "~/modules/account/account-invite.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = {
  text: ["account", "dormancy", "entrepreneur", "partners", "today", "workspace"],
  title: (t, data) => (data as { participant?: { fullName: string } } | null)?.participant?.fullName ?? t("participants.title"),
};

const FILE_VIEWS = { List: FileList, Attach: AttachForm };

/** Staff who work on participants. (Entrepreneurs see their own record on /saya.) */
const STAFF = ["mentor", "coordinator"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const page = getParticipantPage(getDb(), participantId);
  if (!page) throw notFound();
  return {
    ...page,
    workspace: participantWorkspace(getDb(), user, participantId),
    // The baseline, the business class and the figures over time.
    business: participantOutcome(getDb(), participantId)!,
    recorded: listRecordedEvidence(getDb(), participantId),
    // Files on the evidence (thumbnails in the lists and the history), and what an upload may carry.
    files: listShownFiles(getDb(), user, participantId),
    uploadLimits: uploadLimits(),
    trainingPartners: stagePartnerOptions(getDb(), participantId, "training"),
    selfReports: listPendingReports(getDb(), participantId),
    // The serving mentor's way to reach them (number, call and WhatsApp links); null for everyone else.
    reach: reachParticipant(getDb(), user, participantId),
    viewerName: user.name,
    // A mentor invites a person without an account of their own (a walk-in) by WhatsApp.
    canInvite: user.role === "mentor" && inviteSubject(getDb(), participantId)?.hasAccount === false,
    today: jakartaDate(),
    historyLimit: HISTORY_LIMIT,
    // Closing dormant participants is a mentor's bulk move (peserta.tidak-aktif.tsx).
    canCloseDormant: user.role === "mentor",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, participantId } = await requireParticipantInScope(request, params.id, { roles: STAFF });
  const formData = await request.formData();
  const outcome =
    formData.get("intent") === "baseline"
      ? saveBaseline(getDb(), { participantId, actorUserId: user.id, formData })
      : performParticipantAction(getDb(), { participantId, actorUserId: user.id, formData });
  // 303: the browser fetches the page again with GET, so a reload never repeats the move.
  if (outcome.ok) throw redirect(`/peserta/${participantId}`, 303);
  const { status, ...rest } = outcome;
  return data(rest, { status });
}

export default function ParticipantPage() {
  const { t, i18n } = useText();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { participant: p } = page;
  const refusal = actionData && !actionData.ok ? actionData.refusal : null;

  const facts: [string, string][] = [
    [t("participant.district"), `${p.districtName}, ${p.cityName}`],
    [t("participant.cohort"), p.cohortName ?? t("participants.noCohort")],
    [t("participant.mentor"), p.mentorName ?? t("participant.noMentor")],
    [t("participant.agency"), p.agencyName],
    [t("participant.track"), t(`track.${p.track}`)],
    [t("participant.nik"), p.nikMasked],
    [t("participant.phone"), page.reach?.contact?.display || p.phoneMasked || "—"],
    [t("participant.registeredOn"), formatDate(p.registeredAt, i18n.language)],
    [t("participant.lastActivity"), formatDate(p.lastActivityAt, i18n.language)],
  ];

  return (
    <div className="space-y-6">
      <p>
        <Link to="/peserta" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {t("participant.back")}
        </Link>
      </p>

      <header className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h1 className="text-2xl font-bold break-words text-slate-900">{p.fullName}</h1>
            <p className="text-slate-700">
              {p.businessName} · {sectorLabel(t, p.sector)}
            </p>
          </div>
          <StatusBadge status={p.status} dormant={page.dormancy !== null} />
        </div>
        {p.statusReason && p.status !== "active" ? (
          <p className="mt-2 text-sm text-slate-700">{t("participant.statusReason", { reason: shownText(t, p.statusReason) })}</p>
        ) : null}
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="w-32 shrink-0 text-slate-600">{label}</dt>
              <dd className="min-w-0 font-medium break-words text-slate-900" suppressHydrationWarning>
                {value}
              </dd>
            </div>
          ))}
        </dl>
        {page.reach?.contact ? (
          <div className="mt-3">
            <ContactLinks contact={page.reach.contact} name={p.fullName} whatsAppHref={whatsAppLink(t, page.reach, page.viewerName)} />
          </div>
        ) : null}
        <p className="mt-3 flex flex-wrap gap-x-4 text-sm">
          <Link to={`/peserta/${p.id}/berkas`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {t("files.manage")} →
          </Link>
          <Link to={`/peserta/${p.id}/rujuk`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {t("partners.referral.link")} →
          </Link>
        </p>
      </header>

      {page.canInvite ? <AccountInvitePanel participantId={p.id} name={p.fullName} /> : null}

      {refusal ? <MoveRefusal refusal={refusal} /> : null}

      <section aria-labelledby="stages-heading" className="space-y-3">
        <h2 id="stages-heading" className="text-lg font-bold text-slate-900">
          {t("participant.stagesTitle")}
        </h2>
        <DormantNotice participantId={p.id} dormancy={page.dormancy} canClose={page.canCloseDormant} />
        <StallNotice reasons={page.stall} age={page.stallAge} />
        <StallNotePanel participantId={p.id} note={page.workspace.stallNote} stalled={page.stall.length > 0} today={page.today} />
        <Stepper stages={page.stages} label={t("participant.stagesTitle")} />
      </section>

      <BusinessPanel
        outcome={page.business}
        editable={page.stages[0]!.state !== "verified"}
        lastResult={actionData && !actionData.ok ? actionData : undefined}
      />

      <FilesProvider value={{ participantId: p.id, files: page.files, limits: page.uploadLimits, returnTo: `/peserta/${p.id}`, views: FILE_VIEWS }}>
      <PendingReports participantId={p.id} version={p.version} pending={page.selfReports} />

      <div className="grid gap-6 lg:grid-cols-5">
        <section aria-labelledby="actions-heading" className="space-y-3 lg:col-span-3">
          <h2 id="actions-heading" className="text-lg font-bold text-slate-900">
            {t("participant.actionsTitle")}
          </h2>
          <ParticipantActions
            key={p.version}
            status={p.status}
            version={p.version}
            stages={page.stages}
            moves={page.moves}
            evidence={page.evidence}
            recorded={page.recorded}
            trainingPartners={page.trainingPartners}
            today={page.today}
            outcome={actionData && !actionData.ok ? actionData : undefined}
          />
        </section>
        <section aria-labelledby="history-heading" className="space-y-3 lg:col-span-2">
          <h2 id="history-heading" className="text-lg font-bold text-slate-900">
            {t("history.title")}
          </h2>
          <History entries={page.history} limit={page.historyLimit} />
        </section>
      </div>
      </FilesProvider>

      <WorkspaceSections participantId={p.id} otherAgencies={page.workspace.otherAgencies} handoffs={page.workspace.handoffs} />
    </div>
  );
}
