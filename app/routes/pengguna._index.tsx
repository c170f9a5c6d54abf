// The accounts a coordinator manages, filtered by role and active flag (a GET form: works without
// JavaScript and lands in the URL).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useText } from "~/components/text";
import { UserStateBadge } from "~/components/admin/user-state-badge";
import { buttonClass } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { listUsers, type UserFilters } from "~/modules/users/users.server";
import type { RouteHandle } from "~/root";
import { ROLES, type Role } from "../../machines/vocabulary";

export const handle: RouteHandle = { text: ["admin"], title: (t) => t("userAdmin.title") };

function parseFilters(params: URLSearchParams): UserFilters {
  const role = params.get("peran");
  const active = params.get("aktif");
  const page = Number(params.get("hal"));
  return {
    role: (ROLES as readonly string[]).includes(role ?? "") ? (role as Role) : undefined,
    active: active === "yes" || active === "no" ? active : undefined,
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

function listHref(filters: UserFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.role) params.set("peran", filters.role);
  if (filters.active) params.set("aktif", filters.active);
  if (page > 1) params.set("hal", String(page));
  const query = params.toString();
  return `/pengguna${query ? `?${query}` : ""}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const filters = parseFilters(new URL(request.url).searchParams);
  return { filters, list: listUsers(getDb(), user, filters), province: user.cityId == null };
}

export default function Users() {
  const { t } = useText();
  const { filters, list, province } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t("userAdmin.title")}</h1>
          <p className="text-sm text-slate-700">{province ? t("userAdmin.introProvince") : t("userAdmin.introCity")}</p>
          <p className="text-sm text-slate-600">{t("userAdmin.count", { count: list.total })}</p>
        </div>
        <Link to="/pengguna/undang" className={buttonClass("primary")}>
          {t("userAdmin.invite")}
        </Link>
      </div>

      <Form method="get" role="search" aria-label={t("userAdmin.filters")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="min-w-40 grow sm:grow-0">
          <label htmlFor="peran" className="mb-1 block text-sm font-medium text-slate-800">
            {t("userAdmin.role")}
          </label>
          <select id="peran" name="peran" defaultValue={filters.role ?? ""} className={inputClass}>
            <option value="">{t("userAdmin.any")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-40 grow sm:grow-0">
          <label htmlFor="aktif" className="mb-1 block text-sm font-medium text-slate-800">
            {t("userAdmin.activeFilter")}
          </label>
          <select id="aktif" name="aktif" defaultValue={filters.active ?? ""} className={inputClass}>
            <option value="">{t("userAdmin.any")}</option>
            <option value="yes">{t("userAdmin.state.active")}</option>
            <option value="no">{t("userAdmin.state.inactive")}</option>
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("userAdmin.apply")}
        </button>
      </Form>

      {list.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">{t("userAdmin.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("userAdmin.listLabel")}>
          {list.rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-start justify-between gap-2 px-4 py-3 sm:flex-nowrap">
              <div className="min-w-0">
                <Link to={`/pengguna/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                  {row.name}
                </Link>
                <div className="truncate text-sm text-slate-600">{row.email}</div>
                <div className="text-sm text-slate-700">
                  {t(`role.${row.role}`)}
                  {row.role === "coordinator" && !row.scope ? ` · ${t("userAdmin.wholeProvince")}` : row.scope ? ` · ${row.scope}` : ""}
                </div>
              </div>
              <UserStateBadge active={row.active} pending={row.pending} />
            </li>
          ))}
        </ul>
      )}

      {list.pageCount > 1 ? (
        <nav aria-label={t("userAdmin.pagination")} className="flex items-center justify-between gap-2">
          {list.page > 1 ? (
            <Link to={listHref(filters, list.page - 1)} rel="prev" className={buttonClass("secondary")}>
              ← {t("userAdmin.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-700">{t("userAdmin.page", { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? (
            <Link to={listHref(filters, list.page + 1)} rel="next" className={buttonClass("secondary")}>
              {t("userAdmin.next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
