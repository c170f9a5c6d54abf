// What a page knows about files and their limits. Safe for both sides (no I/O).
import type { FilePurpose, StoredFileType } from "../../../machines/vocabulary";

export type ShownFile = {
  id: number;
  evidenceId: number | null;
  purpose: FilePurpose;
  type: StoredFileType;
  name: string;
  size: number;
  hasThumb: boolean;
  /** The viewer added it, so may withdraw it. */
  mine: boolean;
};

export type UploadLimits = { fileMaxBytes: number; maxFiles: number; imageMaxPx: number };

/** The P1 documents a mentor checks at verification, in the order the page offers them. */
export const DOCUMENT_PURPOSES = ["ktp", "family_card", "domicile_letter", "business_plan"] as const satisfies readonly FilePurpose[];

/** Identity documents: no thumbnail, and each full-size view is a logged POST. */
export function isIdentityPurpose(purpose: FilePurpose): boolean {
  return purpose === "ktp" || purpose === "family_card";
}

/** "2,5 MB" in the reader's language. */
export function formatSize(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: mb < 10 ? 1 : 0 }).format(mb)} MB`;
}
