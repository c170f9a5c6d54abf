// A move the journey refused, said the same way on every page that sends one: the reason, what the
// machine says is still missing, and, when someone changed the participant meanwhile, a way to load
// the page again.
import { useLocation } from "@remix-run/react";
import { useText } from "~/components/text";
import { requirementText } from "~/modules/journey/labels";
import { Alert } from "~/components/ui/alert";
import type { JourneyErrorCode } from "~/modules/journey/errors";
import type { Requirement } from "../../../machines/journey.requirements";

/** What the machine says a move still needs, one item a requirement. */
export function MissingList({ missing }: { missing: Requirement[] }) {
  const { t } = useText();
  return (
    <ul className="mt-1 list-disc pl-5">
      {missing.map((m, i) => (
        <li key={i}>{requirementText(t, m)}</li>
      ))}
    </ul>
  );
}

export function MoveRefusal({ refusal }: { refusal: { code: JourneyErrorCode; missing: Requirement[] } }) {
  const { t } = useText();
  // The page that sent the move is the one to load again.
  const { pathname } = useLocation();
  return (
    <Alert tone="error">
      <p className="font-semibold">{t(`refusal.${refusal.code}`)}</p>
      {refusal.missing.length ? <MissingList missing={refusal.missing} /> : null}
      {refusal.code === "stale-version" ? (
        <p className="mt-2">
          <a href={pathname} className="font-semibold underline">
            {t("refusal.reload")}
          </a>
        </p>
      ) : null}
    </Alert>
  );
}
