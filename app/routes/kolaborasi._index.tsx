// The collaboration survey for coordinators: the instruments (copy one as a new version, open one to
// read or edit it) and the rounds (open a new one; while a round is open, its response rate per
// group and a button to close it; every round links to its results).
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClass } from "~/components/ui/button";
import { requireRole } from "~/modules/access/guards.server";
import { overviewActionSchema } from "~/modules/collaboration/forms";
import { copyInstrument, listInstruments } from "~/modules/collaboration/instruments.server";
import { SurveyRefused } from "~/modules/collaboration/refusals";
import { placeInRound } from "~/modules/collaboration/responses.server";
import { closeRound, listRounds, mayManageRound, responseRates } from "~/modules/collaboration/rounds.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["survey"], title: (t) => t("survey.adminTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const db = getDb();
  const rounds = listRounds(db, user).map((round) => ({
    id: round.id,
    name: round.name,
    periodStart: round.periodStart,
    periodEnd: round.periodEnd,
    instrument: `${round.instrumentName} (v${round.instrumentVersion})`,
    scope: round.scope,
    districtNames: round.districtNames,
    groups: round.groups,
    openedAt: round.openedAt,
    closedAt: round.closedAt,
    mayClose: round.closedAt === null && mayManageRound(db, user, round),
    rates: round.closedAt === null ? responseRates(db, round) : [],
    // Coordinators answer as agency staff when the round asks them.
    asked: round.closedAt === null && placeInRound(db, user, round) !== null,
  }));
  return { instruments: listInstruments(db), rounds };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const submission = parseWithZod(await request.formData(), { schema: overviewActionSchema });
  if (submission.status !== "success") return data({ error: "validation.invalidRequest" }, { status: 400 });
  const db = getDb();
  try {
    if (submission.value.intent === "copy") {
      const id = copyInstrument(db, user.id, submission.value.instrumentId);
      throw redirect(`/kolaborasi/instrumen/${id}`, { status: 303 });
    }
    closeRound(db, user, submission.value.roundId);
    throw redirect("/kolaborasi", { status: 303 });
  } catch (error) {
    if (!(error instanceof SurveyRefused)) throw error;
    return data({ error: error.messageKey }, { status: 400 });
  }
}

export default function CollaborationAdmin() {
  const { t, i18n } = useText();
  const { instruments, rounds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = i18n.language;
  const open = rounds.filter((r) => r.closedAt === null);
  const closed = rounds.filter((r) => r.closedAt !== null);
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("survey.adminTitle")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("survey.adminIntro")}</p>
      </div>
      {actionData?.error ? <Alert tone="error">{t(actionData.error as never)}</Alert> : null}

      <section aria-labelledby="rounds-open" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="rounds-open" className="text-lg font-semibold text-slate-900">
            {t("survey.openRounds")}
          </h2>
          <Link to="/kolaborasi/buka" className={buttonClass("primary")}>
            {t("survey.openRound")}
          </Link>
        </div>
        {open.length === 0 ? <p className="text-sm text-slate-700">{t("survey.noOpenRound")}</p> : null}
        {open.map((round) => (
          <article key={round.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <h3 className="font-semibold text-slate-900">
              <Link to={`/kolaborasi/putaran/${round.id}`} className="text-brand-700 underline">
                {round.name}
              </Link>
            </h3>
            <RoundFacts round={round} />
            <table className="mt-3 w-full text-left text-sm">
              <caption className="sr-only">{t("survey.rateCaption", { name: round.name })}</caption>
              <thead className="text-xs text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="py-1 pr-2">
                    {t("survey.group")}
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right">
                    {t("survey.sent")}
                  </th>
                  <th scope="col" className="py-1 pr-2 text-right">
                    {t("survey.drafts")}
                  </th>
                  <th scope="col" className="py-1 text-right">
                    {t("survey.rate")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {round.rates.map((rate) => (
                  <tr key={rate.group} className="border-t border-slate-100">
                    <th scope="row" className="py-1 pr-2 font-normal">
                      {t(`survey.groups.${rate.group}`)}
                    </th>
                    <td className="py-1 pr-2 text-right tabular-nums">
                      {t("survey.ofAsked", { sent: rate.submitted, asked: rate.eligible })}
                    </td>
                    <td className="py-1 pr-2 text-right tabular-nums">{rate.drafts}</td>
                    <td className="py-1 text-right tabular-nums">{rate.eligible === 0 ? "–" : `${Math.round((rate.submitted / rate.eligible) * 100)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {round.asked ? (
              <Link to={`/kolaborasi/jawab/${round.id}`} className={buttonClass("secondary", "mt-3")}>
                {t("survey.answerThis")}
              </Link>
            ) : null}
            {round.mayClose ? (
              <Form method="post" className="mt-3">
                <input type="hidden" name="intent" value="close" />
                <input type="hidden" name="roundId" value={round.id} />
                <Button variant="danger">{t("survey.closeRound")}</Button>
                <p className="mt-1 text-xs text-slate-600">{t("survey.closeHint")}</p>
              </Form>
            ) : null}
          </article>
        ))}
      </section>

      <section aria-labelledby="rounds-closed" className="space-y-3">
        <h2 id="rounds-closed" className="text-lg font-semibold text-slate-900">
          {t("survey.closedRounds")}
        </h2>
        {closed.length === 0 ? <p className="text-sm text-slate-700">{t("survey.noClosedRound")}</p> : null}
        <ul className="space-y-2">
          {closed.map((round) => (
            <li key={round.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <Link to={`/kolaborasi/putaran/${round.id}`} className="font-semibold text-brand-700 underline">
                {round.name}
              </Link>
              <RoundFacts round={round} />
              <p className="text-sm text-slate-700">{t("survey.closedOn", { date: formatDate(round.closedAt!, lang) })}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="instruments" className="space-y-3">
        <h2 id="instruments" className="text-lg font-semibold text-slate-900">
          {t("survey.instruments")}
        </h2>
        <p className="text-sm text-slate-700">{t("survey.instrumentsIntro")}</p>
        <ul className="space-y-2">
          {instruments.map((instrument) => (
            <li key={instrument.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
              <div>
                <Link to={`/kolaborasi/instrumen/${instrument.id}`} className="font-semibold text-brand-700 underline">
                  {lang === "en" ? instrument.nameEn : instrument.nameId} (v{instrument.version})
                </Link>
                <p className="text-sm text-slate-700">
                  {t("survey.instrumentFacts", { statements: instrument.statements, rounds: instrument.rounds })}
                  {instrument.rounds > 0 ? ` · ${t("survey.inUse")}` : ` · ${t("survey.editable")}`}
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="copy" />
                <input type="hidden" name="instrumentId" value={instrument.id} />
                <Button variant="secondary" aria-label={t("survey.copyNamed", { name: `${instrument.nameId} v${instrument.version}` })}>
                  {t("survey.copy")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function RoundFacts({
  round,
}: {
  round: { periodStart: string; periodEnd: string; instrument: string; scope: string; districtNames: string[]; groups: string[] };
}) {
  const { t, i18n } = useText();
  const lang = i18n.language;
  return (
    <dl className="mt-1 grid grid-cols-1 gap-x-4 text-sm text-slate-700 sm:grid-cols-[auto_1fr]">
      <dt className="font-medium">{t("survey.period")}</dt>
      <dd>
        {formatDate(round.periodStart, lang)} – {formatDate(round.periodEnd, lang)}
      </dd>
      <dt className="font-medium">{t("survey.instrument")}</dt>
      <dd>{round.instrument}</dd>
      <dt className="font-medium">{t("survey.scope")}</dt>
      <dd>{round.scope === "province" ? t("survey.province") : t("survey.districtCount", { count: round.districtNames.length, names: round.districtNames.join(", ") })}</dd>
      <dt className="font-medium">{t("survey.groupsAsked")}</dt>
      <dd>{round.groups.map((g) => t(`survey.groups.${g}` as never)).join(", ")}</dd>
    </dl>
  );
}
