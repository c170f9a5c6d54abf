// Changing the stage rules. Stall limits live in stage_settings and settings, read afresh by
// loadStallSettings on every request (no cache), so lists and dashboards use a change at once. The
// mentoring sessions P3 needs are a journey rule: a change writes a new journey_rules version, and
// the journey service re-resolves stored snapshots under the rules in force on their next move. The
// dormancy days (settings `dormant_days`) move every active participant's dormancy onset, kept by the
// database's triggers on settings; the cohort length applies to cohorts created afterwards.
// Every changed value is appended to settings_changes (append-only: triggers refuse UPDATE/DELETE).
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { settings, settingsChanges, stageSettings, users } from "../../../db/schema";
import { STAGES } from "../../../machines/stages";
import { currentRules, saveRules } from "../journey/rules.server";
import { loadStallSettings } from "../journey/stalled.server";
import { loadCohortLengthMonths } from "../cohorts/lifecycle.server";
import { CHANGE_KEYS, limitField, type StageRulesValue } from "./stage-rules";

/** The rules in force, in the form's terms. */
export function stageRulesInForce(db: Db): StageRulesValue {
  const stall = loadStallSettings(db);
  return {
    ...(Object.fromEntries(STAGES.map((stage) => [limitField(stage), stall.stageLimitDays[stage]])) as Record<`limit_${(typeof STAGES)[number]}`, number>),
    inactivityDays: stall.inactivityDays,
    cohortThresholdPercent: Math.round(stall.cohortThreshold * 100),
    mentoringSessions: currentRules(db).rules.mentoringSessionsRequired,
    dormantDays: stall.dormantDays,
    cohortLengthMonths: loadCohortLengthMonths(db),
  };
}

/** Writes what differs from the rules in force, in one transaction; returns how many values changed. */
export function changeStageRules(db: Db, actorUserId: number, value: StageRulesValue, at = Date.now()): number {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = stageRulesInForce(t);
    let changed = 0;
    const log = (key: string, oldValue: string, newValue: string) => {
      t.insert(settingsChanges).values({ key, oldValue, newValue, changedBy: actorUserId, changedAt: at }).run();
      changed++;
    };
    for (const stage of STAGES) {
      const field = limitField(stage);
      if (value[field] === before[field]) continue;
      t.insert(stageSettings)
        .values({ stage, timeLimitDays: value[field] })
        .onConflictDoUpdate({ target: stageSettings.stage, set: { timeLimitDays: value[field] } })
        .run();
      log(CHANGE_KEYS.stageLimit(stage), String(before[field]), String(value[field]));
    }
    const setSetting = (key: string, oldValue: string, newValue: string) => {
      t.insert(settings).values({ key, value: newValue }).onConflictDoUpdate({ target: settings.key, set: { value: newValue } }).run();
      log(key, oldValue, newValue);
    };
    if (value.inactivityDays !== before.inactivityDays) {
      setSetting(CHANGE_KEYS.inactivityDays, String(before.inactivityDays), String(value.inactivityDays));
    }
    if (value.cohortThresholdPercent !== before.cohortThresholdPercent) {
      setSetting(CHANGE_KEYS.cohortThreshold, String(before.cohortThresholdPercent / 100), String(value.cohortThresholdPercent / 100));
    }
    if (value.dormantDays !== before.dormantDays) {
      setSetting(CHANGE_KEYS.dormantDays, String(before.dormantDays), String(value.dormantDays));
    }
    if (value.cohortLengthMonths !== before.cohortLengthMonths) {
      setSetting(CHANGE_KEYS.cohortLengthMonths, String(before.cohortLengthMonths), String(value.cohortLengthMonths));
    }
    if (value.mentoringSessions !== before.mentoringSessions) {
      const { rules } = currentRules(t);
      saveRules(t, { ...rules, mentoringSessionsRequired: value.mentoringSessions }, actorUserId, at);
      log(CHANGE_KEYS.mentoringSessions, String(before.mentoringSessions), String(value.mentoringSessions));
    }
    return changed;
  });
}

export type SettingsChange = { id: number; key: string; oldValue: string | null; newValue: string; by: string | null; at: number };

export function recentSettingsChanges(db: Db, limit = 20): SettingsChange[] {
  return db
    .select({
      id: settingsChanges.id,
      key: settingsChanges.key,
      oldValue: settingsChanges.oldValue,
      newValue: settingsChanges.newValue,
      by: users.name,
      at: settingsChanges.changedAt,
    })
    .from(settingsChanges)
    .leftJoin(users, eq(users.id, settingsChanges.changedBy))
    .orderBy(desc(settingsChanges.id))
    .limit(limit)
    .all();
}
