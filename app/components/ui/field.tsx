// Labelled form fields with their errors in place. Errors are message keys (see modules/*/forms.ts).
import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { useText } from "~/components/text";

export const inputClass =
  "block w-full min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-xs aria-[invalid=true]:border-red-600 sm:text-sm";

export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const { t } = useText();
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-800">
      {errors.map((error) => t(error as never)).join(" ")}
    </p>
  );
}

function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="mb-1 block text-sm font-medium text-slate-800">
      {children}
    </label>
  );
}

type InputType = "text" | "email" | "password" | "date" | "month" | "number";

export function InputField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  inputMode,
}: {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email";
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div>
      <Label htmlFor={field.id}>{label}</Label>
      {hint ? (
        <p id={hintId} className="mb-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} className={inputClass} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextareaField({ field, label, hint }: { field: FieldMetadata<string | undefined>; label: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getTextareaProps(field, { ariaDescribedBy: hintId });
  return (
    <div>
      <Label htmlFor={field.id}>{label}</Label>
      {hint ? (
        <p id={hintId} className="mb-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea {...props} key={props.key} rows={2} className={inputClass} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
  placeholder,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const props = getSelectProps(field);
  return (
    <div>
      <Label htmlFor={field.id}>{label}</Label>
      <select {...props} key={props.key} className={inputClass}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Errors about the whole form (refusals, throttling), announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const { t } = useText();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      {errors.map((error) => t(error as never)).join(" ")}
    </div>
  );
}
