// The participant list as a file: GET for the masked list (mentors and coordinators, within their
// scope), POST for full identity (province coordinators only; logged). Filters are /peserta's.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";
import { parseListFilters } from "~/modules/participants/list-filters";
import {
  canExportFullIdentity,
  exportFiltersInScope,
  exportParticipants,
  exportResponse,
  parseExportFormat,
  type Translate,
} from "~/modules/transfer/export.server";
import type { SessionUser } from "~/modules/auth/session.server";

function respond(request: Request, user: SessionUser, rawFormat: unknown, fullIdentity: boolean): Response {
  const format = parseExportFormat(rawFormat);
  const { filters } = parseListFilters(new URL(request.url).searchParams);
  const db = getDb();
  if (!format || !exportFiltersInScope(db, user, filters)) throw notFound();
  const t = serverI18n(getLocale(request)).t as unknown as Translate;
  return exportResponse(exportParticipants(db, user, { filters, format, fullIdentity, t, actorUserId: user.id }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "coordinator"]);
  return respond(request, user, new URL(request.url).searchParams.get("format"), false);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  if (!canExportFullIdentity(user)) throw notFound();
  const form = await request.formData();
  return respond(request, user, form.get("format"), true);
}
