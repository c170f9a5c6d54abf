import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextareaField } from "~/components/ui/field";
import { notFound, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { formatDate } from "~/modules/i18n/format";
import { BULK_LIMIT } from "~/modules/participants/bulk";
import { allInScope, parseItems } from "~/modules/participants/bulk.server";
import { dormantCloseSchema } from "~/modules/participants/dormancy";
import { closeDormant, dormantSelection } from "~/modules/participants/dormancy.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["dormancy"], title: (t) => t("dormancy.close.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor"]);
  const selection = dormantSelection(getDb(), user, new URL(request.url).searchParams);
  if (selection.kind === "not-found") throw notFound();
  return { selection, limit: BULK_LIMIT };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor"]);
  const db = getDb();
  const formData = await request.formData();
  const items = parseItems(formData.getAll("peserta").map(String));
  if (items === null) throw notFound();
  const submission = parseWithZod(formData, { schema: dormantCloseSchema });
  // The selection is checked before anything typed: too many is said plainly, out of scope is 404.
  if (items.length > BULK_LIMIT) return data({ result: submission.reply({ formErrors: ["dormancy.close.error.tooMany"] }) }, { status: 400 });
  if (!allInScope(db, user, items.map((i) => i.participantId))) throw notFound();
  if (items.length === 0) return data({ result: submission.reply({ formErrors: ["dormancy.close.error.none"] }) }, { status: 400 });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const auditId = closeDormant(db, { actorUserId: user.id, items, reason: submission.value.reason });
  // 303: the result is a page of its own, so a reload shows it again rather than closing twice.
  throw redirect(`/peserta/tidak-aktif/hasil/${auditId}`, 303);
}

type Selected = Extract<ReturnType<typeof useLoaderData<typeof loader>>["selection"], { kind: "selected" }>;

function CloseForm({ selection, limit }: { selection: Selected; limit: number }) {
  const { t, i18n } = useText();
  const location = useLocation();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "close-dormant",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: dormantCloseSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const busy = navigation.state === "submitting";
  // A refused post keeps the ticks as sent; a first visit ticks everyone.
  const sent = actionData?.result.initialValue?.peserta;
  const ticked = (value: string) => (sent === undefined ? true : ([] as unknown[]).concat(sent).includes(value));
  return (
    <Form method="post" action={`${location.pathname}${location.search}`} {...getFormProps(form)} className="space-y-4">
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <TextareaField field={fields.reason} label={t("dormancy.close.reason")} hint={t("dormancy.close.reasonHint")} />
        {form.errors?.length ? (
          <div id={form.errorId} role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
            {form.errors.map((e) => t(e as never, { limit })).join(" ")}
          </div>
        ) : null}
        <Button variant="danger" disabled={busy}>
          {t("dormancy.close.submit")}
        </Button>
      </div>

      <section aria-labelledby="participants-heading" className="space-y-2">
        <h2 id="participants-heading" className="text-lg font-bold text-slate-900">
          {t("dormancy.close.participantsTitle", { count: selection.rows.length })}
        </h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {selection.rows.map((row) => (
            <li key={row.id}>
              {/* Ticked by default; the version is the one the move is made against (a change meanwhile is refused). */}
              <label className="flex min-h-11 cursor-pointer items-start gap-3 px-3 py-2 hover:bg-slate-50">
                <input
                  type="checkbox"
                  name="peserta"
                  value={`${row.id}:${row.version}`}
                  defaultChecked={ticked(`${row.id}:${row.version}`)}
                  aria-label={t("dormancy.close.select", { name: row.fullName })}
                  className="mt-0.5 h-5 w-5 shrink-0"
                />
                <span className="min-w-0">
                  <span className="block font-semibold text-slate-900">{row.fullName}</span>
                  <span className="block truncate text-sm text-slate-600">
                    {row.businessName} · {row.districtName}
                  </span>
                  <span className="block text-xs text-slate-600" suppressHydrationWarning>
                    {t("dormancy.close.lastActivity", { date: formatDate(row.lastActivityAt, i18n.language) })}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </section>
    </Form>
  );
}

export default function DormantClosePage() {
  const { t } = useText();
  const { selection, limit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (selection.kind !== "selected") {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold text-slate-900">{t("dormancy.close.title")}</h1>
        <Alert tone="warning">{t("dormancy.close.error.tooMany", { limit })}</Alert>
        <Link to="/peserta/tidak-aktif" className="font-medium text-brand-700 underline">
          {t("dormancy.close.showAll")}
        </Link>
      </div>
    );
  }
  const nothing = selection.rows.length === 0;
  return (
    <div className="space-y-4">
      <p>
        <Link to="/peserta?status=dormant" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← {t("participant.back")}
        </Link>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold text-slate-900">{t("dormancy.close.title")}</h1>
        <p className="text-slate-700">{t("dormancy.close.intro", { days: selection.dormantDays })}</p>
      </header>
      {selection.skipped > 0 ? <Alert tone="warning">{t("dormancy.close.skipped", { count: selection.skipped })}</Alert> : null}
      {selection.total > selection.rows.length ? (
        <Alert tone="info">{t("dormancy.close.limited", { shown: selection.rows.length, total: selection.total })}</Alert>
      ) : null}
      {!selection.all ? (
        <p className="text-sm">
          <Link to="/peserta/tidak-aktif" className="font-medium text-brand-700 underline">
            {t("dormancy.close.showAll")}
          </Link>
        </p>
      ) : null}
      {nothing ? (
        <>
          {actionData?.result.error?.[""]?.length ? <Alert tone="error">{actionData.result.error[""].map((e) => t(e as never, { limit })).join(" ")}</Alert> : null}
          <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">
            {selection.all ? t("dormancy.close.none") : t("dormancy.close.noneSelected")}
          </p>
        </>
      ) : (
        <CloseForm selection={selection} limit={limit} />
      )}
    </div>
  );
}
