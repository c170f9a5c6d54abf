// Inviting a mentor (agency and districts) or, for a province coordinator, a coordinator (a city or
// the whole province). The account is created inactive; its one-time link is shown here once (there
// is no email) and is never stored or put in an address: the action answers with the page itself.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { DistrictCheckboxes } from "~/components/admin/district-checkboxes";
import { IdSelect } from "~/components/admin/id-select";
import { InvitationLink } from "~/components/admin/invitation-link";
import { Button } from "~/components/ui/button";
import { FieldErrors, FormErrors, InputField } from "~/components/ui/field";
import { requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { districtsAdministered, isProvinceCoordinator } from "~/modules/users/coordinator-scope.server";
import { invitationPath } from "~/modules/users/invitations.server";
import { inviteSchema, INVITABLE_ROLES } from "~/modules/users/user-forms";
import { inviteUser, listAgencyOptions, listCities, UserChangeRefused } from "~/modules/users/users.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["admin"], title: (t) => t("userAdmin.inviteTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const db = getDb();
  const province = isProvinceCoordinator(user);
  return {
    roles: province ? INVITABLE_ROLES : (["mentor"] as const),
    agencies: listAgencyOptions(db),
    districts: districtsAdministered(db, user),
    cities: province ? listCities(db) : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["coordinator"]);
  const submission = parseWithZod(await request.formData(), { schema: inviteSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), invited: null }, { status: 400 });
  try {
    const { userId, token } = inviteUser(getDb(), user, submission.value);
    const link = new URL(invitationPath(token), request.url).toString();
    return data({ result: submission.reply(), invited: { userId, name: submission.value.name, link } }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (!(error instanceof UserChangeRefused)) throw error;
    const reply = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) : submission.reply({ formErrors: [error.messageKey] });
    return data({ result: reply, invited: null }, { status: 400 });
  }
}

export default function InviteUser() {
  const { t } = useText();
  const { roles, agencies, districts, cities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const invited = navigation.state === "idle" ? actionData?.invited : undefined;
  const [form, fields] = useForm({
    // After an invitation, a fresh empty form (a new id) for the next one.
    id: invited ? `invite-${invited.userId}` : "invite",
    lastResult: navigation.state === "idle" && !invited ? actionData?.result : undefined,
    defaultValue: { role: "mentor" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const chosenRole = (fields.role.initialValue as string | undefined) ?? "mentor";
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/pengguna" className="font-medium text-brand-700 underline">
          {t("userAdmin.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-slate-900">{t("userAdmin.inviteTitle")}</h1>
      {invited ? <InvitationLink name={invited.name} link={invited.link} userId={invited.userId} /> : null}
      <p className="text-sm text-slate-700">{t("userAdmin.inviteIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">{t("userAdmin.role")}</legend>
          <div className="flex flex-wrap gap-x-6">
            {roles.map((role) => (
              <label key={role} className="flex min-h-11 items-center gap-2 text-sm text-slate-900">
                <input type="radio" name={fields.role.name} value={role} defaultChecked={chosenRole === role} className="h-5 w-5" />
                {t(`role.${role}`)}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
        </fieldset>
        <InputField field={fields.name} label={t("userAdmin.name")} autoComplete="off" />
        <InputField field={fields.email} type="email" label={t("userAdmin.email")} autoComplete="off" inputMode="email" />

        <fieldset className="space-y-4 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold text-slate-900">{t("userAdmin.forMentors")}</legend>
          <IdSelect field={fields.agencyId} label={t("userAdmin.agency")} placeholder={t("userAdmin.chooseAgency")} options={agencies} />
          <DistrictCheckboxes field={fields.districtIds} legend={t("userAdmin.districts")} districts={districts} checked={[]} />
        </fieldset>

        {cities.length > 0 ? (
          <fieldset className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold text-slate-900">{t("userAdmin.forCoordinators")}</legend>
            <IdSelect field={fields.cityId} label={t("userAdmin.coordinatorScope")} placeholder={t("userAdmin.wholeProvince")} options={cities} />
          </fieldset>
        ) : null}

        <Button className="w-full sm:w-auto" disabled={navigation.state === "submitting"}>
          {t("userAdmin.sendInvite")}
        </Button>
      </Form>
    </div>
  );
}
