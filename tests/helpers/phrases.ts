// The words a page shows as stored (log reasons, evidence statements, topics, products and notes,
// stall notes, handover reasons) that are not fixed phrases a page can show in the reader's language.
import type Database from "better-sqlite3";
import { phraseKey } from "../../app/modules/i18n/phrases";

/** Names and loanwords read the same in both languages: KUR's loan products, a barista training. */
const SAME_IN_EVERY_LANGUAGE = /^(KUR\b|Barista$)/;

export function storedWordsNotFixed(sqlite: Database.Database): { checked: number; unknown: string[] } {
  const stored = sqlite
    .prepare(
      `SELECT reason AS text FROM transition_log WHERE reason IS NOT NULL
       UNION SELECT json_extract(details, '$.' || field) FROM stage_evidence,
         (SELECT 'statement' AS field UNION SELECT 'topic' UNION SELECT 'product' UNION SELECT 'notes')
         WHERE json_extract(details, '$.' || field) IS NOT NULL
       UNION SELECT note FROM stall_notes WHERE note IS NOT NULL
       UNION SELECT reason FROM handoffs`,
    )
    .pluck()
    .all() as string[];
  return { checked: stored.length, unknown: stored.filter((text) => phraseKey(text) === null && !SAME_IN_EVERY_LANGUAGE.test(text)) };
}
