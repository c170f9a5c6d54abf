// "Macet" and why: the reasons come from stallReasons (modules/journey/stalled.ts), never recomputed here.
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import type { StallAgeBand, StallReason } from "~/modules/journey/stalled";
import { stageTitle } from "~/modules/journey/labels";

/** "P2 Pelatihan 75 hari (batas 60)" or "Tidak ada aktivitas 50 hari". */
function stallReasonText(t: TFunction, reason: StallReason): string {
  return reason.kind === "inactive"
    ? t("stall.inactive", { days: reason.days, limit: reason.limit })
    : t("stall.stage", { stage: stageTitle(t, reason.stage), days: reason.days, limit: reason.limit });
}

function Badge() {
  const { t } = useText();
  return (
    <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-600/30 ring-inset">
      <span aria-hidden="true">!</span>
      {t("stall.badge")}
    </span>
  );
}

/** How old the stall is (stallAgeBand in stalled.ts): new this week, 1–4 weeks, 1–3 months, older. */
export function StallAge({ band }: { band: StallAgeBand | null | undefined }) {
  const { t } = useText();
  if (!band) return null;
  const text = t(`dormancy.age.band.${band}`);
  return (
    <span
      title={t("dormancy.age.title", { band: text })}
      className={`inline-flex shrink-0 items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${band === "new" ? "bg-white text-red-800 ring-red-600/30" : "bg-red-100 text-red-900 ring-red-700/30"}`}
    >
      <span className="sr-only">{t("dormancy.age.label")}: </span>
      {text}
    </span>
  );
}

/** For a list row: the badge, the stall's age and its reasons on one line. Renders nothing when not stalled. */
export function StallBadge({ reasons, age }: { reasons: StallReason[]; age?: StallAgeBand | null }) {
  const { t } = useText();
  if (reasons.length === 0) return null;
  return (
    <span className="inline-flex flex-wrap items-center gap-1 text-xs text-red-900">
      <Badge />
      <StallAge band={age} />
      <span>{reasons.map((reason) => stallReasonText(t, reason)).join(" · ")}</span>
    </span>
  );
}

/** For the participant page: the badge and each reason, read-only. Renders nothing when not stalled. */
export function StallNotice({ reasons, age }: { reasons: StallReason[]; age?: StallAgeBand | null }) {
  const { t } = useText();
  if (reasons.length === 0) return null;
  return (
    <div role="status" className="flex flex-wrap items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <Badge />
      <StallAge band={age} />
      <div>
        <p className="font-semibold">{t("stall.notice")}</p>
        <ul className="list-disc pl-5">
          {reasons.map((reason) => (
            <li key={reason.kind === "stage" ? reason.stage : "inactive"}>{stallReasonText(t, reason)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
