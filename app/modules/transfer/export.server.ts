// Exporting lists as CSV or XLSX, streamed: rows are written as SQLite hands them over
// (better-sqlite3's iterate()), so a 300,000-row export never sits whole in memory.
//
// The rows are read on a separate read-only connection opened for the export. While a statement is
// being iterated its connection cannot write, and a download to a slow client can take minutes:
// on the process's one handle that would stop every move meanwhile. In WAL mode the export's
// connection reads one consistent snapshot while the server keeps writing.
//
// The participant export runs the list's own query (listConditions: the viewer's scope ANDed with
// the same filters as /peserta), so it holds exactly the rows the list counts.
import Database from "better-sqlite3";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditLog, cities, cohorts, districts, participants, stageEvidence } from "../../../db/schema";
import { STAGES, stageNumber } from "../../../machines/stages";
import type { SessionUser } from "../auth/session.server";
import { jakartaDate } from "../i18n/jakarta";
import { stalledCondition } from "../journey/stalled.server";
import { decryptNik } from "../identity/identity.server";
import type { ListFilters } from "../participants/list-filters";
import { maskPhone } from "../identity/nik";
import { servesParticipant } from "../participants/phone.server";
import { cohortOptionsInScope, countParticipants, listConditions } from "../participants/participants.server";
import { districtOptionsInScope, type Viewer } from "../access/scope.server";
import { stageStateColumns } from "../journey/stage-columns.server";
import { csvLine, type Cell } from "./csv";
import { xlsxChunks } from "./xlsx.server";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function parseExportFormat(raw: unknown): ExportFormat | null {
  return (EXPORT_FORMATS as readonly unknown[]).includes(raw) ? (raw as ExportFormat) : null;
}

/**
 * Only province coordinators (no city) may export full NIKs and phone numbers: they answer for the
 * whole programme's data. Everyone else exports them masked.
 */
export function canExportFullIdentity(user: Pick<SessionUser, "role" | "cityId">): boolean {
  return user.role === "coordinator" && user.cityId == null;
}

/**
 * A district or cohort filter outside the viewer's scope is refused (404) rather than answered with
 * an empty file: an export must not hint at what lies outside.
 */
export function exportFiltersInScope(db: Db, viewer: Viewer, filters: ListFilters): boolean {
  if (filters.district !== undefined && !districtOptionsInScope(db, viewer).some((d) => d.id === filters.district)) return false;
  if (filters.cohort !== undefined && !cohortOptionsInScope(db, viewer, undefined, filters.cohort).some((c) => c.id === filters.cohort)) return false;
  return true;
}

export type ExportFile = { body: ReadableStream<Uint8Array>; fileName: string; contentType: string; rows: number };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function exportResponse(file: ExportFile): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Pulls chunks only as fast as the client reads them; closes the reader when done or cancelled. */
function byteStream(chunks: Iterator<string | Uint8Array>, close: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const finish = () => {
    chunks.return?.();
    close();
  };
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        let size = 0;
        while (size < 64 * 1024) {
          const next = chunks.next();
          if (next.done) {
            finish();
            controller.close();
            return;
          }
          const bytes = typeof next.value === "string" ? encoder.encode(next.value) : next.value;
          controller.enqueue(bytes);
          size += bytes.length;
        }
      } catch (error) {
        finish();
        controller.error(error);
      }
    },
    cancel: finish,
  });
}

function* csvChunks(header: readonly string[], rows: Iterable<readonly Cell[]>): Generator<string> {
  // The byte order mark makes Excel read the file as UTF-8.
  yield "\uFEFF" + csvLine(header);
  for (const row of rows) yield csvLine(row);
}

/** Runs a query built with drizzle on a fresh read-only connection and streams its rows as a file. */
function exportFile(db: Db, name: string, format: ExportFormat, header: string[], query: { sql: string; params: unknown[] }, toCells: (row: unknown[]) => Cell[], rows: number): ExportFile {
  const reader = new Database(db.$client.name, { readonly: true, fileMustExist: true });
  reader.pragma("busy_timeout = 5000");
  function* cells() {
    for (const row of reader.prepare(query.sql).raw(true).iterate(...query.params) as IterableIterator<unknown[]>) yield toCells(row);
  }
  const chunks = format === "csv" ? csvChunks(header, cells()) : xlsxChunks(name, header, cells());
  const stamp = jakartaDate();
  return {
    body: byteStream(chunks, () => reader.close()),
    fileName: `${name}-${stamp}.${format}`,
    contentType: CONTENT_TYPES[format],
    rows,
  };
}

/** Rows computed in memory (the outcomes' medians and changes), as the same CSV or XLSX file. */
export function exportComputedRows(name: string, format: ExportFormat, header: string[], rows: readonly Cell[][]): ExportFile {
  const chunks = format === "csv" ? csvChunks(header, rows) : xlsxChunks(name, header, rows);
  return { body: byteStream(chunks, () => {}), fileName: `${name}-${jakartaDate()}.${format}`, contentType: CONTENT_TYPES[format], rows: rows.length };
}

const isoDay = (at: unknown) => (typeof at === "number" ? jakartaDate(at) : null);
const text = (value: unknown) => (value == null ? null : String(value));
const num = (value: unknown) => (typeof value === "number" ? value : null);

// ─── The participant list ────────────────────────────────────────────────────

/** The most rows a full-identity export holds (PAS_EXPORT_MAX_ROWS): one request never dumps everyone. */
export function fullIdentityMaxRows(): number {
  const raw = Number(process.env.PAS_EXPORT_MAX_ROWS ?? "");
  return Number.isSafeInteger(raw) && raw > 0 ? raw : 5_000;
}

/** A full-identity export's stated purpose: 10–500 characters, or null. */
export function exportPurpose(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const purpose = raw.replace(/\s+/g, " ").trim();
  return purpose.length >= 10 && purpose.length <= 500 ? purpose : null;
}

/**
 * The filters as the audit log keeps them: a search term is personal data (a name, a phone number)
 * and is never written in clear; the log says only that the list was searched.
 */
export function filtersForLog(filters: Partial<ListFilters>): Record<string, unknown> {
  const { q, ...rest } = filters;
  return q ? { ...rest, searched: true } : rest;
}

export class ExportRefused extends Error {
  constructor(
    readonly reason: "tooManyRows",
    readonly count: number,
    readonly max: number,
  ) {
    super(`export refused: ${reason}`);
  }
}

export type ParticipantExportOptions = {
  filters: ListFilters;
  format: ExportFormat;
  /** Full NIK and phone; the caller has checked canExportFullIdentity and the purpose. Logged with the ids. */
  fullIdentity: boolean;
  purpose?: string;
  t: Translate;
  actorUserId: number;
  now?: number;
};

/** The list at /peserta with the same filters, every page, as a file. */
export function exportParticipants(db: Db, viewer: Viewer, options: ParticipantExportOptions): ExportFile {
  const now = options.now ?? Date.now();
  const { page: _page, ...filters } = options.filters;
  const stalled = stalledCondition(now);
  const where = listConditions(db, viewer, filters, stalled, now);
  const { total } = countParticipants(db, where, stalled);
  if (options.fullIdentity) {
    const max = fullIdentityMaxRows();
    if (total > max) throw new ExportRefused("tooManyRows", total, max);
    // Whose data left, and why: the ids of every participant in the file, read with the same conditions.
    const participantIds = db.select({ id: participants.id }).from(participants).where(where).all().map((r) => r.id);
    db.insert(auditLog)
      .values({
        actorUserId: options.actorUserId,
        action: "export-full-identity",
        subject: "export:participants",
        detail: { purpose: options.purpose ?? null, filters: filtersForLog(filters), rows: total, format: options.format, participantIds },
        at: now,
      })
      .run();
  }
  const query = db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      nikMasked: participants.nikMasked,
      nikCipher: participants.nikCipher,
      phone: participants.phone,
      district: districts.name,
      city: cities.name,
      cohort: cohorts.name,
      track: participants.track,
      sector: participants.sector,
      status: participants.status,
      ...stageStateColumns,
      furthest: participants.furthestStage,
      registered: participants.createdAt,
      lastActivity: participants.lastActivityAt,
      // Read only to decide the phone column: the mentor who serves a participant gets the number.
      servedBy: participants.mentorId,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .innerJoin(cities, eq(cities.id, districts.cityId))
    .leftJoin(cohorts, eq(cohorts.id, participants.cohortId))
    .where(where)
    .orderBy(asc(districts.name), asc(participants.fullName), asc(participants.id))
    .toSQL();
  const { t } = options;
  const header = [
    "id", "fullName", "businessName", "nik", "phone", "district", "city", "cohort", "track", "sector", "status",
  ].map((key) => t(`transfer.export.col.${key}`));
  header.push(...STAGES.map((stage) => `P${stageNumber(stage)} ${t(`stage.${stage}`)}`));
  header.push(t("transfer.export.col.furthest"), t("transfer.export.col.registered"), t("transfer.export.col.lastActivity"));
  const toCells = (row: unknown[]): Cell[] => {
    const [id, fullName, businessName, nikMasked, nikCipher, phone, district, city, cohort, track, sector, status, ...rest] = row;
    const states = rest.slice(0, 7);
    const [furthest, registered, lastActivity, servedBy] = rest.slice(7);
    return [
      num(id), text(fullName), text(businessName),
      options.fullIdentity ? decryptNik(String(nikCipher)) : text(nikMasked),
      options.fullIdentity || servesParticipant(viewer, typeof servedBy === "number" ? servedBy : null) ? text(phone) : maskPhone(text(phone)),
      text(district), text(city), text(cohort),
      t(`track.${track}`), t(`registration.sectorOption.${sector}`), t(`status.${status}`),
      ...states.map((state) => t(`stageState.${state}`)),
      num(furthest) ? `P${furthest}` : null, isoDay(registered), isoDay(lastActivity),
    ];
  };
  return exportFile(db, t("transfer.export.participantsFile"), options.format, header, query, toCells, total);
}

// ─── Indicators: before and after, per graduated participant ─────────────────

export type IndicatorExportOptions = { filters: Pick<ListFilters, "district" | "cohort">; format: ExportFormat; t: Translate; now?: number };

/**
 * The programme's outcome per graduated participant in scope: turnover, assets and workers at entry
 * against their latest financial report (the newest period recorded as P6 evidence).
 */
export function exportIndicators(db: Db, viewer: Viewer, options: IndicatorExportOptions): ExportFile {
  const now = options.now ?? Date.now();
  const stalled = stalledCondition(now);
  const where = listConditions(db, viewer, { ...options.filters, status: "graduated" }, stalled, now);
  const { total } = countParticipants(db, where, stalled);
  const latestReport = sql<string | null>`(SELECT ${stageEvidence.details} FROM ${stageEvidence}
    WHERE ${stageEvidence.participantId} = ${participants.id} AND ${stageEvidence.kind} = 'financial_report'
      AND ${stageEvidence.status} = 'recorded'
    ORDER BY json_extract(${stageEvidence.details}, '$.period') DESC, ${stageEvidence.id} DESC LIMIT 1)`;
  const query = db
    .select({
      id: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      district: districts.name,
      city: cities.name,
      cohort: cohorts.name,
      graduated: participants.p7EnteredAt,
      turnover: participants.entryTurnover,
      assets: participants.entryAssets,
      workers: participants.entryWorkers,
      report: latestReport,
    })
    .from(participants)
    .innerJoin(districts, eq(districts.id, participants.districtId))
    .innerJoin(cities, eq(cities.id, districts.cityId))
    .leftJoin(cohorts, eq(cohorts.id, participants.cohortId))
    .where(where)
    .orderBy(asc(districts.name), asc(cohorts.name), asc(participants.fullName), asc(participants.id))
    .toSQL();
  const { t } = options;
  const header = [
    "id", "fullName", "businessName", "district", "city", "cohort", "graduated", "reportPeriod",
    "turnoverBefore", "turnoverAfter", "assetsBefore", "assetsAfter", "workersBefore", "workersAfter",
  ].map((key) => t(`transfer.export.col.${key}`));
  const toCells = (row: unknown[]): Cell[] => {
    const [id, fullName, businessName, district, city, cohort, graduated, turnover, assets, workers, report] = row;
    const latest = report ? (JSON.parse(String(report)) as { period?: string; turnover?: number; assets?: number; workers?: number }) : {};
    return [
      num(id), text(fullName), text(businessName), text(district), text(city), text(cohort), isoDay(graduated), latest.period ?? null,
      num(turnover), num(latest.turnover), num(assets), num(latest.assets), num(workers), num(latest.workers),
    ];
  };
  return exportFile(db, t("transfer.export.indicatorsFile"), options.format, header, query, toCells, total);
}
