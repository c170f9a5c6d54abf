// A small form without Conform's form state in the page: its fields take the shape Conform's field
// helpers read (components/ui/field.tsx renders them as usual), from the server's last answer or from
// the browser's own check. The browser checks with the same zod schema as the server, but loads it
// (with zod, about 15 KB gzip) when the person first moves into the form rather than with the page;
// a submit that comes first waits for it. Without JavaScript the server checks alone, and errors and
// what was typed come back in place as always.
import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import type { ZodTypeAny } from "zod";

type Result = SubmissionResult<string[]>;
type Check = (formData: FormData) => Result | null;

export type LightForm<Name extends string> = {
  form: {
    id: string;
    errorId: string;
    errors: string[] | undefined;
    /** For the <Form>: loads the check on first focus, runs it before sending and while correcting. */
    props: { id: string; onFocus: () => void; onSubmit: (event: FormEvent<HTMLFormElement>) => void; onInput: (event: FormEvent<HTMLFormElement>) => void };
  };
  fields: Record<Name, FieldMetadata<string | undefined>>;
};

export function useLightForm<Name extends string>(options: {
  id: string;
  names: readonly Name[];
  lastResult: Result | undefined;
  defaultValue?: Partial<Record<Name, string>>;
  schema: () => Promise<ZodTypeAny>;
  /** Sends the checked form itself (a form with files, with its progress shown) and returns true; false lets it post as usual. */
  send?: (form: HTMLFormElement) => boolean;
}): LightForm<Name> {
  const navigation = useNavigation();
  const [refused, setRefused] = useState<Result>();
  const check = useRef<Promise<Check>>();
  const loaded = useRef<Check>();
  const sending = useRef(false);

  const load = () =>
    (check.current ??= Promise.all([import("@conform-to/zod"), options.schema()])
      .then(([{ parseWithZod }, schema]): Check => (formData) => {
        const submission = parseWithZod(formData, { schema });
        return submission.status === "success" ? null : submission.reply();
      })
      // Not loaded (the network gone): the server checks alone; the next focus tries again.
      .catch((): Check => ((check.current = undefined), () => null))
      .then((loadedCheck) => (loaded.current = loadedCheck)));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (sending.current) {
      sending.current = false;
      return;
    }
    event.preventDefault();
    const form = event.currentTarget;
    void load().then((run) => {
      const result = run(new FormData(form));
      setRefused(result ?? undefined);
      if (result || options.send?.(form)) return;
      sending.current = true;
      // Not from within this submit event's dispatch (a check already loaded answers in the same
      // task): the browser ignores a submission requested while one is being fired.
      setTimeout(() => form.requestSubmit());
    });
  };

  const onInput = (event: FormEvent<HTMLFormElement>) => {
    // Once the browser has refused the form, its errors follow the corrections.
    if (refused && loaded.current) setRefused(loaded.current(new FormData(event.currentTarget)) ?? undefined);
  };

  // While the form is being sent, the previous answer is out of date.
  const result = navigation.state === "idle" ? (refused ?? options.lastResult) : undefined;
  const fields = {} as Record<Name, FieldMetadata<string | undefined>>;
  for (const name of options.names) {
    const id = `${options.id}-field-${name}`;
    const errors = result?.error?.[name] ?? undefined;
    const typed = result?.initialValue?.[name];
    fields[name] = {
      id,
      name,
      formId: options.id,
      errorId: `${id}-error`,
      descriptionId: `${id}-description`,
      errors,
      valid: !errors,
      initialValue: typeof typed === "string" ? typed : options.defaultValue?.[name],
    } as unknown as FieldMetadata<string | undefined>;
  }
  const errorId = `${options.id}-error`;
  return {
    form: { id: options.id, errorId, errors: result?.error?.[""] ?? undefined, props: { id: options.id, onFocus: () => void load(), onSubmit, onInput } },
    fields,
  };
}
