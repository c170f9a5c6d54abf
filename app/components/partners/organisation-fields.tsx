// The organisation form's fields, shared by "add an organisation" and "edit an organisation".
import type { FieldMetadata } from "@conform-to/react";
import { useText } from "~/components/text";
import { InputField, SelectField } from "~/components/ui/field";
import { ORGANISATION_KINDS } from "../../../machines/vocabulary";

type Fields = {
  name: FieldMetadata<string>;
  kind: FieldMetadata<string>;
  contactName: FieldMetadata<string | undefined>;
  contactEmail: FieldMetadata<string | undefined>;
  contactPhone: FieldMetadata<string | undefined>;
};

export function OrganisationFields({ fields }: { fields: Fields }) {
  const { t } = useText();
  return (
    <>
      <InputField field={fields.name} label={t("partners.field.name")} autoComplete="organization" />
      <SelectField
        field={fields.kind}
        label={t("partners.field.kind")}
        placeholder={t("partners.choose")}
        options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`partners.kind.${kind}`) }))}
      />
      <InputField field={fields.contactName} label={t("partners.field.contactName")} autoComplete="off" />
      <InputField field={fields.contactEmail} label={t("partners.field.contactEmail")} type="email" autoComplete="off" />
      <InputField field={fields.contactPhone} label={t("partners.field.contactPhone")} autoComplete="off" inputMode="numeric" />
    </>
  );
}
