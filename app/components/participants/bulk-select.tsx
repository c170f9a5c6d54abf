// Choosing participants in the list for bulk recording: checkboxes that belong to one GET form
// (form="bulk-select"), so the list's layout need not sit inside it. Works without JavaScript.
import { useText } from "~/components/text";
import { buttonClass } from "~/components/ui/button";

const FORM_ID = "bulk-select";

/** The form the checkboxes submit: /massal?id=1&id=2… */
export function BulkSelectForm() {
  const { t } = useText();
  return (
    <form id={FORM_ID} method="get" action="/massal" className="flex justify-end">
      <button type="submit" className={buttonClass("secondary")}>
        {t("bulk.selectedSubmit")}
      </button>
    </form>
  );
}

export function BulkSelectBox({ id, name }: { id: number; name: string }) {
  const { t } = useText();
  return (
    <input
      type="checkbox"
      name="id"
      value={id}
      form={FORM_ID}
      aria-label={t("bulk.selectParticipant", { name })}
      className="h-5 w-5 shrink-0 accent-brand-700"
    />
  );
}
