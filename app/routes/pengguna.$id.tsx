// One account: what it covers and its state, and the changes a coordinator may make to it (a
// mentor's districts, a coordinator's scope, deactivate / reactivate, a new invitation link). One's
// own account is shown without any of them, and a change posted for it is refused.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { DistrictCheckboxes } from "~/components/admin/district-checkboxes";
import { IdSelect } from "~/components/admin/id-select";
import { InvitationLink } from "~/components/admin/invitation-link";
import { UserStateBadge } from "~/components/admin/user-state-badge";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/field";
import { notFound, parseId, requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { formatDateTime } from "~/modules/i18n/format";
import { districtsAdministered, isProvinceCoordinator } from "~/modules/users/coordinator-scope.server";
import { invitationPath } from "~/modules/users/invitations.server";
import { userChangeSchema } from "~/modules/users/user-forms";
import { changeUser, listCities, managedUser, recentUserChanges, UserChangeRefused } from "~/modules/users/users.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["admin"], title: (_t, data) => (data as { account: { name: string } }).account.name };

async function requireManagedUser(request: Request, rawId: string | undefined) {
  const user = await requireRole(request, ["coordinator"]);
  const id = parseId(rawId);
  const account = id === null ? null : managedUser(getDb(), user, id);
  if (!account) throw notFound();
  return { user, account };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, account } = await requireManagedUser(request, params.id);
  const db = getDb();
  const province = isProvinceCoordinator(user);
  const districts = districtsAdministered(db, user);
  const allDistricts = districtsAdministered(db, { ...user, cityId: null });
  return {
    account,
    // Districts the mentor has, by name (including those outside this coordinator's city).
    assigned: allDistricts.filter((d) => account.districtIds.includes(d.id)).map((d) => d.name),
    districts,
    cities: province && account.role === "coordinator" ? listCities(db) : [],
    changes: recentUserChanges(db, account.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, account } = await requireManagedUser(request, params.id);
  const submission = parseWithZod(await request.formData(), { schema: userChangeSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), link: null }, { status: 400 });
  try {
    const token = changeUser(getDb(), user, account, submission.value);
    if (token) return data({ result: submission.reply(), link: new URL(invitationPath(token), request.url).toString() });
  } catch (error) {
    if (!(error instanceof UserChangeRefused)) throw error;
    if (error.status === 404) throw notFound();
    const reply = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) : submission.reply({ formErrors: [error.messageKey] });
    return data({ result: reply, link: null }, { status: error.status });
  }
  throw redirect(`/pengguna/${account.id}`, { status: 303 });
}

function IntentButton({ intent, label, variant }: { intent: string; label: string; variant: "secondary" | "danger" }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button variant={variant}>{label}</Button>
    </Form>
  );
}

export default function UserPage() {
  const { t, i18n } = useText();
  const { account, assigned, districts, cities, changes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lastResult = navigation.state === "idle" ? actionData?.result : undefined;
  const validate = ({ formData }: { formData: FormData }) => parseWithZod(formData, { schema: userChangeSchema });
  const [districtForm, districtFields] = useForm({
    id: "districts",
    lastResult: lastResult?.initialValue?.intent === "districts" ? lastResult : undefined,
    onValidate: validate,
  });
  const [scopeForm, scopeFields] = useForm({
    id: "scope",
    lastResult: lastResult?.initialValue?.intent === "scope" ? lastResult : undefined,
    defaultValue: { cityId: account.cityId ?? undefined },
    onValidate: validate,
  });
  const otherErrors = lastResult && !["districts", "scope"].includes(String(lastResult.initialValue?.intent)) ? lastResult.error?.[""] : undefined;
  const scope = account.role === "coordinator" ? (account.cityName ?? t("userAdmin.wholeProvince")) : account.role === "partner" ? account.organisationName : null;

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/pengguna" className="font-medium text-brand-700 underline">
          {t("userAdmin.title")}
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold text-slate-900">{account.name}</h1>
          <p className="truncate text-sm text-slate-700">{account.email}</p>
        </div>
        <UserStateBadge active={account.active} pending={account.pending} />
      </div>
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
        <div className="flex justify-between gap-4 px-4 py-2">
          <dt className="text-slate-700">{t("userAdmin.role")}</dt>
          <dd className="font-semibold text-slate-900">{t(`role.${account.role}`)}</dd>
        </div>
        {account.agencyName ? (
          <div className="flex justify-between gap-4 px-4 py-2">
            <dt className="text-slate-700">{t("userAdmin.agency")}</dt>
            <dd className="text-right font-semibold text-slate-900">{account.agencyName}</dd>
          </div>
        ) : null}
        {account.role === "mentor" ? (
          <div className="flex justify-between gap-4 px-4 py-2">
            <dt className="text-slate-700">{t("userAdmin.districts")}</dt>
            <dd className="text-right font-semibold text-slate-900">{assigned.join(", ") || "—"}</dd>
          </div>
        ) : null}
        {scope ? (
          <div className="flex justify-between gap-4 px-4 py-2">
            <dt className="text-slate-700">{t("userAdmin.scope")}</dt>
            <dd className="text-right font-semibold text-slate-900">{scope}</dd>
          </div>
        ) : null}
      </dl>

      {actionData?.link ? <InvitationLink name={account.name} link={actionData.link} userId={account.id} /> : null}
      {otherErrors ? <FormErrors id="account-errors" errors={otherErrors} /> : null}

      {account.isSelf ? (
        <Alert tone="info">{t("userAdmin.selfNote")}</Alert>
      ) : (
        <>
          {account.role === "mentor" ? (
            <Form method="post" {...getFormProps(districtForm)} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="text-lg font-semibold text-slate-900">{t("userAdmin.changeDistricts")}</h2>
              <input type="hidden" name="intent" value="districts" />
              <FormErrors id={districtForm.errorId} errors={districtForm.errors} />
              <DistrictCheckboxes field={districtFields.districtIds} legend={t("userAdmin.districts")} districts={districts} checked={account.districtIds} />
              <Button variant="secondary">{t("userAdmin.saveDistricts")}</Button>
            </Form>
          ) : null}

          {cities.length > 0 ? (
            <Form method="post" {...getFormProps(scopeForm)} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="text-lg font-semibold text-slate-900">{t("userAdmin.changeScope")}</h2>
              <input type="hidden" name="intent" value="scope" />
              <FormErrors id={scopeForm.errorId} errors={scopeForm.errors} />
              <IdSelect field={scopeFields.cityId} label={t("userAdmin.coordinatorScope")} placeholder={t("userAdmin.wholeProvince")} options={cities} />
              <Button variant="secondary">{t("userAdmin.saveScope")}</Button>
            </Form>
          ) : null}

          <section aria-labelledby="access-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="access-heading" className="text-lg font-semibold text-slate-900">
              {t("userAdmin.access")}
            </h2>
            {account.pending ? (
              <>
                <p className="text-sm text-slate-700">{t("userAdmin.pendingNote")}</p>
                <IntentButton intent="reissue" label={t("userAdmin.reissue")} variant="secondary" />
              </>
            ) : account.active ? (
              <>
                <p className="text-sm text-slate-700">{t("userAdmin.deactivateNote")}</p>
                <IntentButton intent="deactivate" label={t("userAdmin.deactivate")} variant="danger" />
              </>
            ) : (
              <IntentButton intent="reactivate" label={t("userAdmin.reactivate")} variant="secondary" />
            )}
          </section>
        </>
      )}

      <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="history-heading" className="text-lg font-semibold text-slate-900">
          {t("userAdmin.history")}
        </h2>
        {changes.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t("userAdmin.noHistory")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 text-sm">
            {changes.map((c) => (
              <li key={c.id} className="py-2">
                <span className="font-medium text-slate-900">{t(`userAdmin.action.${c.action}` as never, { defaultValue: c.action })}</span>{" "}
                <span className="text-slate-700">
                  · {c.by ?? "—"} ·{" "}
                  <time dateTime={new Date(c.at).toISOString()} suppressHydrationWarning>
                    {formatDateTime(c.at, i18n.language)}
                  </time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
