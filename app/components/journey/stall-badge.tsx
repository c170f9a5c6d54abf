// "Macet" and why: the reasons come from stallReasons (modules/journey/stalled.ts), never recomputed here.
import type { TFunction } from "i18next";
import { useText } from "~/components/text";
import { STALL_AGE_BANDS, type StallAgeBand, type StallReason } from "~/modules/journey/stalled";
import { stageTitle } from "~/modules/journey/labels";

/** "P2 Pelatihan 75 hari (batas 60)" or "Tidak ada aktivitas 50 hari". */
function stallReasonText(t: TFunction, reason: StallReason): string {
  return reason.kind === "inactive"
    ? t("stall.inactive", { days: reason.days, limit: reason.limit })
    : t("stall.stage", { stage: stageTitle(t, reason.stage), days: reason.days, limit: reason.limit });
}

/**
 * The badge's and the age's texts in one language, made once: a list draws the stall line on up to 50
 * rows. `reasons` remembers "P2 Pelatihan 75 hari (batas 60)" by its figures (bounded: cleared when
 * full), since a page repeats few of them.
 */
type StallText = {
  badge: string;
  ageLabel: string;
  ages: Record<StallAgeBand, { text: string; title: string }>;
  reasons: Map<string, string>;
};

const texts = new WeakMap<TFunction, StallText>();

export function stallText(t: TFunction): StallText {
  let text = texts.get(t);
  if (!text) {
    text = {
      badge: t("stall.badge"),
      ageLabel: t("dormancy.age.label"),
      ages: Object.fromEntries(
        STALL_AGE_BANDS.map((band) => {
          const said = t(`dormancy.age.band.${band}`);
          return [band, { text: said, title: t("dormancy.age.title", { band: said }) }];
        }),
      ) as StallText["ages"],
      reasons: new Map(),
    };
    texts.set(t, text);
  }
  return text;
}

function reasonsText(t: TFunction, text: StallText, reasons: StallReason[]): string {
  return reasons
    .map((reason) => {
      const key = reason.kind === "inactive" ? `i${reason.days}/${reason.limit}` : `${reason.stage}${reason.days}/${reason.limit}`;
      let said = text.reasons.get(key);
      if (said === undefined) {
        if (text.reasons.size >= 5000) text.reasons.clear();
        text.reasons.set(key, (said = stallReasonText(t, reason)));
      }
      return said;
    })
    .join(" · ");
}

function Badge({ text }: { text: StallText }) {
  return (
    <span className="stall-badge">
      <span aria-hidden="true">!</span>
      {text.badge}
    </span>
  );
}

function StallAgeOf({ band, text }: { band: StallAgeBand | null | undefined; text: StallText }) {
  if (!band) return null;
  const age = text.ages[band];
  return (
    <span title={age.title} className={band === "new" ? "stall-age stall-age-new" : "stall-age"}>
      <span className="sr-only">{`${text.ageLabel}: `}</span>
      {age.text}
    </span>
  );
}

/** How old the stall is (stallAgeBand in stalled.ts): new this week, 1–4 weeks, 1–3 months, older. */
export function StallAge({ band }: { band: StallAgeBand | null | undefined }) {
  return <StallAgeOf band={band} text={stallText(useText().t)} />;
}

/** For a list row, with its texts given: the badge, the stall's age and its reasons on one line. */
export function StallBadgeOf({ reasons, age, t, text }: { reasons: StallReason[]; age?: StallAgeBand | null; t: TFunction; text: StallText }) {
  if (reasons.length === 0) return null;
  return (
    <span className="stall-line">
      <Badge text={text} />
      <StallAgeOf band={age} text={text} />
      <span>{reasonsText(t, text, reasons)}</span>
    </span>
  );
}

/** For a list row: the badge, the stall's age and its reasons on one line. Renders nothing when not stalled. */
export function StallBadge({ reasons, age }: { reasons: StallReason[]; age?: StallAgeBand | null }) {
  const { t } = useText();
  return <StallBadgeOf reasons={reasons} age={age} t={t} text={stallText(t)} />;
}

/** For the participant page: the badge and each reason, read-only. Renders nothing when not stalled. */
export function StallNotice({ reasons, age }: { reasons: StallReason[]; age?: StallAgeBand | null }) {
  const { t } = useText();
  if (reasons.length === 0) return null;
  return (
    <div role="status" className="flex flex-wrap items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <Badge text={stallText(t)} />
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
