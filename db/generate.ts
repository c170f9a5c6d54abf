// The scale database: the size DESIGN.md plans for (300,000 participants, 44 districts, ~450
// mentors, ~6,000 cohorts, ~3 million log entries), generated deterministically from a seed.
//
//   npm run generate -- --participants 300000 [--out data/scale.sqlite] [--seed N] [--now YYYY-MM-DD] [--force] [--survey]
//
// Every history is a legal journey of the machine. This file is the command and the run (options,
// reference data in one transaction, then batches of participants); the parts live in generate/:
// shape.ts (sizes, shares, odds), population.ts (districts, agencies, mentors, partners, cohorts,
// people), plan.ts (which events happen to a participant, and when) and write.ts (each planned move
// through move-write.ts and the journey writer, as the journey service's moves go). Going through the
// service one transaction per move would take hours at this size; the rows are the same.
// tests/integration/generate.test.ts replays a sample through the service.
import { writeLoansAndFollowUpAnswers } from "./generate/after-programme";
import { recordAllClimbs } from "../app/modules/outcomes/climbs.server";
import { count } from "drizzle-orm";
import { existsSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { hashPassword } from "../app/modules/auth/password.server";
import { RememberedSteps } from "../app/modules/journey/move-write";
import { currentRules } from "../app/modules/journey/rules.server";
import { activeCondition, dormantCondition, stalledCondition } from "../app/modules/journey/stalled.server";
import { STAGES, type ParticipantStatus } from "../machines/stages";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "../machines/time";
import { openDatabase, type Db } from "./client";
import { dropSecondaryIndexes } from "./bulk-load";
import { migrateDatabase } from "./migrate";
import { seededRandom, type Random } from "./random";
import * as t from "./schema";
import { DEMO_PASSWORD, seedRegions, seedSettings } from "./seed";
import { seedCollaboration } from "./seed-collaboration";
import { INTAKE_DAYS, REPORTED_FUNNEL, scaleFor } from "./generate/shape";

export { REPORTED_FUNNEL, scaleFor } from "./generate/shape";
import { insertAgencies, insertCohorts, insertCoordinators, insertMentors, insertPartners, People, withPopulation } from "./generate/population";
import { JourneyPlanner } from "./generate/plan";
import { PeopleWriter, walkJourney } from "./generate/write";

const DEFAULT_SEED = 20211031;
export const DEFAULT_OUT = "data/scale.sqlite";

export type GenerateOptions = {
  participants: number;
  /** The database file to create. */
  out: string;
  seed?: number;
  /** Histories end at this instant (ms); default today, 00:00 UTC. */
  now?: number;
  /** Replace an existing file at `out`. */
  force?: boolean;
  /** Add the collaboration survey: the default instrument and three rounds answered (db/seed-collaboration.ts). */
  survey?: boolean;
  /** Receives progress lines (silent when omitted). */
  log?: (line: string) => void;
};

export type GenerateSummary = {
  participants: number;
  cohorts: number;
  mentors: number;
  logEntries: number;
  evidenceRows: number;
  seconds: number;
  fileBytes: number;
  /** Participants who have done (or waived) P1 … P7; for P1, the verified. */
  funnel: number[];
  statuses: Record<ParticipantStatus, number>;
  /** Participants the stall rule flags at `now` (active, not dormant). */
  stalled: number;
  /** Status active but dormant at `now` (nothing recorded for the dormancy days). */
  dormant: number;
  /** Active and not dormant at `now`: the "active" of every figure. */
  activeNotDormant: number;
};

// ─── Entry point ─────────────────────────────────────────────────────────────

export async function generateDatabase(options: GenerateOptions): Promise<GenerateSummary> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const out = resolve(options.out);
  if (!Number.isInteger(options.participants) || options.participants < 1) {
    throw new Error(`participants must be a positive whole number (got ${options.participants})`);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw new Error(`seed must be a whole number (got ${options.seed})`);
  }
  if (existsSync(out) && !options.force) throw new Error(`${options.out} already exists: pass --force to replace it`);
  removeDatabaseFiles(out);
  log(`Generating ${options.participants.toLocaleString("en")} participants into ${options.out} …`);

  const rng = seededRandom(options.seed ?? DEFAULT_SEED);
  const now = options.now ?? Math.floor(Date.now() / DAY) * DAY;
  // One hash for every generated account (the demo password): argon2 per account would take hours.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const db = openDatabase(out);
  try {
    migrateDatabase(db);
    const counts = withBulkLoadPragmas(db, () =>
      withSecondaryIndexesDropped(db, ["participants", "transition_log", "stage_evidence"], log, () =>
        generateInto(db, rng, options.participants, now, passwordHash, log),
      ),
    );
    if (options.survey) {
      const surveyed = Date.now();
      const survey = db.transaction(() => seedCollaboration(db, now, passwordHash));
      log(`Survey: ${survey.rounds} rounds, ${survey.responses.toLocaleString("en")} responses, ${survey.answers.toLocaleString("en")} answers (${seconds(surveyed)} s).`);
    }
    checkSoundness(db);
    // SQLite plans by its statistics: without them a fresh file can turn a query of seconds into
    // one of minutes. A bulk writer hands over its file analysed.
    const analysed = Date.now();
    db.$client.exec("ANALYZE");
    log(`Analysed (${seconds(analysed)} s).`);
    const figures = readFigures(db, now);
    db.$client.close(); // checkpoints the WAL into the file, so its size is the whole database
    return {
      participants: options.participants,
      ...counts,
      seconds: (Date.now() - started) / 1000,
      fileBytes: statSync(out).size,
      ...figures,
    };
  } catch (error) {
    // A half-built file is of no use to anyone: leave nothing behind.
    if (db.$client.open) db.$client.close();
    removeDatabaseFiles(out);
    throw error;
  }
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
}

/** Rows went in with foreign keys off (see withBulkLoadPragmas): prove afterwards that none dangles. */
function checkSoundness(db: Db): void {
  const dangling = db.$client.pragma("foreign_key_check") as unknown[];
  if (dangling.length > 0) throw new Error(`Generated rows break ${dangling.length} foreign keys, e.g. ${JSON.stringify(dangling[0])}`);
  const quick = db.$client.pragma("quick_check", { simple: true });
  if (quick !== "ok") throw new Error(`Generated database fails quick_check: ${quick}`);
}

/**
 * The file is rebuilt from scratch on failure, so nothing needs to survive a crash while it is
 * written: no journal, no fsync, and foreign keys checked once at the end rather than per row. The
 * server's settings (db/client.ts) come back before the file is handed over.
 */
function withBulkLoadPragmas<T>(db: Db, load: () => T): T {
  const sqlite = db.$client;
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -262144"); // 256 MiB: the indexes being built stay in memory
  sqlite.pragma("temp_store = MEMORY");
  try {
    return load();
  } finally {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
  }
}

/** Rows inserted in id order, each non-unique index built once afterwards (db/bulk-load.ts). */
function withSecondaryIndexesDropped<T>(db: Db, tables: string[], log: (line: string) => void, load: () => T): T {
  const rebuild = dropSecondaryIndexes(db, tables);
  const result = load();
  const started = Date.now();
  rebuild();
  log(`Built the indexes again (${seconds(started)} s).`);
  return result;
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

// ─── The generation ──────────────────────────────────────────────────────────

type Counts = { cohorts: number; mentors: number; logEntries: number; evidenceRows: number };

function generateInto(
  db: Db,
  rng: Random,
  participantCount: number,
  now: number,
  passwordHash: string,
  log: (line: string) => void,
): Counts {
  const started = Date.now();
  const scale = scaleFor(participantCount);
  const programmeStart = now - INTAKE_DAYS * DAY - 60 * DAY;

  const { districts, agencies, mentors, partners, cohorts } = db.transaction(() => {
    const districts = withPopulation(seedRegions(db));
    seedSettings(db);
    const agencies = insertAgencies(db);
    insertCoordinators(db, passwordHash, programmeStart);
    const mentors = insertMentors(db, rng, districts, agencies, scale.secondAgencyMentors, passwordHash, programmeStart);
    const partners = insertPartners(db, districts, passwordHash, now);
    const cohorts = insertCohorts(db, rng, districts, agencies, mentors, scale.cohorts, participantCount, now);
    return { districts, agencies, mentors, partners, cohorts };
  });
  log(
    `Reference data: ${districts.length} districts, ${mentors.count} mentors, ${cohorts.length} cohorts, ` +
      `${partners.organisations} partner organisations.`,
  );

  const inForce = currentRules(db);
  const steps = new RememberedSteps(inForce);
  const writer = new PeopleWriter(db, passwordHash);
  const people = new People(rng);
  const planner = new JourneyPlanner(rng, partners, inForce.rules, now);

  // Cohorts are taken in intake order, so ids follow time as they would in a live database.
  const BATCH = 2_000;
  const progressEvery = Math.max(BATCH, Math.ceil(participantCount / 10 / BATCH) * BATCH);
  let done = 0;
  let batch: (() => void)[] = [];
  const flush = () => {
    db.$client.transaction(() => batch.forEach((write) => write()))();
    batch = [];
  };
  for (const cohort of cohorts) {
    for (let k = 0; k < cohort.size; k++) {
      const registeredAt = cohort.intake - rng.int(0, 14) * DAY + rng.int(1 * HOUR, 9 * HOUR);
      const draft = people.draft(cohort, agencies, registeredAt);
      const ids = writer.ids(draft);
      const moves = walkJourney(steps, draft, planner.plan(draft), now, ids.userId);
      batch.push(() => writer.write(draft, ids, moves));
      done++;
      if (batch.length === BATCH) flush();
      if (done % progressEvery === 0) {
        flush();
        log(
          `  ${done.toLocaleString("en")} / ${participantCount.toLocaleString("en")} participants, ` +
            `${writer.journeys.logEntries.toLocaleString("en")} log entries (${seconds(started)} s)`,
        );
      }
    }
  }
  flush();
  db.$client.transaction(() => writer.journeys.finish())();
  log(`Journeys written: ${steps.size} distinct journey states, ${seconds(started)} s.`);
  // Naik kelas from the reports and licences just written (the service records them move by move).
  const climbed = Date.now();
  const climbs = recordAllClimbs(db, now);
  log(`Climbs recorded: ${climbs.toLocaleString("en")} (${seconds(climbed)} s).`);
  const lent = Date.now();
  const after = writeLoansAndFollowUpAnswers(db, now);
  log(
    `Loans: ${after.loans.toLocaleString("en")} with ${after.repayments.toLocaleString("en")} monthly repayment statuses; ` +
      `follow-up answers: ${after.answers.toLocaleString("en")} (${seconds(lent)} s).`,
  );
  return { cohorts: cohorts.length, mentors: mentors.count, logEntries: writer.journeys.logEntries, evidenceRows: writer.journeys.evidenceRows };
}

// ─── Summary ─────────────────────────────────────────────────────────────────

/** The funnel, the statuses and the stalled count, read back from the written database. */
function readFigures(db: Db, now: number): Pick<GenerateSummary, "funnel" | "statuses" | "stalled" | "dormant" | "activeNotDormant"> {
  const sqlite = db.$client;
  const reached = STAGES.map((_, i) =>
    i === 0 ? "sum(p1_state = 'verified')" : `sum(p${i + 1}_state IN ('done', 'waived'))`,
  );
  const row = sqlite.prepare(`SELECT ${reached.map((expr, i) => `${expr} AS p${i + 1}`).join(", ")} FROM participants`).get() as Record<string, number>;
  const funnel = STAGES.map((_, i) => row[`p${i + 1}`] ?? 0);
  const statuses = { active: 0, on_hold: 0, withdrawn: 0, graduated: 0 } as Record<ParticipantStatus, number>;
  for (const r of sqlite.prepare("SELECT status, count(*) AS n FROM participants GROUP BY status").all() as { status: ParticipantStatus; n: number }[]) {
    statuses[r.status] = r.n;
  }
  const counted = (condition: ReturnType<typeof stalledCondition>) => db.select({ n: count() }).from(t.participants).where(condition).get()!.n;
  return {
    funnel,
    statuses,
    stalled: counted(stalledCondition(now)),
    dormant: counted(dormantCondition(now)),
    activeNotDormant: counted(activeCondition(now)),
  };
}

export function formatSummary(s: GenerateSummary, out: string): string {
  const n = (x: number) => x.toLocaleString("en");
  const share = (x: number) => `${((100 * x) / s.participants).toFixed(1)}%`;
  const lines = [
    `Generated ${out} in ${s.seconds.toFixed(1)} s (${(s.fileBytes / 1024 / 1024).toFixed(0)} MiB):`,
    `  participants   ${n(s.participants)}`,
    `  cohorts        ${n(s.cohorts)}`,
    `  mentors        ${n(s.mentors)}`,
    `  log entries    ${n(s.logEntries)} (${(s.logEntries / s.participants).toFixed(1)} per participant)`,
    `  evidence rows  ${n(s.evidenceRows)}`,
    `  funnel (done or waived; P1 verified), stored vs the October 2021 report scaled:`,
    ...s.funnel.map(
      (count, i) => `    P${i + 1}  ${n(count).padStart(9)}  ${share(count).padStart(6)}   report ${(100 * REPORTED_FUNNEL[i]!).toFixed(1)}%`,
    ),
    `  statuses       ${Object.entries(s.statuses).map(([k, v]) => `${k} ${n(v)} (${share(v)})`).join(", ")}`,
    `  dormant        ${n(s.dormant)} (${((100 * s.dormant) / Math.max(1, s.statuses.active)).toFixed(1)}% of status active)`,
    `  stalled        ${n(s.stalled)} (${((100 * s.stalled) / Math.max(1, s.activeNotDormant)).toFixed(1)}% of the ${n(s.activeNotDormant)} active, not dormant)`,
  ];
  return lines.join("\n");
}

// ─── Command line ────────────────────────────────────────────────────────────

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      participants: { type: "string", default: "300000" },
      out: { type: "string", default: DEFAULT_OUT },
      seed: { type: "string" },
      now: { type: "string" },
      force: { type: "boolean", default: false },
      survey: { type: "boolean", default: false },
    },
  });
  const now = values.now ? Date.parse(`${values.now}T00:00:00Z`) : undefined;
  if (values.now && Number.isNaN(now)) {
    console.error(`--now must be a date like 2026-03-31 (got ${values.now})`);
    process.exit(1);
  }
  const options: GenerateOptions = {
    participants: Number(values.participants),
    out: values.out!,
    seed: values.seed === undefined ? undefined : Number(values.seed),
    now,
    force: values.force,
    survey: values.survey,
    log: (line) => console.log(line),
  };
  try {
    const summary = await generateDatabase(options);
    console.log(formatSummary(summary, options.out));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
