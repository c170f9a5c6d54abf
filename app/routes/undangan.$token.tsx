// Accepting an invitation: the invited person sets their password (argon2id, at least 8
// characters), which activates the account; then they sign in. A link that no longer works (used,
// expired or unknown) answers 410 with the same message whatever the reason.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { getDb } from "~/modules/db.server";
import { acceptInvitation, validInvitation } from "~/modules/users/invitations.server";
import { acceptInvitationSchema } from "~/modules/users/user-forms";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["admin"], title: (t) => t("invitation.title") };

const GONE = { status: 410, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } };

export async function loader({ params }: LoaderFunctionArgs) {
  // Public: the token is the credential. Only the invitee's name and email are shown.
  const invitation = validInvitation(getDb(), params.token ?? "");
  if (!invitation) return data({ invitee: null }, GONE);
  return data({ invitee: { name: invitation.name, email: invitation.email } }, { headers: { "Referrer-Policy": "no-referrer" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const token = params.token ?? "";
  if (!validInvitation(getDb(), token)) return data({ result: null, gone: true }, GONE);
  const submission = parseWithZod(await request.formData(), { schema: acceptInvitationSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password", "confirm"] }), gone: false }, { status: 400 });
  if (!(await acceptInvitation(getDb(), token, submission.value.password))) return data({ result: null, gone: true }, GONE);
  throw redirect("/undangan/diterima", { status: 303 });
}

export default function AcceptInvitation() {
  const { t } = useText();
  const { invitee } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInvitationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (!invitee || actionData?.gone) {
    return (
      <div className="mx-auto max-w-md space-y-3">
        <h1 className="text-2xl font-bold text-slate-900">{t("invitation.title")}</h1>
        <Alert tone="error">{t("invitation.gone")}</Alert>
        <Link to="/masuk" className="font-medium text-brand-700 underline">
          {t("invitation.toSignIn")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold text-slate-900">{t("invitation.title")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("invitation.intro", { name: invitee.name, email: invitee.email })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="email" name="username" autoComplete="username" value={invitee.email} readOnly hidden />
        <InputField field={fields.password} type="password" label={t("invitation.password")} hint={t("invitation.passwordHint")} autoComplete="new-password" />
        <InputField field={fields.confirm} type="password" label={t("invitation.confirm")} autoComplete="new-password" />
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("invitation.submit")}
        </Button>
      </Form>
    </div>
  );
}
