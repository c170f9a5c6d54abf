import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StageStrip } from "~/components/journey/stage-strip";
import { StatusBadge } from "~/components/journey/status-badge";
import { buttonClass } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { requireRole } from "~/modules/auth/access.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import { listParticipantsInScope } from "~/modules/participants/participants.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { title: (t) => t("participants.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "coordinator"]);
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  const list = listParticipantsInScope(getDb(), user, {
    page: Number.isFinite(page) ? page : 1,
    q: url.searchParams.get("q") ?? "",
  });
  return { role: user.role, list };
}

function pageHref(page: number, q: string): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/peserta?${search}` : "/peserta";
}

function LastActivity({ days, at }: { days: number; at: number }) {
  const { t, i18n } = useTranslation();
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDate(at, i18n.language)} suppressHydrationWarning>
      {days === 0 ? t("participants.today") : t("participants.daysAgo", { count: days })}
    </time>
  );
}

export default function Participants() {
  const { t } = useTranslation();
  const { role, list } = useLoaderData<typeof loader>();
  const heading = role === "mentor" ? t("participants.headingMentor") : t("participants.headingCoordinator");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{heading}</h1>
          <p className="text-sm text-slate-600">
            {t("participants.count", { count: list.total })} · {t("participants.sortNote")}
          </p>
        </div>
        <Form method="get" role="search" className="flex w-full gap-2 sm:w-auto">
          <label htmlFor="q" className="sr-only">
            {t("participants.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={list.q}
            placeholder={t("participants.search")}
            className={`${inputClass} sm:w-64`}
          />
          <button type="submit" className={buttonClass("secondary")}>
            {t("participants.searchButton")}
          </button>
        </Form>
      </div>

      {list.q ? (
        <p className="text-sm">
          <Link to="/peserta" className="font-medium text-brand-700 underline">
            {t("participants.clearSearch")}
          </Link>
        </p>
      ) : null}

      <p className="text-xs text-slate-600">{t("participants.legend")}</p>

      {list.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">{t("participants.empty")}</p>
      ) : (
        <>
          {/* Wide screens: a table. */}
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3">{t("participants.col.name")}</th>
                  <th scope="col" className="px-4 py-3">{t("participants.col.district")}</th>
                  <th scope="col" className="px-4 py-3">{t("participants.col.cohort")}</th>
                  <th scope="col" className="px-4 py-3">{t("participants.col.stages")}</th>
                  <th scope="col" className="px-4 py-3">{t("participants.col.status")}</th>
                  <th scope="col" className="px-4 py-3">{t("participants.col.lastActivity")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {list.rows.map((row) => (
                  <tr key={row.id} className="hover:bg-slate-50">
                    <td className="px-4 py-3">
                      <Link to={`/peserta/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                        {row.fullName}
                      </Link>
                      <div className="text-slate-600">{row.businessName}</div>
                    </td>
                    <td className="px-4 py-3">{row.districtName}</td>
                    <td className="px-4 py-3">{row.cohortName ?? <span className="text-slate-500">{t("participants.noCohort")}</span>}</td>
                    <td className="px-4 py-3">
                      <StageStrip states={row.stages} />
                    </td>
                    <td className="px-4 py-3">
                      <StatusBadge status={row.status} />
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      <LastActivity days={row.daysSinceActivity} at={row.lastActivityAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          {/* Phones: one card per participant. */}
          <ul className="space-y-2 md:hidden">
            {list.rows.map((row) => (
              <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-3">
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    <Link to={`/peserta/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                      {row.fullName}
                    </Link>
                    <div className="truncate text-sm text-slate-600">{row.businessName}</div>
                  </div>
                  <StatusBadge status={row.status} />
                </div>
                <div className="mt-2">
                  <StageStrip states={row.stages} />
                </div>
                <p className="mt-2 text-xs text-slate-600">
                  {row.districtName} · {row.cohortName ?? t("participants.noCohort")} · <LastActivity days={row.daysSinceActivity} at={row.lastActivityAt} />
                </p>
              </li>
            ))}
          </ul>
        </>
      )}

      {list.pageCount > 1 ? (
        <nav aria-label={t("participants.pagination")} className="flex flex-wrap items-center justify-between gap-2">
          {list.page > 1 ? (
            <Link to={pageHref(list.page - 1, list.q)} rel="prev" className={buttonClass("secondary")}>
              ← {t("participants.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-700">{t("participants.page", { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? (
            <Link to={pageHref(list.page + 1, list.q)} rel="next" className={buttonClass("secondary")}>
              {t("participants.next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
