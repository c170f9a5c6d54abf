// A file's thumbnail (images only), through the same access check as the file itself. Identity
// documents have none here: even small, a KTP shows the NIK (their view is logged: berkas.$id.tsx).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, parseId, requireUser } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { fileAccess, getFile, isIdentityDocument } from "~/modules/files/files.server";
import { getFileStore } from "~/modules/files/files-store.server";
import { fileResponse } from "~/modules/files/serve.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseId(params.id);
  const file = id === null ? undefined : getFile(getDb(), id);
  if (!file || !file.thumbSha256 || isIdentityDocument(file.purpose) || fileAccess(getDb(), user, file) === "none") throw notFound();
  return fileResponse(getFileStore(), file, "thumbnail");
}
