// Districts to assign, as checkboxes grouped by city: plain inputs named like the field, so the
// form works without JavaScript and keeps what was ticked after a refusal.
import type { FieldMetadata } from "@conform-to/react";
import { useText } from "~/components/text";
import { FieldErrors } from "~/components/ui/field";
import { groupByCity, type DistrictChoice } from "./id-select";

export function DistrictCheckboxes({
  field,
  legend,
  districts,
  checked,
}: {
  field: FieldMetadata<number[] | undefined>;
  legend: string;
  districts: DistrictChoice[];
  /** Ticked on first render (the current assignment); after a refusal, what was submitted. */
  checked: number[];
}) {
  const { t } = useText();
  const submitted = field.initialValue as string[] | string | undefined;
  const ticked = new Set(submitted === undefined ? checked.map(String) : [submitted].flat());
  return (
    <fieldset aria-describedby={field.errors ? field.errorId : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      <div className="space-y-3">
        {groupByCity(districts).map(([city, rows]) => (
          <div key={city}>
            <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{city}</p>
            <div className="mt-1 grid grid-cols-1 gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
              {rows.map((d) => (
                <label key={d.id} className="flex min-h-11 items-center gap-2 text-sm text-slate-900">
                  <input type="checkbox" name={field.name} value={d.id} defaultChecked={ticked.has(String(d.id))} className="h-5 w-5" />
                  {d.name}
                </label>
              ))}
            </div>
          </div>
        ))}
        {districts.length === 0 ? <p className="text-sm text-slate-700">{t("userAdmin.noDistricts")}</p> : null}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
