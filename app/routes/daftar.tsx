import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useText } from "~/components/text";
import { BaselineFields } from "~/components/participants/baseline-fields";
import { BusinessFields, IdentityFields, Section } from "~/components/participants/registration-fields";
import { Button } from "~/components/ui/button";
import { FormErrors, InputField } from "~/components/ui/field";
import { getOptionalUser } from "~/modules/access/guards.server";
import { homePath } from "~/modules/auth/home";
import { getDb } from "~/modules/db.server";
import { requireSameOrigin } from "~/modules/http/origin.server";
import { clientAddress, limitAnonymousPost, retryAfterHeaders, tooManyRequests } from "~/modules/limits/rate-limit.server";
import { selfRegistrationSchema } from "~/modules/participants/registration";
import { listDistrictsByCity } from "~/modules/participants/registration.server";
import { startSignup } from "~/modules/account/signup.server";
import { discardSignupDocuments, prepareSignupDocuments, readSignupUpload } from "~/modules/account/signup-documents.server";
import { getFileStore } from "~/modules/files/files-store.server";
import { uploadLimits } from "~/modules/files/config.server";
import { discardUpload } from "~/modules/files/upload.server";
import { FileChooser } from "~/components/files/file-chooser";
import { formatSize } from "~/modules/files/shown";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { text: ["account"], title: (t) => t("registration.title") };

/** A refused sign-up's Retry-After reaches the answer (a page sends only the headers this returns). */
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homePath(user.role));
  return { districts: listDistrictsByCity(getDb()), limits: uploadLimits() };
}

/**
 * The form is checked and waits for the code sent to the phone (signup.server.ts): every accepted
 * form gets the same answer, the code page, whether or not the person is already known.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const db = getDb();
  const anonymous = limitAnonymousPost(db, context);
  if (!anonymous.ok) return tooManyRequests({ result: null, limitedKey: "limits.tooMany", retryAfterSeconds: anonymous.retryAfterSeconds }, anonymous.retryAfterSeconds);
  // The form is multipart when it may carry the KTP photo and business plan (signup-documents.server.ts).
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const upload = multipart ? await readSignupUpload(request, getFileStore()) : { fields: await request.formData(), files: [] };
  if ("refused" in upload) return data({ result: null, limitedKey: null, retryAfterSeconds: null, upload: upload.refused }, { status: upload.status, headers: { Connection: "close" } });
  const submission = parseWithZod(upload.fields, { schema: selfRegistrationSchema });
  if (submission.status !== "success") {
    discardUpload(upload.files);
    return data({ result: submission.reply({ hideFields: ["password"] }), limitedKey: null, retryAfterSeconds: null }, { status: 400 });
  }
  const documents = await prepareSignupDocuments(getFileStore(), upload);
  if ("refused" in documents) {
    return data({ result: submission.reply({ hideFields: ["password"] }), limitedKey: null, retryAfterSeconds: null, upload: documents.refused }, { status: documents.status });
  }
  const started = await startSignup(db, submission.value, clientAddress(context), undefined, documents);
  if (started.ok) throw redirect(`/daftar/kode?${new URLSearchParams({ n: String(started.ticket) })}`, { status: 303 });
  discardSignupDocuments(documents);
  if (started.refusal === "limited") {
    return tooManyRequests(
      { result: submission.reply({ hideFields: ["password"] }), limitedKey: "signup.limited", retryAfterSeconds: started.retryAfterSeconds },
      started.retryAfterSeconds,
    );
  }
  return data(
    { result: submission.reply({ fieldErrors: { [started.field]: [started.messageKey] }, hideFields: ["password"] }), limitedKey: null, retryAfterSeconds: null },
    { status: 400 },
  );
}

export default function Register() {
  const { t, i18n } = useText();
  const { districts, limits } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const limited =
    actionData?.limitedKey && actionData.retryAfterSeconds !== null
      ? actionData.limitedKey === "signup.limited"
        ? t("signup.limited", { minutes: Math.ceil(actionData.retryAfterSeconds / 60) })
        : t("limits.tooMany", { minutes: Math.ceil(actionData.retryAfterSeconds / 60) })
      : null;
  const [form, fields] = useForm({
    id: "register",
    lastResult: navigation.state === "idle" ? (actionData?.result ?? undefined) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: selfRegistrationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });

  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold text-slate-900">{t("registration.title")}</h1>
      <p className="mt-1 text-sm text-slate-700">{t("registration.intro")}</p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-6 space-y-5">
        <FormErrors id={form.errorId} errors={limited ? [limited, ...(form.errors ?? [])] : form.errors} />
        {actionData && "upload" in actionData && actionData.upload ? (
          <p role="alert" data-upload-error className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-900" suppressHydrationWarning>
            {t(`files.refused.${actionData.upload.code}`, {
              name: actionData.upload.name ?? "",
              size: formatSize(actionData.upload.limit ?? limits.fileMaxBytes, i18n.language),
              count: actionData.upload.limit ?? limits.maxFiles,
            })}
          </p>
        ) : null}
        <IdentityFields fields={fields} />
        <Section title={t("registration.contact")}>
          <InputField field={fields.phone} label={t("registration.phone")} hint={t("registration.phoneHint")} autoComplete="tel" inputMode="numeric" />
          <InputField field={fields.email} label={t("registration.email")} hint={t("registration.emailHint")} type="email" autoComplete="username" inputMode="email" />
          <InputField field={fields.password} label={t("registration.password")} hint={t("registration.passwordHint")} type="password" autoComplete="new-password" />
        </Section>
        <BusinessFields fields={fields} districts={districts} />
        <BaselineFields fields={fields} />
        <Section title={t("signupDocuments.title")}>
          <p className="text-sm text-slate-700">{t("signupDocuments.hint")}</p>
          {(["ktp", "businessPlan"] as const).map((name) => (
            <FileChooser
              key={name}
              id={`register-${name}-file`}
              name={`${name}File`}
              limits={limits}
              label={t(`signupDocuments.${name}`)}
              hint={t("signupDocuments.fileHint", { size: formatSize(limits.fileMaxBytes, i18n.language) })}
              multiple={false}
            />
          ))}
        </Section>
        <Button className="w-full" disabled={navigation.state === "submitting"}>
          {t("registration.submit")}
        </Button>
      </Form>
      <p className="mt-4 text-sm text-slate-700">
        {t("registration.haveAccount")}{" "}
        <Link to="/masuk" className="font-medium text-brand-700 underline">
          {t("registration.signIn")}
        </Link>
      </p>
    </div>
  );
}
