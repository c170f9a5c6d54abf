// A collaboration score as the results pages show it: two decimals in the reader's way of writing
// them, the band's code beside it, and the band's colour. The tones are chosen by the band's rank
// in the instrument (bands are data and can be renamed), each a pair of background and text that
// keeps WCAG AA contrast: the colour only repeats what the code says.
import { useText } from "~/components/text";
import { formatDecimal, numberFormat } from "~/modules/i18n/format";
import type { ShownScore } from "~/modules/collaboration/scoring";

// The results pages' tables: the look of the coordinator's figures, kept here so that these pages do
// not load the dashboard's components and their messages.
export const tableClass = "w-full text-left text-sm";
export const theadClass = "bg-slate-50 text-xs font-semibold text-slate-700";
export const cellClass = "px-3 py-2";
// `relative`: screen-reader-only text inside the table is placed against it rather than the page.
export const scrollClass = "relative overflow-x-auto rounded-lg border border-slate-200 bg-white";

/** Counts and shares in the reader's way of writing them: "12.500" / "12,500", "30%". */
export function useNumber() {
  const language = useText().i18n.language;
  const format = numberFormat(language);
  const percent = numberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  return { n: (value: number) => format.format(value), pct: (value: number) => percent.format(value) };
}

export type BandInfo = { code: string; minHundredths: number; labelId: string; labelEn: string };

// Highest band first: dark green with white text, then lighter greens, amber, orange, and dark red with white text.
const TONES = [
  "bg-emerald-800 text-white",
  "bg-emerald-100 text-emerald-950",
  "bg-amber-100 text-amber-950",
  "bg-orange-200 text-orange-950",
  "bg-red-800 text-white",
] as const;

/** The tone of a band by its rank among the instrument's bands (highest first); extra bands take the last tone. */
export function bandTone(code: string | null, bands: readonly BandInfo[]): string {
  if (code === null) return "bg-white text-slate-900";
  const rank = [...bands].sort((a, b) => b.minHundredths - a.minHundredths).findIndex((b) => b.code === code);
  return rank < 0 ? "bg-slate-100 text-slate-900" : TONES[Math.min(rank, TONES.length - 1)]!;
}

export function useScoreText() {
  const { i18n } = useText();
  const language = i18n.language;
  return {
    /** 268 → "2,68" / "2.68": the hundredths are exact, so the division's float prints back the same digits. */
    score: (hundredths: number) => formatDecimal(hundredths / 100, language, 2),
    /** A change in hundredths with its sign: "+0,12", "−0,30", "0,00". */
    change: (hundredths: number) => `${hundredths > 0 ? "+" : hundredths < 0 ? "−" : ""}${formatDecimal(Math.abs(hundredths) / 100, language, 2)}`,
    bandLabel: (code: string | null, bands: readonly BandInfo[]) => {
      const band = bands.find((b) => b.code === code);
      return band ? (language === "en" ? band.labelEn : band.labelId) : "";
    },
    label: (item: { labelId: string; labelEn: string }) => (language === "en" ? item.labelEn : item.labelId),
  };
}

/** A score with its band code, or a dash and why when there is none to show. */
export function ScoreText({ score, weak, bands }: { score: ShownScore | null; weak?: boolean; bands: readonly BandInfo[] }) {
  const { t } = useText();
  const s = useScoreText();
  if (!score) return <span className="text-slate-700">–</span>;
  return (
    <span className="whitespace-nowrap">
      <span className="font-semibold tabular-nums">{s.score(score.hundredths)}</span>{" "}
      <abbr title={s.bandLabel(score.band, bands)} className="text-xs font-semibold no-underline">
        {score.band}
      </abbr>
      {weak ? (
        <span className="ml-1 text-xs font-semibold" title={t("results.weakTitle")}>
          {t("results.weakMark")}
        </span>
      ) : null}
    </span>
  );
}

/** A table cell coloured by the score's band. */
export function ScoreCell({ score, weak, bands, className = "" }: { score: ShownScore | null; weak?: boolean; bands: readonly BandInfo[]; className?: string }) {
  return (
    <td className={`px-3 py-2 text-center ${bandTone(score?.band ?? null, bands)} ${className}`}>
      <ScoreText score={score} weak={weak} bands={bands} />
    </td>
  );
}

/** The bands of the instrument, as a legend. */
export function BandLegend({ bands }: { bands: readonly BandInfo[] }) {
  const { t } = useText();
  const s = useScoreText();
  const sorted = [...bands].sort((a, b) => b.minHundredths - a.minHundredths);
  return (
    <div>
      <h2 className="sr-only">{t("results.legend")}</h2>
      <ul className="flex flex-wrap gap-2 text-xs" aria-label={t("results.legend")}>
        {sorted.map((band) => (
          <li key={band.code} className={`rounded px-2 py-1 ${bandTone(band.code, bands)}`}>
            <span className="font-semibold">{band.code}</span> {s.label(band)} (≥ {s.score(band.minHundredths)})
          </li>
        ))}
      </ul>
    </div>
  );
}
