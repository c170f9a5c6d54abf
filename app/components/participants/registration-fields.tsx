// The fields of a P1 registration, shared by self-registration (/daftar) and a mentor's walk-in entry
// (/peserta/baru). Plain radios, checkboxes and a select: the form works without JavaScript.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useText } from "~/components/text";
import { FieldErrors, InputField, inputClass } from "~/components/ui/field";
import { NON_DKI_BASES, sectorLabel } from "~/modules/participants/registration";
import { TRACKS } from "../../../machines/stages";
import { SECTORS } from "../../../machines/vocabulary";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TextField = FieldMetadata<string, any, string[]>;

export type DistrictGroup = { city: string; districts: { id: number; name: string }[] };

export type ParticipantFieldSet = {
  fullName: TextField;
  nik: TextField;
  phone: Field;
  domicileBasis: Field;
  track: Field;
  businessName: TextField;
  sector: Field;
  districtId: Field;
  businessPlan: Field;
  developmentPlan: Field;
  ownershipProof: Field;
};

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

function RadioGroup({ field, legend, hint, options }: { field: Field; legend: string; hint?: string; options: { value: string; label: string }[] }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <fieldset aria-describedby={[hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined}>
      <legend className="mb-1 block text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? (
        <p id={hintId} className="mb-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="space-y-1">
        {options.map((option) => {
          const { key, ...props } = getInputProps(field, { type: "radio", value: option.value });
          const id = `${field.id}-${option.value}`;
          return (
            <div key={key ?? option.value} className="flex min-h-11 items-center gap-2">
              <input {...props} id={id} className="size-5 shrink-0" />
              <label htmlFor={id} className="text-sm text-slate-800">
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

function Checkbox({ field, label }: { field: Field; label: string }) {
  const { key, ...props } = getInputProps(field, { type: "checkbox" });
  return (
    <div>
      <div className="flex min-h-11 items-center gap-2">
        <input {...props} key={key} className="size-5 shrink-0" />
        <label htmlFor={field.id} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function DistrictSelect({ field, groups }: { field: Field; groups: DistrictGroup[] }) {
  const { t } = useText();
  const { key, ...props } = getSelectProps(field);
  return (
    <div>
      <label htmlFor={field.id} className="mb-1 block text-sm font-medium text-slate-800">
        {t("registration.district")}
      </label>
      <select {...props} key={key} className={inputClass}>
        <option value="">{t("registration.chooseDistrict")}</option>
        {groups.map((group) => (
          <optgroup key={group.city} label={group.city}>
            {group.districts.map((district) => (
              <option key={district.id} value={String(district.id)}>
                {district.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function SectorSelect({ field }: { field: Field }) {
  const { t } = useText();
  const { key, ...props } = getSelectProps(field);
  return (
    <div>
      <label htmlFor={field.id} className="mb-1 block text-sm font-medium text-slate-800">
        {t("registration.sector")}
      </label>
      <select {...props} key={key} className={inputClass}>
        <option value="">{t("registration.choose")}</option>
        {SECTORS.map((sector) => (
          <option key={sector} value={sector}>
            {sectorLabel(t, sector)}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/**
 * Who fills the form in: the entrepreneur about themselves (/daftar, "KTP Anda"), or a mentor about
 * the person in front of them (/peserta/baru, "KTP peserta").
 */
export type Voice = "self" | "mentor";

/** Identity (with the domicile rule); the contact section comes from the caller, between the two. */
export function IdentityFields({ fields, voice = "self" }: { fields: ParticipantFieldSet; voice?: Voice }) {
  const { t } = useText();
  const mentor = voice === "mentor";
  return (
    <Section title={t("registration.identity")}>
      <InputField field={fields.fullName} label={t("registration.fullName")} autoComplete="name" />
      <InputField
        field={fields.nik}
        label={t("registration.nikLabel")}
        hint={mentor ? t("registration.walkIn.nikHint") : t("registration.nikHint")}
        inputMode="numeric"
        autoComplete="off"
      />
      <RadioGroup
        field={fields.domicileBasis}
        legend={mentor ? t("registration.walkIn.domicileLegend") : t("registration.domicileLegend")}
        hint={mentor ? t("registration.walkIn.domicileHint") : t("registration.domicileHint")}
        options={NON_DKI_BASES.map((basis) => ({
          value: basis,
          label: mentor ? t(`registration.walkIn.domicileBasis.${basis}`) : t(`registration.domicileBasis.${basis}`),
        }))}
      />
    </Section>
  );
}

export function BusinessFields({ fields, districts, voice = "self" }: { fields: ParticipantFieldSet; districts: DistrictGroup[]; voice?: Voice }) {
  const { t } = useText();
  const mentor = voice === "mentor";
  return (
    <>
      <Section title={t("registration.business")}>
        <RadioGroup
          field={fields.track}
          legend={t("registration.track")}
          options={TRACKS.map((track) => ({ value: track, label: t(`registration.trackOption.${track}`) }))}
        />
        <InputField field={fields.businessName} label={t("registration.businessName")} autoComplete="organization" />
        <SectorSelect field={fields.sector} />
        <DistrictSelect field={fields.districtId} groups={districts} />
      </Section>
      <Section title={t("registration.documents")}>
        <p className="text-sm text-slate-700">{t("registration.documentsHint")}</p>
        <Checkbox field={fields.businessPlan} label={mentor ? t("registration.walkIn.businessPlan") : t("registration.businessPlan")} />
        <Checkbox field={fields.developmentPlan} label={mentor ? t("registration.walkIn.developmentPlan") : t("registration.developmentPlan")} />
        <Checkbox field={fields.ownershipProof} label={mentor ? t("registration.walkIn.ownershipProof") : t("registration.ownershipProof")} />
      </Section>
    </>
  );
}
