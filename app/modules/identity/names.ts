// Names as people and businesses are shown in lists: one written form of each letter (NFC), and no
// invisible characters that change how a name reads. A right-to-left override can make "Siti" pose
// as another name in a list; zero-width characters make two names that look alike differ (so a
// search or a duplicate check misses them). Safe for both sides: every name field's zod schema uses it.
import { z } from "zod";

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks, the Arabic letter mark) and
 * zero-width characters (space, joiners, word joiner, BOM, Mongolian vowel separator), plus the C0/C1
 * control characters a name never holds.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF\u180E\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** The name as stored: NFC, invisible characters removed, runs of white space made one space, trimmed. */
export function cleanName(value: string): string {
  return value.normalize("NFC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** A name field: cleaned first, then required and at most `max` characters. */
export function nameField(max: number) {
  return z
    .string({ required_error: "validation.required" })
    .transform(cleanName)
    .pipe(z.string().min(1, "validation.required").max(max, "validation.tooLong"));
}
