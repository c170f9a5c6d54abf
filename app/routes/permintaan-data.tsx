// Participants' requests about their own data: a mentor answers the correction requests of the
// participants they serve; a province coordinator carries out erasure for withdrawn participants.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { answerCorrection, carryOutErasure, dataRequestQueue, type HandleRefusal } from "~/modules/entrepreneur/own-data.server";
import { formatDate } from "~/modules/i18n/format";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["entrepreneur"], title: (t) => t("ownData.queueTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "coordinator"]);
  // A city coordinator handles neither kind: their list is empty (erasure is the province's).
  return { role: user.role, items: dataRequestQueue(getDb(), user) };
}

const REFUSAL_TEXT: Record<HandleRefusal, "ownData.notOpen" | "ownData.notWithdrawn"> = {
  "not-found": "ownData.notOpen",
  "not-open": "ownData.notOpen",
  "not-withdrawn": "ownData.notWithdrawn",
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor", "coordinator"]);
  const form = await request.formData();
  const id = parseId(String(form.get("id") ?? ""));
  const intent = form.get("intent");
  if (id === null) return data({ id: null, error: "ownData.notOpen" as const }, { status: 400 });
  let refusal: HandleRefusal | null;
  if (user.role === "mentor" && (intent === "done" || intent === "declined")) {
    const response = String(form.get("response") ?? "").trim();
    if (response.length < 2 || response.length > 2000) return data({ id, error: "ownData.messageInvalid" as const }, { status: 400 });
    refusal = answerCorrection(getDb(), user.id, id, intent, response);
  } else if (user.role === "coordinator" && user.cityId == null && intent === "erase") {
    refusal = await carryOutErasure(getDb(), user.id, id);
  } else {
    throw notFound();
  }
  if (refusal === "not-found") throw notFound();
  if (refusal) return data({ id, error: REFUSAL_TEXT[refusal] }, { status: 409 });
  throw redirect("/permintaan-data?selesai=1", 303);
}

export default function DataRequestsPage() {
  const { t, i18n } = useText();
  const { role, items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("ownData.queueTitle")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("ownData.queueIntro")}</p>
      </div>
      {params.get("selesai") && !actionData ? <Alert tone="success">{t("ownData.handled")}</Alert> : null}
      {/* A refusal is shown beside its request; one about a request not listed, at the top. */}
      {actionData && !items.some((item) => item.id === actionData.id) ? <Alert tone="error">{t(actionData.error)}</Alert> : null}
      {items.length === 0 ? <p className="text-sm text-slate-600">{t("ownData.queueEmpty")}</p> : null}
      <ul className="space-y-3">
        {items.map((item) => (
          <li key={item.id} id={`permintaan-${item.id}`} className="scroll-mt-4 space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <p>
              <span className="font-semibold text-slate-900">{item.fullName}</span> · {t(`ownData.kind.${item.kind}`)} ·{" "}
              {t(`ownData.status.${item.status}` as "ownData.status.open")} · {formatDate(item.requestedAt, i18n.language)}
            </p>
            <p className="break-words text-slate-700">{item.message}</p>
            {actionData && actionData.id === item.id ? <Alert tone="error">{t(actionData.error)}</Alert> : null}
            {item.status === "open" && role === "mentor" ? (
              <Form method="post" className="space-y-2">
                <input type="hidden" name="id" value={item.id} />
                <label htmlFor={`response-${item.id}`} className="block font-medium text-slate-800">
                  {t("ownData.response")}
                </label>
                <textarea id={`response-${item.id}`} name="response" required minLength={2} maxLength={2000} rows={2} className={inputClass} />
                <div className="flex flex-col gap-2 sm:flex-row">
                  <Button name="intent" value="done">{t("ownData.markDone")}</Button>
                  <Button name="intent" value="declined" variant="secondary">{t("ownData.decline")}</Button>
                </div>
              </Form>
            ) : null}
            {item.status === "open" && role === "coordinator" ? (
              <Form method="post" className="space-y-1">
                <input type="hidden" name="id" value={item.id} />
                <p className="text-xs text-slate-600">{t("ownData.eraseHint")}</p>
                <Button name="intent" value="erase" variant="danger" disabled={item.participantStatus !== "withdrawn"}>
                  {t("ownData.erase")}
                </Button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
