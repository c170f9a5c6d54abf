// The participant list's rows, rendered once: a table on wide screens, each row a card on phones
// (CSS alone turns the rows into cards below `md`: app.css, .plist-*). A page has 50 rows, each with
// a dozen texts: the row's own texts are made once per language (listText) and handed down, not
// looked up again in every row.
import type { TFunction } from "i18next";
import { useListLinks } from "~/components/list-links";
import { useText } from "~/components/text";
import { formatDate } from "~/modules/i18n/format";
import { DAY_MS, JAKARTA_OFFSET_MS } from "../../../machines/time";
import type { ParticipantListRow } from "~/modules/participants/participants.server";
import type { PhoneContact } from "~/modules/identity/phone";
import { whatsAppHref } from "~/modules/identity/phone";
import { StageStripOf, stripText, type StripText } from "../journey/stage-strip";
import { StallBadgeOf, stallText } from "../journey/stall-badge";
import { StatusBadge } from "../journey/status-badge";
import { BulkSelectBox } from "./bulk-select";
import { ContactLinks } from "./contact-links";
import { StallNoteSummary } from "./stall-note";

/** The list's fixed texts in one language: the translate function never changes while the app runs. */
type ListText = {
  strip: StripText;
  stall: ReturnType<typeof stallText>;
  columns: Record<"name" | "district" | "cohort" | "stages" | "status" | "lastActivity", string>;
  select: string;
  noCohort: string;
  today: string;
  /** "3 hari lalu": by the number of days (a few hundred different values at most). */
  daysAgo: Map<number, string>;
  /** "16 Jun 2026", the last activity's tooltip: by the Jakarta day (a page repeats few). */
  days: Map<number, string>;
};

const texts = new WeakMap<TFunction, ListText>();

function listText(t: TFunction): ListText {
  let text = texts.get(t);
  if (!text) {
    text = {
      strip: stripText(t),
      stall: stallText(t),
      columns: {
        name: t("participants.col.name"),
        district: t("participants.col.district"),
        cohort: t("participants.col.cohort"),
        stages: t("participants.col.stages"),
        status: t("participants.col.status"),
        lastActivity: t("participants.col.lastActivity"),
      },
      select: t("bulk.selectColumn"),
      noCohort: t("participants.noCohort"),
      today: t("participants.today"),
      daysAgo: new Map(),
      days: new Map(),
    };
    texts.set(t, text);
  }
  return text;
}

function daysAgo(t: TFunction, text: ListText, days: number): string {
  if (days === 0) return text.today;
  let said = text.daysAgo.get(days);
  if (said === undefined) text.daysAgo.set(days, (said = t("participants.daysAgo", { count: days })));
  return said;
}

function dayText(text: ListText, at: number, language: string): string {
  const day = Math.floor((at + JAKARTA_OFFSET_MS) / DAY_MS);
  let said = text.days.get(day);
  if (said === undefined) {
    if (text.days.size >= 5000) text.days.clear();
    text.days.set(day, (said = formatDate(at, language)));
  }
  return said;
}

// Cells (app.css, .plist-*): table cells from `md`; below it the row is a card, a wrapping flex line
// whose order puts the name and status first, the stages on a line of their own, then district ·
// cohort · activity.
function Row({
  row,
  contact,
  selectable,
  t,
  text,
  language,
}: {
  row: ParticipantListRow;
  contact: PhoneContact | undefined;
  selectable: boolean;
  t: TFunction;
  text: ListText;
  language: string;
}) {
  return (
    <tr className="plist-row">
      {selectable ? (
        <td className="plist-cell order-first md:align-top">
          <BulkSelectBox id={row.id} name={row.fullName} />
        </td>
      ) : null}
      <td className="plist-cell order-1 min-w-0 flex-1">
        <a href={`/peserta/${row.id}`} data-list-link className="plist-name">
          {row.fullName}
        </a>
        <div className="text-sm text-slate-600">{row.businessName}</div>
        {contact ? (
          <div className="mt-1">
            <ContactLinks compact contact={contact} name={row.fullName} whatsAppHref={whatsAppHref(contact.whatsApp)} />
          </div>
        ) : null}
        {row.stall.length ? (
          <div className="mt-1">
            <StallBadgeOf reasons={row.stall} age={row.stallAge} t={t} text={text.stall} />
            <StallNoteSummary note={row.stallNote} />
          </div>
        ) : null}
      </td>
      <td className="plist-cell plist-meta plist-dot order-4">
        <span className="plist-label">{`${text.columns.district}: `}</span>
        {row.districtName}
      </td>
      <td className="plist-cell plist-meta plist-dot order-5">
        <span className="plist-label">{`${text.columns.cohort}: `}</span>
        {row.cohortName ?? <span className="md:text-slate-500">{text.noCohort}</span>}
      </td>
      <td className="plist-cell order-3 basis-full">
        <StageStripOf states={row.stages} text={text.strip} />
      </td>
      <td className="plist-cell order-2 shrink-0">
        <StatusBadge status={row.status} dormant={row.dormant} />
      </td>
      <td className="plist-cell plist-meta order-6 md:whitespace-nowrap">
        <span className="plist-label">{`${text.columns.lastActivity}: `}</span>
        <time dateTime={new Date(row.lastActivityAt).toISOString()} title={dayText(text, row.lastActivityAt, language)} suppressHydrationWarning>
          {daysAgo(t, text, row.daysSinceActivity)}
        </time>
      </td>
    </tr>
  );
}

/**
 * The rows of one page of the list. `selectable` adds the bulk-record checkboxes (a mentor's list);
 * `contacts` holds the numbers of the participants the viewer serves, by id.
 */
export function ParticipantTable({
  rows,
  contacts,
  selectable,
  caption,
}: {
  rows: ParticipantListRow[];
  contacts: Record<number, PhoneContact>;
  selectable: boolean;
  caption: string;
}) {
  const { t, i18n } = useText();
  const text = listText(t);
  const language = i18n.language;
  const onClick = useListLinks();
  return (
    // The clicks handled here are those of the links inside (useListLinks), reached by keyboard as links.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <div className="relative md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:bg-white" onClick={onClick}>
      <table className="block w-full text-left text-sm md:table">
        <caption className="sr-only">{caption}</caption>
        <thead className="sr-only bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase md:not-sr-only md:table-header-group">
          <tr>
            {selectable ? (
              <th scope="col" className="w-10 px-4 py-3">
                <span className="sr-only">{text.select}</span>
              </th>
            ) : null}
            <th scope="col" className="px-4 py-3">{text.columns.name}</th>
            <th scope="col" className="px-4 py-3">{text.columns.district}</th>
            <th scope="col" className="px-4 py-3">{text.columns.cohort}</th>
            <th scope="col" className="px-4 py-3">{text.columns.stages}</th>
            <th scope="col" className="px-4 py-3">{text.columns.status}</th>
            <th scope="col" className="px-4 py-3">{text.columns.lastActivity}</th>
          </tr>
        </thead>
        <tbody className="block space-y-2 md:table-row-group md:space-y-0">
          {rows.map((row) => (
            <Row key={row.id} row={row} contact={contacts[row.id]} selectable={selectable} t={t} text={text} language={language} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
