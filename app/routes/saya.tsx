import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useText } from "~/components/text";
import { History } from "~/components/journey/history";
import { stageTitle } from "~/modules/journey/labels";
import { ownRequirementText, ownStateText } from "~/components/journey/own-labels";
import { StatusBadge } from "~/components/journey/status-badge";
import { Stepper, type StepperStage } from "~/components/journey/stepper";
import { FiguresChart } from "~/components/participants/figures-chart";
import { ownOutcome } from "~/modules/follow-ups/outcomes.server";
import { formatDate } from "~/modules/i18n/format";
import { OwnReports, SelfReportForm } from "~/components/participants/self-report-form";
import { Alert } from "~/components/ui/alert";
import { SurveyCards } from "~/components/collaboration/survey-cards";
import { FollowUpForm, OwnFollowUpList } from "~/components/follow-ups/follow-up-form";
import { requireRole } from "~/modules/access/guards.server";
import { openRoundsFor } from "~/modules/collaboration/responses.server";
import { getDb } from "~/modules/db.server";
import { followUpToAnswer, ownFollowUps, submitOwnFollowUp } from "~/modules/follow-ups/follow-ups.server";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { shownText } from "~/modules/i18n/phrases";
import { HISTORY_LIMIT } from "~/modules/participants/history.server";
import { getOwnPage, type NextStep, type OwnPage } from "~/modules/entrepreneur/own-page.server";
import { currentPeriod } from "~/modules/entrepreneur/self-report";
import { submitSelfReport } from "~/modules/entrepreneur/self-report.server";
import { readReportUpload, submitSelfReportWithFiles, type SelfReportUploadResult } from "~/modules/entrepreneur/self-report-files.server";
import { ownParticipantId } from "~/modules/entrepreneur/own-data.server";
import { OwnFiles } from "~/components/files/own-files";
import { FilesProvider } from "~/components/files/files-context";
import { filesConfig, uploadLimits } from "~/modules/files/config.server";
import type { AttachRefusal } from "~/modules/files/attach.server";
import { formatSize } from "~/modules/files/shown";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";
import { discardUpload } from "~/modules/files/upload.server";
import { listShownFiles } from "~/modules/files/files.server";
import { getFileStore } from "~/modules/files/files-store.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["dormancy", "entrepreneur"], title: (t) => t("self.title") };

/** The files' thumbnails under each report and in the history (no attach form: the report form takes them). */
const FILE_VIEWS = { List: OwnFiles, Attach: () => null };

/** The query flag the redirect after a sent report carries (it names no record). */
const SENT = "terkirim";
/** The value of the `laporan` flag after a follow-up was answered. */
const ANSWERED = "tindak-lanjut";

export async function loader({ request }: LoaderFunctionArgs) {
  // Only ever the signed-in person's own record: every query is by their user id, never by a URL id.
  const user = await requireRole(request, ["entrepreneur"]);
  const db = getDb();
  const followUps = ownFollowUps(db, user.id, jakartaDate());
  const page = getOwnPage(db, user.id);
  const participantId = page ? ownParticipantId(db, user.id) : undefined;
  return {
    page,
    // Their own files (their reports' photos, and the evidence the mentor attached), and what a report may carry.
    files: participantId === undefined ? null : { participantId, shown: listShownFiles(db, user, participantId), form: reportFilesForm(request) },
    // The business class from the baseline and the latest report, and the climbs (naik kelas).
    business: page ? ownOutcome(db, user.id) : null,
    historyLimit: HISTORY_LIMIT,
    currentPeriod: currentPeriod(),
    surveys: openRoundsFor(db, user),
    followUps,
    toAnswer: followUpToAnswer(followUps),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["entrepreneur"]);
  // The report form is a multipart post (it may carry photos); the follow-up answer is url-encoded.
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const formData = await request.formData();
    if (formData.get("intent") === "follow-up") return followUp(user.id, formData);
    return reportAnswer(request, submitSelfReport(getDb(), user.id, formData));
  }
  const store = getFileStore();
  const upload = await readReportUpload(request, store, filesConfig());
  if ("refused" in upload) {
    // The rest of a refused body is not read: the connection closes after the answer.
    const problem = reportFilesForm(request, upload.refused).refused;
    return data({ form: "self-report" as const, result: undefined, refusal: null, uploadProblem: problem }, { status: upload.status, headers: { Connection: "close" } });
  }
  if (upload.fields.get("intent") === "follow-up") {
    discardUpload(upload.files);
    return followUp(user.id, upload.fields);
  }
  return reportAnswer(request, await submitSelfReportWithFiles(getDb(), store, filesConfig(), { upload, userId: user.id }));
}

function reportAnswer(request: Request, outcome: SelfReportUploadResult) {
  if (outcome.ok) throw redirect(`/saya?laporan=${SENT}#laporan`, 303);
  const { status, upload, ...rest } = outcome as Extract<SelfReportUploadResult, { ok: false }>;
  return data({ form: "self-report" as const, ...rest, uploadProblem: upload ? reportFilesForm(request, upload).refused : null }, { status });
}

/**
 * What the report form says about its files, in the reader's language, written here rather than in
 * the page's scripts (/saya's have a budget): the hint with the limits, and a refusal of the files.
 */
function reportFilesForm(request: Request, refused?: AttachRefusal) {
  const locale = getLocale(request);
  const t = serverI18n(locale).t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const limits = uploadLimits();
  const size = (bytes: number) => formatSize(bytes, locale);
  return {
    imageMaxPx: limits.imageMaxPx,
    hint: t("files.hint", { size: size(limits.fileMaxBytes), count: limits.maxFiles }),
    refused: refused ? t(`files.refused.${refused.code}`, { name: refused.name ?? "", size: size(refused.limit ?? limits.fileMaxBytes), count: refused.limit ?? limits.maxFiles }) : null,
  };
}

function followUp(userId: number, formData: FormData) {
  const answered = submitOwnFollowUp(getDb(), userId, formData, jakartaDate());
  if (answered.ok) throw redirect(`/saya?laporan=${ANSWERED}#tindak-lanjut`, 303);
  return data({ form: "follow-up" as const, result: answered.result, refusal: null, uploadProblem: null }, { status: answered.status });
}

function Next({ next }: { next: NextStep }) {
  const { t } = useText();
  switch (next.kind) {
    case "awaiting-verification":
      return <p>{t("self.next.awaitingVerification")}</p>;
    case "rejected":
      return <p>{t("self.next.rejected")}</p>;
    case "ready-to-complete":
      return <p>{t("self.next.readyToComplete")}</p>;
    case "can-start":
      return <p>{t("self.next.canStart")}</p>;
    case "missing":
      return (
        <>
          <p className="font-semibold">{t("self.next.needed")}</p>
          <ul className="list-disc pl-4">
            {next.missing.map((m, i) => (
              <li key={i}>{ownRequirementText(t, m)}</li>
            ))}
          </ul>
        </>
      );
  }
}

function MentorCard({ mentor }: { mentor: OwnPage["mentor"] }) {
  const { t } = useText();
  return (
    <section aria-labelledby="mentor-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="mentor-heading" className="text-base font-bold text-slate-900">
        {t("self.mentor.title")}
      </h2>
      {mentor ? (
        <>
          <p className="mt-1 font-medium text-slate-900">{t("self.mentor.named", { name: mentor.name })}</p>
          <ul className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            {mentor.phone ? (
              <li>
                <a
                  href={`tel:${mentor.phone.replace(/[^\d+]/g, "")}`}
                  className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm font-semibold text-brand-700 hover:bg-slate-50"
                >
                  {t("self.mentor.call", { phone: mentor.phone })}
                </a>
              </li>
            ) : null}
            <li>
              <a
                href={`mailto:${mentor.email}`}
                className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm font-semibold break-all text-brand-700 hover:bg-slate-50"
              >
                {t("self.mentor.email", { email: mentor.email })}
              </a>
            </li>
          </ul>
        </>
      ) : (
        <p className="mt-1 text-slate-700">{t("self.mentor.none")}</p>
      )}
    </section>
  );
}

function Offers({ offers }: { offers: OwnPage["offers"] }) {
  const { t } = useText();
  if (offers.length === 0) return <p className="text-sm text-slate-600">{t("self.offers.empty")}</p>;
  return (
    <ul className="grid gap-2 sm:grid-cols-2">
      {offers.map((offer) => (
        <li key={offer.id} className="rounded-lg border border-slate-200 bg-white p-3">
          <p className="text-xs font-semibold text-slate-600">{stageTitle(t, offer.stage)}</p>
          <p className="font-semibold text-slate-900">{offer.organisation}</p>
          <p className="text-sm text-slate-800">{offer.offer}</p>
          {offer.contactEmail || offer.contactPhone ? (
            <p className="mt-1 text-sm break-all text-slate-700">
              {t("self.offers.contact")}{" "}
              {offer.contactEmail ? (
                <a href={`mailto:${offer.contactEmail}`} className="font-medium text-brand-700 underline">
                  {offer.contactEmail}
                </a>
              ) : null}
              {offer.contactEmail && offer.contactPhone ? " · " : null}
              {offer.contactPhone ? (
                <a href={`tel:${offer.contactPhone.replace(/[^\d+]/g, "")}`} className="font-medium text-brand-700 underline">
                  {offer.contactPhone}
                </a>
              ) : null}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function MyProgress() {
  const { t, i18n } = useText();
  const { page, files, business, historyLimit, currentPeriod, surveys, followUps, toAnswer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();

  if (!page) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-2xl font-bold text-slate-900">{t("self.title")}</h1>
        <Alert tone="info">{t("self.notRegistered")}</Alert>
      </div>
    );
  }

  const { participant: p } = page;
  const nextOf = new Map(page.stages.map((s) => [s.stage, s.next]));
  const extra = (stage: StepperStage) => {
    const next = nextOf.get(stage.stage);
    return next ? <Next next={next} /> : null;
  };

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SurveyCards cards={surveys} />
      <div className="grid gap-4 sm:grid-cols-2">
        <header className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h1 className="text-2xl font-bold break-words text-slate-900">{t("self.greeting", { name: p.fullName })}</h1>
            <StatusBadge status={p.status} />
          </div>
          <p className="mt-1 text-slate-700">{t("self.business", { business: p.businessName })}</p>
          <p className="text-slate-700">{t("self.district", { district: p.districtName })}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
            <dt className="text-slate-600">{t("self.nik")}</dt>
            <dd className="font-medium text-slate-900">{p.nikMasked}</dd>
            <dt className="text-slate-600">{t("self.phone")}</dt>
            <dd className="font-medium text-slate-900">{p.phoneMasked || "—"}</dd>
          </dl>
          <p className="mt-2 text-sm">
            <Link to="/saya/data" className="font-medium text-brand-700 underline">
              {t("ownData.link")}
            </Link>
          </p>
          {p.status !== "active" ? (
            <p className="mt-2 text-sm text-slate-700">
              {t("self.statusNote", { status: t(`status.${p.status}`) })}
              {p.statusReason ? ` ${t("participant.statusReason", { reason: shownText(t, p.statusReason) })}` : ""}
            </p>
          ) : null}
        </header>
        <MentorCard mentor={page.mentor} />
      </div>

      {followUps.length > 0 ? (
        <section id="tindak-lanjut" aria-labelledby="follow-up-heading" className="space-y-3">
          <h2 id="follow-up-heading" className="text-lg font-bold text-slate-900">
            {t("followUps.own.title")}
          </h2>
          {params.get("laporan") === ANSWERED && !actionData ? <Alert tone="success">{t("followUps.own.sent")}</Alert> : null}
          {toAnswer ? <FollowUpForm key={toAnswer.id} followUp={toAnswer} lastResult={actionData?.form === "follow-up" ? actionData.result : undefined} /> : null}
          <OwnFollowUpList rows={followUps} />
        </section>
      ) : null}

      <section aria-labelledby="self-stages" className="space-y-3">
        <h2 id="self-stages" className="text-lg font-bold text-slate-900">
          {t("self.stagesTitle")}
        </h2>
        <Stepper stages={page.stages} label={t("self.stagesTitle")} extra={extra} layout="list" stateText={(state) => ownStateText(t, state)} />
      </section>

      <section aria-labelledby="self-offers" className="space-y-3">
        <h2 id="self-offers" className="text-lg font-bold text-slate-900">
          {t("self.offers.title")}
        </h2>
        <Offers offers={page.offers} />
      </section>

      <section aria-labelledby="self-figures" className="space-y-3">
        <h2 id="self-figures" className="text-lg font-bold text-slate-900">
          {t("self.figures.title")}
        </h2>
        {business?.currentClass ? (
          <p className="text-sm text-slate-800" data-testid="own-business-class">
            {t("baseline.class")}: <strong>{t(`businessClass.${business.currentClass}`)}</strong>
          </p>
        ) : null}
        {business?.climbs.map((climb) => (
          <p key={`${climb.kind}-${climb.toClass ?? ""}`} className="text-sm text-emerald-900">
            {climb.kind === "nib"
              ? t("outcomes.climbNib", { date: formatDate(climb.occurredOn, i18n.language) })
              : t("outcomes.climbClass", { to: t(`businessClass.${climb.toClass!}`), date: formatDate(climb.occurredOn, i18n.language) })}
          </p>
        ))}
        <FiguresChart points={page.figures} />
      </section>

      {/* Their files under each report and in the history; withdrawing one they added comes back here. */}
      <FilesProvider value={{ participantId: files?.participantId ?? 0, files: files?.shown ?? [], limits: null, returnTo: "/saya#laporan", views: FILE_VIEWS }}>
      <section id="laporan" aria-labelledby="self-report-heading" className="space-y-3">
        <h2 id="self-report-heading" className="text-lg font-bold text-slate-900">
          {t("self.report.title")}
        </h2>
        {params.get("laporan") === SENT && !actionData ? <Alert tone="success">{t("self.report.sent")}</Alert> : null}
        <SelfReportForm
          currentPeriod={currentPeriod}
          refusal={page.reportRefusal}
          lastResult={actionData?.form === "self-report" ? actionData.result : undefined}
          files={files?.form ?? null}
          uploadProblem={actionData?.uploadProblem ?? null}
        />
        <OwnReports reports={page.reports} />
      </section>

      <section aria-labelledby="self-history" className="space-y-3">
        <h2 id="self-history" className="text-lg font-bold text-slate-900">
          {t("history.title")}
        </h2>
        <History entries={page.history} limit={historyLimit} own />
      </section>
      </FilesProvider>
    </div>
  );
}
