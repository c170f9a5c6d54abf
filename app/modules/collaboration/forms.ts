// The collaboration survey's forms, one zod schema each, shared by the action and the page. Error
// messages are message keys. The answer and instrument forms name their fields after the rows they
// edit (s12 is statement 12), so their schemas are built from the instrument the page shows.
import { z } from "zod";
import { RESPONDENT_GROUPS, SURVEY_SCOPES } from "../../../machines/vocabulary";
import { calendarDay } from "../forms/calendar-day";

const chosenId = z
  .number({ required_error: "validation.choose", invalid_type_error: "validation.choose" })
  .int("validation.choose")
  .positive("validation.choose");

const text = (max: number) => z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

// ─── Answering ───────────────────────────────────────────────────────────────

/** The 1–5 scale, lowest first, with the words each point has on the page. */
export const SCALE = [1, 2, 3, 4, 5] as const;
export type ScaleValue = (typeof SCALE)[number];

export const ANSWER_INTENTS = ["draft", "submit"] as const;
export type AnswerIntent = (typeof ANSWER_INTENTS)[number];

/** A statement's radio group is named s<statement id>. */
export const answerField = (statementId: number) => `s${statementId}`;
const ANSWER_FIELD = /^s(\d+)$/;

export type AnswerValue = { intent: AnswerIntent; answers: Map<number, ScaleValue> };

/**
 * The answer form for a round's statements. A draft takes any of them; "Kirim" needs every one.
 * A field naming a statement the round does not ask, or a value outside 1–5, refuses the whole form.
 */
export function answerSchema(statementIds: readonly number[]) {
  const asked = new Set(statementIds);
  return z
    .record(z.unknown())
    .superRefine((raw, ctx) => {
      const intent = raw.intent;
      if (intent !== "draft" && intent !== "submit") {
        ctx.addIssue({ code: "custom", path: [], message: "validation.invalidRequest" });
        return;
      }
      for (const [key, value] of Object.entries(raw)) {
        const match = ANSWER_FIELD.exec(key);
        if (!match) continue;
        if (!asked.has(Number(match[1]))) {
          ctx.addIssue({ code: "custom", path: [], message: "survey.error.unknownStatement" });
          continue;
        }
        if (typeof value !== "string" || !/^[1-5]$/.test(value)) {
          ctx.addIssue({ code: "custom", path: [key], message: "survey.error.valueRange" });
        }
      }
      if (intent === "submit") {
        const missing = statementIds.filter((id) => raw[answerField(id)] === undefined);
        for (const id of missing) ctx.addIssue({ code: "custom", path: [answerField(id)], message: "survey.error.answerRequired" });
        if (missing.length > 0) ctx.addIssue({ code: "custom", path: [], message: "survey.error.answersMissing" });
      }
    })
    .transform((raw): AnswerValue => {
      const answers = new Map<number, ScaleValue>();
      for (const [key, value] of Object.entries(raw)) {
        const match = ANSWER_FIELD.exec(key);
        if (match) answers.set(Number(match[1]), Number(value) as ScaleValue);
      }
      return { intent: raw.intent as AnswerIntent, answers };
    });
}

// ─── Rounds ──────────────────────────────────────────────────────────────────

export const roundOpenSchema = z
  .object({
    name: text(120),
    periodStart: calendarDay,
    periodEnd: calendarDay,
    instrumentId: chosenId,
    scope: z.enum(SURVEY_SCOPES, { errorMap: () => ({ message: "validation.choose" }) }),
    districtIds: z.array(chosenId).max(100, "validation.tooLong").optional(),
    groups: z.array(z.enum(RESPONDENT_GROUPS, { errorMap: () => ({ message: "validation.invalidRequest" }) })).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.groups?.length) ctx.addIssue({ code: "custom", path: ["groups"], message: "survey.error.groupsRequired" });
    if (value.periodEnd < value.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "survey.error.periodOrder" });
    if (value.scope === "districts" && !value.districtIds?.length) {
      ctx.addIssue({ code: "custom", path: ["districtIds"], message: "survey.error.districtsRequired" });
    }
  });
export type RoundOpenValue = z.infer<typeof roundOpenSchema>;

/** The buttons of the survey overview: copy an instrument, close a round. */
export const overviewActionSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("copy"), instrumentId: chosenId }), z.object({ intent: z.literal("close"), roundId: chosenId })],
  { errorMap: () => ({ message: "validation.invalidRequest" }) },
);

// ─── Instruments ─────────────────────────────────────────────────────────────

/** What the instrument form edits: every label and statement, the reverse flags and the bands. */
export type InstrumentShape = {
  indicators: { id: number; subIndicators: { id: number; statements: { id: number }[] }[] }[];
  bands: { id: number }[];
};

// Field names: i<id>Id / i<id>En (indicator), u<id>Id / u<id>En (sub-indicator), t<id>Id / t<id>En /
// t<id>Rev (statement; both texts left empty removes it), n<sub id>Id / n<sub id>En / n<sub id>Rev (a
// new statement for the sub-indicator, when filled), b<id>Lower / b<id>Code / b<id>Id / b<id>En (band).
export const instrumentFields = {
  indicator: (id: number) => ({ labelId: `i${id}Id`, labelEn: `i${id}En` }),
  subIndicator: (id: number) => ({ labelId: `u${id}Id`, labelEn: `u${id}En` }),
  statement: (id: number) => ({ textId: `t${id}Id`, textEn: `t${id}En`, reverse: `t${id}Rev` }),
  newStatement: (subId: number) => ({ textId: `n${subId}Id`, textEn: `n${subId}En`, reverse: `n${subId}Rev` }),
  band: (id: number) => ({ lowerBound: `b${id}Lower`, code: `b${id}Code`, labelId: `b${id}Id`, labelEn: `b${id}En` }),
};

export type InstrumentEdit = {
  nameId: string;
  nameEn: string;
  indicators: Map<number, { labelId: string; labelEn: string }>;
  subIndicators: Map<number, { labelId: string; labelEn: string }>;
  /** null: removed. */
  statements: Map<number, { textId: string; textEn: string; reverse: boolean } | null>;
  newStatements: Map<number, { textId: string; textEn: string; reverse: boolean }>;
  bands: Map<number, { lowerBound: number; code: string; labelId: string; labelEn: string }>;
};

const optionalText = (raw: unknown) => (typeof raw === "string" ? raw.trim() : "");

export function instrumentEditSchema(shape: InstrumentShape) {
  return z.record(z.unknown()).transform((raw, ctx): InstrumentEdit => {
    const need = (name: string, max = 300): string => {
      const value = optionalText(raw[name]);
      if (value === "") ctx.addIssue({ code: "custom", path: [name], message: "validation.required" });
      else if (value.length > max) ctx.addIssue({ code: "custom", path: [name], message: "validation.tooLong" });
      return value;
    };
    const edit: InstrumentEdit = {
      nameId: need("nameId", 160),
      nameEn: need("nameEn", 160),
      indicators: new Map(),
      subIndicators: new Map(),
      statements: new Map(),
      newStatements: new Map(),
      bands: new Map(),
    };
    for (const indicator of shape.indicators) {
      const f = instrumentFields.indicator(indicator.id);
      edit.indicators.set(indicator.id, { labelId: need(f.labelId), labelEn: need(f.labelEn) });
      for (const sub of indicator.subIndicators) {
        const u = instrumentFields.subIndicator(sub.id);
        edit.subIndicators.set(sub.id, { labelId: need(u.labelId), labelEn: need(u.labelEn) });
        let kept = 0;
        for (const statement of sub.statements) {
          const s = instrumentFields.statement(statement.id);
          if (optionalText(raw[s.textId]) === "" && optionalText(raw[s.textEn]) === "") {
            edit.statements.set(statement.id, null);
            continue;
          }
          kept++;
          edit.statements.set(statement.id, { textId: need(s.textId, 500), textEn: need(s.textEn, 500), reverse: raw[s.reverse] === "on" });
        }
        const n = instrumentFields.newStatement(sub.id);
        if (optionalText(raw[n.textId]) !== "" || optionalText(raw[n.textEn]) !== "") {
          kept++;
          edit.newStatements.set(sub.id, { textId: need(n.textId, 500), textEn: need(n.textEn, 500), reverse: raw[n.reverse] === "on" });
        }
        if (kept === 0) ctx.addIssue({ code: "custom", path: [u.labelId], message: "survey.error.statementRequired" });
      }
    }
    const lowers = new Set<number>();
    const codes = new Set<string>();
    for (const band of shape.bands) {
      const b = instrumentFields.band(band.id);
      const lowerText = optionalText(raw[b.lowerBound]).replace(",", ".");
      const lowerBound = Number(lowerText);
      if (!/^\d(\.\d{1,2})?$/.test(lowerText) || lowerBound > 5) {
        ctx.addIssue({ code: "custom", path: [b.lowerBound], message: "survey.error.bandLower" });
      } else if (lowers.has(lowerBound)) {
        ctx.addIssue({ code: "custom", path: [b.lowerBound], message: "survey.error.bandDuplicate" });
      }
      lowers.add(lowerBound);
      const code = need(b.code, 8);
      if (codes.has(code)) ctx.addIssue({ code: "custom", path: [b.code], message: "survey.error.bandDuplicate" });
      codes.add(code);
      edit.bands.set(band.id, { lowerBound, code, labelId: need(b.labelId, 80), labelEn: need(b.labelEn, 80) });
    }
    // Every score from 0 up must fall in a band.
    if (shape.bands.length > 0 && !lowers.has(0)) ctx.addIssue({ code: "custom", path: [], message: "survey.error.bandFromZero" });
    return edit;
  });
}
