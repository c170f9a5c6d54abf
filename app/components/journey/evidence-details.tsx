// Recorded evidence in words: "Topik: Tata boga · Keterampilan: hard skill · Mitra: Tokopedia".
// Used by the evidence list of each stage (evidence-list.tsx) and by the history, also on the
// entrepreneur's /saya, whose scripts have a budget: the staff's list is a module of its own.
import type { TFunction } from "i18next";
import type { EvidenceDetails } from "~/modules/participants/evidence-details";
import { formatDate, formatMonth, formatRupiah } from "~/modules/i18n/format";
import { shownText } from "~/modules/i18n/phrases";
import { jakartaDate } from "~/modules/i18n/jakarta";
import { isLicenceExpired, isLicenceFormatChecked } from "~/modules/participants/licences";
import { LICENCE_TYPES, type LicenceType } from "../../../machines/vocabulary";

/** One readable line per detail, labelled, in the contract's order. */
export function detailLines(t: TFunction, locale: string, details: EvidenceDetails): string[] {
  const str = (value: string | number) => String(value);
  // Fixed phrases (a registration's documents statement, the demo's topics) in the reader's language.
  const said = (value: string | number) => (typeof value === "string" ? shownText(t, value) : str(value));
  const money = (value: string | number) => (typeof value === "number" ? formatRupiah(value, locale) : str(value));
  const label = (prefix: string, value: string | number) =>
    t(`${prefix}.${str(value)}` as "licenceType.nib", { defaultValue: str(value) });
  const lines: string[] = [];
  const line = (key: keyof EvidenceDetails, text: (value: string | number) => string) => {
    const value = details[key];
    const shown = value !== undefined && value !== "" ? text(value) : "";
    if (shown) lines.push(shown);
  };
  line("statement", (v) => said(v));
  line("topic", (v) => t("evidenceDetail.topic", { value: said(v) }));
  line("skill", (v) => t("evidenceDetail.skill", { value: label("skill", v) }));
  line("partnerName", (v) => t("evidenceDetail.partner", { value: v }));
  line("type", (v) => t("evidenceDetail.licence", { type: label("licenceType", v), number: details.number ?? "—" }));
  line("type", (v) =>
    (LICENCE_TYPES as readonly (string | number)[]).includes(v) && !isLicenceFormatChecked(v as LicenceType)
      ? t("evidenceDetail.formatNotChecked")
      : "",
  );
  line("issuer", (v) => t("evidenceDetail.issuer", { value: v }));
  line("expiresOn", (v) =>
    isLicenceExpired(str(v), jakartaDate())
      ? t("evidenceDetail.expired", { date: formatDate(str(v), locale) })
      : t("evidenceDetail.validUntil", { date: formatDate(str(v), locale) }),
  );
  line("channel", (v) => t("evidenceDetail.channel", { value: label("channel", v) }));
  line("name", (v) => t("evidenceDetail.name", { value: v }));
  line("period", (v) => t("evidenceDetail.period", { value: formatMonth(str(v), locale) }));
  line("turnover", (v) => t("evidenceDetail.turnover", { value: money(v) }));
  line("assets", (v) => t("evidenceDetail.assets", { value: money(v) }));
  line("workers", (v) => t("evidenceDetail.workers", { count: Number(v) }));
  line("lender", (v) => t("evidenceDetail.lender", { value: v }));
  line("product", (v) => t("evidenceDetail.product", { value: said(v) }));
  line("amount", (v) => t("evidenceDetail.amount", { value: money(v) }));
  line("reason", (v) => t("evidenceDetail.rejectionReason", { value: v }));
  line("sameDayReason", (v) => t("evidenceDetail.sameDayReason", { value: v }));
  line("notes", (v) => t("evidenceDetail.notes", { value: said(v) }));
  line("note", (v) => t("evidenceDetail.notes", { value: said(v) }));
  return lines;
}
