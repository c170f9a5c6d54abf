// Calling or messaging a participant: shown only to the mentor who serves them (the loader returns a
// contact for no one else). Plain links: they work without JavaScript.
import { useText } from "~/components/text";
import type { PhoneContact } from "~/modules/identity/phone";

/** The number as a `tel:` link, and a WhatsApp link (with a prefilled message when `whatsAppHref` carries one). */
export function ContactLinks({
  contact,
  name,
  whatsAppHref,
  compact = false,
}: {
  contact: PhoneContact | null;
  name: string;
  /** The wa.me link to use; null offers no WhatsApp link (the number is not Indonesian). */
  whatsAppHref: string | null;
  /** Smaller links, for a row of a list. */
  compact?: boolean;
}) {
  const { t } = useText();
  if (!contact) return <span className="text-sm text-slate-600">{t("today.contact.noPhone")}</span>;
  // The looks: app.css, .contact-*.
  const linkClass = compact ? "contact-link contact-link-small" : "contact-link";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {contact.tel ? (
        <a href={contact.tel} aria-label={t("today.contact.call", { phone: contact.display })} className={`${linkClass} contact-tel`}>
          <span aria-hidden="true">☎</span> {contact.display}
        </a>
      ) : (
        <span className="text-sm font-medium text-slate-900">{contact.display}</span>
      )}
      {whatsAppHref ? (
        <a
          href={whatsAppHref}
          target="_blank"
          rel="noopener noreferrer"
          // In a list row the row names the person; elsewhere the link does.
          aria-label={compact ? undefined : t("today.contact.whatsAppLabel", { name })}
          className={`${linkClass} contact-wa`}
        >
          {t("today.contact.whatsApp")}
        </a>
      ) : null}
    </span>
  );
}
