// The open survey rounds that ask the signed-in person, as cards on their landing page (the
// entrepreneur's own page, the mentor's day, the partner's list), each linking to its answer page.
import { Link } from "@remix-run/react";
import { useText } from "~/components/text";
import { buttonClass } from "~/components/ui/button";
import type { RoundCard } from "~/modules/collaboration/responses.server";

export function SurveyCards({ cards }: { cards: RoundCard[] }) {
  const { t } = useText();
  if (cards.length === 0) return null;
  return (
    <div className="space-y-3">
      {cards.map((card) => (
        <section key={card.roundId} aria-labelledby={`survey-card-${card.roundId}`} className="rounded-lg border border-brand-200 bg-brand-50 p-4">
          <h2 id={`survey-card-${card.roundId}`} className="font-semibold text-slate-900">
            {t("surveyCard.title", { name: card.name })}
          </h2>
          <p className="mt-1 text-sm text-slate-800">{t("surveyCard.ask")}</p>
          {card.status ? (
            <p className="mt-1 text-sm font-medium text-slate-900">{card.status === "submitted" ? t("surveyCard.sent") : t("surveyCard.draft")}</p>
          ) : null}
          <Link to={`/kolaborasi/jawab/${card.roundId}`} className={buttonClass(card.status === "submitted" ? "secondary" : "primary", "mt-3")}>
            {card.status === "submitted" ? t("surveyCard.change") : card.status === "draft" ? t("surveyCard.continue") : t("surveyCard.start")}
          </Link>
        </section>
      ))}
    </div>
  );
}
