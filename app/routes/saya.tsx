import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { History } from "~/components/journey/history";
import { requirementText } from "~/components/journey/labels";
import { StatusBadge } from "~/components/journey/status-badge";
import { Stepper, type StepperStage } from "~/components/journey/stepper";
import { Alert } from "~/components/ui/alert";
import { requireRole } from "~/modules/auth/access.server";
import { getDb } from "~/modules/db.server";
import { HISTORY_LIMIT } from "~/modules/participants/history.server";
import { getOwnProgress, type NextStep } from "~/modules/participants/participants.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: (t) => t("mine.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  // Only ever the signed-in person's own record: the query is by their user id, never by a URL id.
  const user = await requireRole(request, ["entrepreneur"]);
  return { progress: getOwnProgress(getDb(), user.id), historyLimit: HISTORY_LIMIT };
}

function Next({ next }: { next: NextStep }) {
  const { t } = useTranslation();
  switch (next.kind) {
    case "awaiting-verification":
      return <p>{t("mine.awaitingVerification")}</p>;
    case "rejected":
      return <p>{t("mine.rejected")}</p>;
    case "ready-to-complete":
      return <p>{t("mine.readyToComplete")}</p>;
    case "can-start":
      return <p>{t("mine.canStart")}</p>;
    case "missing":
      return (
        <>
          <p className="font-semibold">{t("mine.needed")}</p>
          <ul className="list-disc pl-4">
            {next.missing.map((m, i) => (
              <li key={i}>{requirementText(t, m)}</li>
            ))}
          </ul>
        </>
      );
  }
}

export default function MyProgress() {
  const { t } = useTranslation();
  const { progress, historyLimit } = useLoaderData<typeof loader>();

  if (!progress) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-2xl font-bold text-slate-900">{t("mine.title")}</h1>
        <Alert tone="info">{t("mine.notRegistered")}</Alert>
      </div>
    );
  }

  const { participant: p } = progress;
  const nextOf = new Map(progress.stages.map((s) => [s.stage, s.next]));
  const extra = (stage: StepperStage) => {
    const next = nextOf.get(stage.stage);
    return next ? <Next next={next} /> : null;
  };

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h1 className="text-2xl font-bold text-slate-900">{t("mine.greeting", { name: p.fullName })}</h1>
          <StatusBadge status={p.status} />
        </div>
        <p className="mt-1 text-slate-700">{t("mine.business", { business: p.businessName })}</p>
        <p className="text-slate-700">{t("mine.district", { district: p.districtName })}</p>
        <p className="mt-2 font-medium text-slate-900">{p.mentorName ? t("mine.mentor", { name: p.mentorName }) : t("mine.noMentor")}</p>
        {p.status !== "active" ? (
          <p className="mt-2 text-sm text-slate-700">
            {t("mine.statusNote", { status: t(`status.${p.status}`) })}
            {p.statusReason ? ` ${t("participant.statusReason", { reason: p.statusReason })}` : ""}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="mine-stages" className="space-y-3">
        <h2 id="mine-stages" className="text-lg font-bold text-slate-900">
          {t("mine.stagesTitle")}
        </h2>
        <Stepper stages={progress.stages} label={t("mine.stagesTitle")} extra={extra} layout="list" />
      </section>

      <section aria-labelledby="mine-history" className="space-y-3">
        <h2 id="mine-history" className="text-lg font-bold text-slate-900">
          {t("history.title")}
        </h2>
        <History entries={progress.history} limit={historyLimit} />
      </section>
    </div>
  );
}
