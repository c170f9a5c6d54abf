// One attached file, through the access check. GET serves it, except an identity document (KTP,
// family card): its full-size view is a POST (intent=view), because each such view is logged like a
// full-NIK read and a page read never writes. POST intent=withdraw withdraws a mistaken upload (only
// by whoever added it).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound, parseId, requireUser, safeRedirectPath } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { fileAccess, getFile, isIdentityDocument, logIdentityView, withdrawFile } from "~/modules/files/files.server";
import { getFileStore } from "~/modules/files/files-store.server";
import { fileResponse } from "~/modules/files/serve.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseId(params.id);
  const file = id === null ? undefined : getFile(getDb(), id);
  if (!file || fileAccess(getDb(), user, file) === "none" || isIdentityDocument(file.purpose)) throw notFound();
  return fileResponse(getFileStore(), file, "full");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = parseId(params.id);
  const file = id === null ? undefined : getFile(getDb(), id);
  if (!file) throw notFound();
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "view") {
    if (fileAccess(getDb(), user, file) === "none") throw notFound();
    logIdentityView(getDb(), user, file);
    return fileResponse(getFileStore(), file, "full");
  }
  if (intent !== "withdraw") return new Response("Bad Request", { status: 400 });
  const refusal = await withdrawFile(getDb(), getFileStore(), user, file.id);
  if (refusal === "not-found" || refusal === "withdrawn") throw notFound();
  if (refusal === "not-yours") return new Response("Forbidden", { status: 403 });
  throw redirect(safeRedirectPath(form.get("returnTo"), `/peserta/${file.participantId}`), 303);
}
