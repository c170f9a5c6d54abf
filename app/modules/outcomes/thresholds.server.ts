// The business class thresholds in force (settings "business_class_thresholds"), and their change by a
// province coordinator on /aturan: written with its settings_changes entry (who, from what, to what).
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { settings, settingsChanges } from "../../../db/schema";
import { readThresholds, THRESHOLDS_SETTING_KEY, type ClassThresholds } from "./business-class";

export function thresholdsInForce(db: Db): ClassThresholds {
  return readThresholds(db.select({ value: settings.value }).from(settings).where(eq(settings.key, THRESHOLDS_SETTING_KEY)).get()?.value);
}

/** Stores new thresholds; returns false (and writes nothing) when they equal the ones in force. */
export function changeThresholds(db: Db, actorUserId: number, value: ClassThresholds, at = Date.now()): boolean {
  return db.transaction(
    (t) => {
      const before = JSON.stringify(thresholdsInForce(t as unknown as Db));
      const after = JSON.stringify(value);
      if (before === after) return false;
      t.insert(settings).values({ key: THRESHOLDS_SETTING_KEY, value: after }).onConflictDoUpdate({ target: settings.key, set: { value: after } }).run();
      t.insert(settingsChanges).values({ key: THRESHOLDS_SETTING_KEY, oldValue: before, newValue: after, changedBy: actorUserId, changedAt: at }).run();
      return true;
    },
    { behavior: "immediate" },
  );
}
