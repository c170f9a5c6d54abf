// Pickers of one record by id: a district grouped by city (<optgroup>), or any short list. Each
// with its label, a placeholder option and its errors in place.
import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useText } from "~/components/text";
import { FieldErrors, inputClass } from "~/components/ui/field";

export type DistrictChoice = { id: number; name: string; city: string };

export function groupByCity<T extends { city: string }>(rows: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.city, [...(groups.get(row.city) ?? []), row]);
  return [...groups.entries()];
}

function LabelledSelect({ field, label, placeholder, children }: { field: FieldMetadata<number | undefined>; label: string; placeholder: string; children: ReactNode }) {
  const props = getSelectProps(field);
  return (
    <div>
      <label htmlFor={field.id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select {...props} key={props.key} className={inputClass}>
        <option value="">{placeholder}</option>
        {children}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function DistrictSelect({ field, label, districts }: { field: FieldMetadata<number | undefined>; label: string; districts: DistrictChoice[] }) {
  const { t } = useText();
  return (
    <LabelledSelect field={field} label={label} placeholder={t("cohortAdmin.chooseDistrict")}>
      {groupByCity(districts).map(([city, rows]) => (
        <optgroup key={city} label={city}>
          {rows.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </optgroup>
      ))}
    </LabelledSelect>
  );
}

export function IdSelect({ field, label, placeholder, options }: { field: FieldMetadata<number | undefined>; label: string; placeholder: string; options: { id: number; name: string }[] }) {
  return (
    <LabelledSelect field={field} label={label} placeholder={placeholder}>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </LabelledSelect>
  );
}
