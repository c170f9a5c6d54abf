// The participant list as a file: GET for the masked list (mentors and coordinators, within their
// scope), POST for full identity (province coordinators only, with a stated purpose, at most
// PAS_EXPORT_MAX_ROWS rows; logged with the ids exported). Filters are /peserta's.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { getLocale, serverI18n } from "~/modules/i18n/i18n.server";
import { parseListFilters } from "~/modules/participants/list-filters";
import {
  canExportFullIdentity,
  exportFiltersInScope,
  exportParticipants,
  exportPurpose,
  ExportRefused,
  exportResponse,
  parseExportFormat,
  type Translate,
} from "~/modules/transfer/export.server";
import type { SessionUser } from "~/modules/auth/session.server";

/** A refusal in words, as plain text: the form posts as a document request, not a Remix navigation. */
const refusal = (message: string) => new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

function respond(request: Request, user: SessionUser, rawFormat: unknown, fullIdentity: boolean, purpose?: string): Response {
  const format = parseExportFormat(rawFormat);
  const { filters } = parseListFilters(new URL(request.url).searchParams);
  const db = getDb();
  if (!format || !exportFiltersInScope(db, user, filters)) throw notFound();
  const t = serverI18n(getLocale(request)).t as unknown as Translate;
  try {
    return exportResponse(exportParticipants(db, user, { filters, format, fullIdentity, purpose, t, actorUserId: user.id }));
  } catch (error) {
    if (error instanceof ExportRefused) return refusal(t("transfer.export.tooManyRows", { count: error.count, max: error.max }));
    throw error;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "coordinator"]);
  return respond(request, user, new URL(request.url).searchParams.get("format"), false);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  if (!canExportFullIdentity(user)) throw notFound();
  const form = await request.formData();
  const purpose = exportPurpose(form.get("purpose"));
  if (!purpose) return refusal((serverI18n(getLocale(request)).t as unknown as Translate)("transfer.export.purposeInvalid"));
  return respond(request, user, form.get("format"), true, purpose);
}
