// The collaboration survey's instruments: versions of a questionnaire and their content.
//
// Tables (db/schema.ts, "Collaboration survey"; migration 0009):
//   survey_instruments        one version of a questionnaire: code (shared by its versions), version,
//                             name_id/name_en, copied_from_id. A copy is a new version; a version any
//                             round uses is never edited again (instrumentInUse below).
//   survey_indicators         instrument_id, position, label_id/label_en (e.g. "Proses kolaborasi").
//   survey_sub_indicators     indicator_id, position, label_id/label_en (e.g. "Dialog tatap muka").
//   survey_statements         sub_indicator_id, position, text_id/text_en, reverse (counts as 6 − answer).
//   survey_bands              instrument_id, lower_bound (REAL, e.g. 4.0), code (SB/B/KB/TB/STB),
//                             label_id/label_en. A score takes the band with the highest lower bound
//                             at or below it, on the unrounded score.
//   survey_rounds             name, period_start/period_end (ISO dates the answers speak about),
//                             instrument_id (the version it uses), scope ('province' | 'districts'),
//                             opened_by/opened_at, closed_by/closed_at (null while open).
//   survey_round_districts    round_id, district_id: the districts of a 'districts' round.
//   survey_round_groups       round_id, respondent_group: the groups asked.
//   survey_responses          one per (round_id, user_id) (UNIQUE): respondent_group, status
//                             ('draft' | 'submitted'), agency_id (mentor's agency, entrepreneur's
//                             serving agency), organisation_id (partner staff), participant_id
//                             (entrepreneur), created_at/updated_at/submitted_at. Group, agency,
//                             organisation and districts are captured when the response is saved.
//   survey_response_districts response_id, district_id: the districts a response speaks for (an
//                             entrepreneur's district; a mentor's districts in scope; partner staff's
//                             referred participants' districts in scope; a coordinator's city's
//                             districts in scope, or all of the scope for a province coordinator).
//   survey_answers            (response_id, statement_id) primary key, value CHECK 1..5.
// Results count submitted responses only (status = 'submitted'); drafts are the respondent's own.
// Respondent groups (machines/vocabulary.ts RESPONDENT_GROUPS): mentor, agency_staff (coordinators:
// the programme's own agency staff), partner_staff (role partner), entrepreneur.
import { asc, count, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  surveyBands,
  surveyIndicators,
  surveyInstruments,
  surveyRounds,
  surveyStatements,
  surveySubIndicators,
} from "../../../db/schema";
import { recordAudit } from "../users/audit.server";
import type { InstrumentEdit } from "./forms";
import { SurveyRefused } from "./refusals";

/** Labels and texts in both languages. */
type Bilingual = { id: string; en: string };

/** An instrument's content as it is written: what the seed and a copy hand to insertInstrument. */
export type InstrumentContent = {
  code: string;
  name: Bilingual;
  indicators: { label: Bilingual; subIndicators: { label: Bilingual; statements: { text: Bilingual; reverse?: boolean }[] }[] }[];
  bands: { lowerBound: number; code: string; label: Bilingual }[];
};

export type InstrumentSummary = { id: number; code: string; version: number; nameId: string; nameEn: string; rounds: number; statements: number; createdAt: number };

export type Statement = { id: number; position: number; textId: string; textEn: string; reverse: boolean };
export type SubIndicator = { id: number; position: number; labelId: string; labelEn: string; statements: Statement[] };
export type Indicator = { id: number; position: number; labelId: string; labelEn: string; subIndicators: SubIndicator[] };
export type Band = { id: number; lowerBound: number; code: string; labelId: string; labelEn: string };
export type Instrument = {
  id: number;
  code: string;
  version: number;
  nameId: string;
  nameEn: string;
  copiedFromId: number | null;
  indicators: Indicator[];
  /** Highest lower bound first. */
  bands: Band[];
};

/** Writes a new instrument version with its content. Call inside the caller's transaction. */
export function insertInstrument(db: Db, content: InstrumentContent, version: number, createdBy: number | null, at: number, copiedFromId: number | null = null): number {
  const instrument = db
    .insert(surveyInstruments)
    .values({ code: content.code, version, nameId: content.name.id, nameEn: content.name.en, copiedFromId, createdBy, createdAt: at })
    .returning({ id: surveyInstruments.id })
    .get();
  content.indicators.forEach((indicator, i) => {
    const { id: indicatorId } = db
      .insert(surveyIndicators)
      .values({ instrumentId: instrument.id, position: i + 1, labelId: indicator.label.id, labelEn: indicator.label.en })
      .returning({ id: surveyIndicators.id })
      .get();
    indicator.subIndicators.forEach((sub, j) => {
      const { id: subIndicatorId } = db
        .insert(surveySubIndicators)
        .values({ indicatorId, position: j + 1, labelId: sub.label.id, labelEn: sub.label.en })
        .returning({ id: surveySubIndicators.id })
        .get();
      sub.statements.forEach((statement, k) => {
        db.insert(surveyStatements)
          .values({ subIndicatorId, position: k + 1, textId: statement.text.id, textEn: statement.text.en, reverse: statement.reverse ?? false })
          .run();
      });
    });
  });
  for (const band of content.bands) {
    db.insert(surveyBands)
      .values({ instrumentId: instrument.id, lowerBound: band.lowerBound, code: band.code, labelId: band.label.id, labelEn: band.label.en })
      .run();
  }
  return instrument.id;
}

/** Every instrument version, newest version of each questionnaire first, with how many rounds used it. */
export function listInstruments(db: Db): InstrumentSummary[] {
  const rows = db.select().from(surveyInstruments).orderBy(asc(surveyInstruments.code), asc(surveyInstruments.version)).all();
  const rounds = new Map(
    db.select({ id: surveyRounds.instrumentId, n: count() }).from(surveyRounds).groupBy(surveyRounds.instrumentId).all().map((r) => [r.id, r.n]),
  );
  const statements = new Map(
    db
      .select({ id: surveyIndicators.instrumentId, n: count() })
      .from(surveyStatements)
      .innerJoin(surveySubIndicators, eq(surveySubIndicators.id, surveyStatements.subIndicatorId))
      .innerJoin(surveyIndicators, eq(surveyIndicators.id, surveySubIndicators.indicatorId))
      .groupBy(surveyIndicators.instrumentId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  return rows
    .map((r) => ({
      id: r.id,
      code: r.code,
      version: r.version,
      nameId: r.nameId,
      nameEn: r.nameEn,
      createdAt: r.createdAt,
      rounds: rounds.get(r.id) ?? 0,
      statements: statements.get(r.id) ?? 0,
    }))
    .sort((a, b) => a.code.localeCompare(b.code) || b.version - a.version);
}

/** An instrument version with its indicators, sub-indicators and statements in order, and its bands. */
export function loadInstrument(db: Db, id: number): Instrument | null {
  const row = db.select().from(surveyInstruments).where(eq(surveyInstruments.id, id)).get();
  if (!row) return null;
  const indicators = db.select().from(surveyIndicators).where(eq(surveyIndicators.instrumentId, id)).orderBy(asc(surveyIndicators.position)).all();
  const indicatorIds = indicators.map((i) => i.id);
  const subs = indicatorIds.length
    ? db.select().from(surveySubIndicators).where(inArray(surveySubIndicators.indicatorId, indicatorIds)).orderBy(asc(surveySubIndicators.position)).all()
    : [];
  const subIds = subs.map((s) => s.id);
  const statements = subIds.length
    ? db.select().from(surveyStatements).where(inArray(surveyStatements.subIndicatorId, subIds)).orderBy(asc(surveyStatements.position)).all()
    : [];
  const bands = db.select().from(surveyBands).where(eq(surveyBands.instrumentId, id)).all();
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    nameId: row.nameId,
    nameEn: row.nameEn,
    copiedFromId: row.copiedFromId,
    indicators: indicators.map((indicator) => ({
      id: indicator.id,
      position: indicator.position,
      labelId: indicator.labelId,
      labelEn: indicator.labelEn,
      subIndicators: subs
        .filter((s) => s.indicatorId === indicator.id)
        .map((sub) => ({
          id: sub.id,
          position: sub.position,
          labelId: sub.labelId,
          labelEn: sub.labelEn,
          statements: statements
            .filter((s) => s.subIndicatorId === sub.id)
            .map((s) => ({ id: s.id, position: s.position, textId: s.textId, textEn: s.textEn, reverse: s.reverse })),
        })),
    })),
    bands: bands
      .map((b) => ({ id: b.id, lowerBound: b.lowerBound, code: b.code, labelId: b.labelId, labelEn: b.labelEn }))
      .sort((a, b) => b.lowerBound - a.lowerBound),
  };
}

/** The statement ids of an instrument, in the order the form asks them. */
export function statementIds(instrument: Instrument): number[] {
  return instrument.indicators.flatMap((i) => i.subIndicators.flatMap((s) => s.statements.map((st) => st.id)));
}

/** A version some round has used: its answers read against it, so it is never edited again. */
export function instrumentInUse(db: Db, id: number): boolean {
  return db.select({ id: surveyRounds.id }).from(surveyRounds).where(eq(surveyRounds.instrumentId, id)).limit(1).get() !== undefined;
}

function contentOf(instrument: Instrument): InstrumentContent {
  return {
    code: instrument.code,
    name: { id: instrument.nameId, en: instrument.nameEn },
    indicators: instrument.indicators.map((indicator) => ({
      label: { id: indicator.labelId, en: indicator.labelEn },
      subIndicators: indicator.subIndicators.map((sub) => ({
        label: { id: sub.labelId, en: sub.labelEn },
        statements: sub.statements.map((s) => ({ text: { id: s.textId, en: s.textEn }, reverse: s.reverse })),
      })),
    })),
    bands: instrument.bands.map((b) => ({ lowerBound: b.lowerBound, code: b.code, label: { id: b.labelId, en: b.labelEn } })),
  };
}

/** Copies a version as the next version of the same questionnaire (editable until a round uses it). */
export function copyInstrument(db: Db, actorId: number, id: number, at = Date.now()): number {
  return db.transaction(
    () => {
      const source = loadInstrument(db, id);
      if (!source) throw new SurveyRefused("survey.error.instrumentNotFound");
      const latest = db.select({ v: max(surveyInstruments.version) }).from(surveyInstruments).where(eq(surveyInstruments.code, source.code)).get()?.v ?? 0;
      const copyId = insertInstrument(db, contentOf(source), latest + 1, actorId, at, source.id);
      recordAudit(db, { actorUserId: actorId, action: "survey.instrument.copy", subject: `survey-instrument:${copyId}`, detail: { from: source.id, version: latest + 1 } }, at);
      return copyId;
    },
    { behavior: "immediate" },
  );
}

/**
 * Saves an edit of a version no round has used: labels, statements (changed, removed, one added per
 * sub-indicator), reverse flags and bands. A version in use is refused, and nothing changes.
 */
export function editInstrument(db: Db, actorId: number, id: number, edit: InstrumentEdit, at = Date.now()): void {
  db.transaction(
    () => {
      const instrument = loadInstrument(db, id);
      if (!instrument) throw new SurveyRefused("survey.error.instrumentNotFound");
      if (instrumentInUse(db, id)) throw new SurveyRefused("survey.error.instrumentInUse");
      db.update(surveyInstruments).set({ nameId: edit.nameId, nameEn: edit.nameEn }).where(eq(surveyInstruments.id, id)).run();
      let changedStatements = 0;
      for (const indicator of instrument.indicators) {
        const label = edit.indicators.get(indicator.id);
        if (label) db.update(surveyIndicators).set(label).where(eq(surveyIndicators.id, indicator.id)).run();
        for (const sub of indicator.subIndicators) {
          const subLabel = edit.subIndicators.get(sub.id);
          if (subLabel) db.update(surveySubIndicators).set(subLabel).where(eq(surveySubIndicators.id, sub.id)).run();
          for (const statement of sub.statements) {
            const next = edit.statements.get(statement.id);
            if (next === undefined) continue;
            if (next === null) db.delete(surveyStatements).where(eq(surveyStatements.id, statement.id)).run();
            else db.update(surveyStatements).set(next).where(eq(surveyStatements.id, statement.id)).run();
            changedStatements++;
          }
          const added = edit.newStatements.get(sub.id);
          if (added) {
            const last = sub.statements.reduce((highest, s) => Math.max(highest, s.position), 0);
            db.insert(surveyStatements).values({ subIndicatorId: sub.id, position: last + 1, ...added }).run();
            changedStatements++;
          }
        }
      }
      // Bands are rewritten together: their lower bounds are unique per instrument, and two bands
      // trading bounds would collide one row at a time.
      const bands = instrument.bands.map((band) => ({ ...band, ...edit.bands.get(band.id) }));
      db.delete(surveyBands).where(eq(surveyBands.instrumentId, id)).run();
      for (const band of bands) {
        db.insert(surveyBands).values({ instrumentId: id, lowerBound: band.lowerBound, code: band.code, labelId: band.labelId, labelEn: band.labelEn }).run();
      }
      recordAudit(db, { actorUserId: actorId, action: "survey.instrument.edit", subject: `survey-instrument:${id}`, detail: { statements: changedStatements } }, at);
    },
    { behavior: "immediate" },
  );
}

/** The newest version of each questionnaire, for the round form's choice. */
export function instrumentChoices(db: Db): { id: number; name: string }[] {
  return listInstruments(db).map((i) => ({ id: i.id, name: `${i.nameId} (v${i.version})` }));
}

