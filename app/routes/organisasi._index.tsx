import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
} from "@remix-run/react";
import { useText } from "~/components/text";
import { stageTitle } from "~/modules/journey/labels";
import { OrganisationFields } from "~/components/partners/organisation-fields";
import { Button } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/field";
import { requireRole } from "~/modules/access/guards.server";
import { getDb } from "~/modules/db.server";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { organisationSchema } from "~/modules/partners/forms";
import {
  createOrganisation,
  listOrganisations,
  PartnerChangeRefused,
} from "~/modules/partners/organisations.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["partners"], title: (t) => t("partners.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["coordinator"]);
  return { organisations: listOrganisations(getDb(), jakartaDate()) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, ["coordinator"]);
  const submission = parseWithZod(await request.formData(), {
    schema: organisationSchema,
  });
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: 400 });
  try {
    const id = createOrganisation(getDb(), submission.value);
    throw redirect(`/organisasi/${id}`, 303);
  } catch (error) {
    if (!(error instanceof PartnerChangeRefused)) throw error;
    return data(
      {
        result: submission.reply({
          fieldErrors: { [error.field]: [error.messageKey] },
        }),
      },
      { status: 400 }
    );
  }
}

export default function Organisations() {
  const { t } = useText();
  const { organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-organisation",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: organisationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="max-w-2xl">
          <h1 className="text-2xl font-bold text-slate-900">
            {t("partners.title")}
          </h1>
          <p className="mt-1 text-sm text-slate-700">{t("partners.intro")}</p>
        </div>
        <Link
          to="/organisasi/kinerja"
          className="text-sm font-semibold text-brand-700 underline-offset-2 hover:underline"
        >
          {t("partners.performanceLink")} →
        </Link>
      </div>

      {organisations.length === 0 ? (
        <p className="text-slate-700">{t("partners.empty")}</p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white">
          {/* Column names for wide screens; each row also carries its labels for screen readers and phones. */}
          <div
            aria-hidden="true"
            className="hidden gap-4 border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs font-semibold tracking-wide text-slate-600 uppercase sm:grid sm:grid-cols-[2fr_1fr_1fr_2fr]"
          >
            <span>{t("partners.col.name")}</span>
            <span>{t("partners.col.agreements")}</span>
            <span>{t("partners.col.contact")}</span>
            <span>{t("partners.col.stages")}</span>
          </div>
          <ul
            className="divide-y divide-slate-200"
            aria-label={t("partners.title")}
          >
            {organisations.map((o) => (
              <li
                key={o.id}
                className="grid gap-1 px-4 py-3 sm:grid-cols-[2fr_1fr_1fr_2fr] sm:items-center sm:gap-4"
              >
                <div className="min-w-0">
                  <Link
                    to={`/organisasi/${o.id}`}
                    className="font-semibold break-words text-brand-700 underline-offset-2 hover:underline"
                  >
                    {o.name}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {t(`partners.kind.${o.kind}`)}
                  </p>
                </div>
                <p className="text-sm text-slate-700">
                  <span className="text-slate-600 sm:sr-only">
                    {t("partners.col.agreements")}:{" "}
                  </span>
                  {t("partners.agreementCount", {
                    valid: o.validAgreements,
                    total: o.agreements,
                  })}
                </p>
                <p className="text-sm text-slate-700">
                  <span className="text-slate-600 sm:sr-only">
                    {t("partners.col.contact")}:{" "}
                  </span>
                  {o.contactName ?? "—"}
                </p>
                <p className="text-sm text-slate-700">
                  <span className="text-slate-600 sm:sr-only">
                    {t("partners.col.stages")}:{" "}
                  </span>
                  {o.activeStages.length
                    ? o.activeStages.map((s) => stageTitle(t, s)).join(", ")
                    : t("partners.noActiveStages")}
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}

      <section
        aria-labelledby="new-organisation-heading"
        className="max-w-xl rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h2
          id="new-organisation-heading"
          className="text-lg font-bold text-slate-900"
        >
          {t("partners.newTitle")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="organisation" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <OrganisationFields fields={fields} />
          <Button disabled={navigation.state === "submitting"}>
            {t("partners.create")}
          </Button>
        </Form>
      </section>
    </div>
  );
}
