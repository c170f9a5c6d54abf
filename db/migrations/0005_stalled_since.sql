DROP INDEX `participants_district_status_activity`;--> statement-breakpoint
DROP INDEX `participants_status_activity`;--> statement-breakpoint
DROP INDEX `participants_p1_open`;--> statement-breakpoint
DROP INDEX `participants_p2_open`;--> statement-breakpoint
DROP INDEX `participants_p3_open`;--> statement-breakpoint
DROP INDEX `participants_p4_open`;--> statement-breakpoint
DROP INDEX `participants_p5_open`;--> statement-breakpoint
DROP INDEX `participants_p6_open`;--> statement-breakpoint
DROP INDEX `participants_p7_open`;--> statement-breakpoint
DROP INDEX `participants_dashboard`;--> statement-breakpoint
ALTER TABLE `participants` ADD `stalled_since` integer;--> statement-breakpoint
CREATE INDEX `participants_district_list` ON `participants` (`district_id`,`status`,`stalled_since`,`last_activity_at`,`agency_id`);--> statement-breakpoint
CREATE INDEX `participants_status_list` ON `participants` (`status`,`stalled_since`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `participants_dashboard` ON `participants` (`district_id`,`cohort_id`,`mentor_id`,`agency_id`,`status`,`furthest_stage`,`stalled_since`,`p1_state`,`p2_state`,`p3_state`,`p4_state`,`p5_state`,`p6_state`,`p7_state`);--> statement-breakpoint
-- stalled_since: the stall rule of app/modules/journey/stalled.ts, kept in the row by the database
-- itself, so every writer (moves, registration, import, generator) keeps it right. The rule is written
-- once, in participants_stalled_since_update; the other triggers make it run. The fallbacks 45 and 60
-- days are those of loadStallSettings (journey/stalled.server.ts); tests hold the two equal.
CREATE TRIGGER `participants_stalled_since_update` AFTER UPDATE OF status, last_activity_at, p1_state, p2_state, p3_state, p4_state, p5_state, p6_state, p7_state, p1_entered_at, p2_entered_at, p3_entered_at, p4_entered_at, p5_entered_at, p6_entered_at, p7_entered_at ON `participants`
BEGIN
  UPDATE participants SET stalled_since = CASE WHEN status = 'active' THEN min(
    last_activity_at + coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'stall_inactivity_days'), 45) * 86400000,
    CASE WHEN p1_state = 'submitted' AND p1_entered_at IS NOT NULL
      THEN p1_entered_at + coalesce((SELECT time_limit_days FROM stage_settings WHERE stage = 'registration'), 60) * 86400000 ELSE 9007199254740991 END,
    CASE WHEN p2_state = 'in_progress' AND p2_entered_at IS NOT NULL
      THEN p2_entered_at + coalesce((SELECT time_limit_days FROM stage_settings WHERE stage = 'training'), 60) * 86400000 ELSE 9007199254740991 END,
    CASE WHEN p3_state = 'in_progress' AND p3_entered_at IS NOT NULL
      THEN p3_entered_at + coalesce((SELECT time_limit_days FROM stage_settings WHERE stage = 'mentoring'), 60) * 86400000 ELSE 9007199254740991 END,
    CASE WHEN p4_state = 'in_progress' AND p4_entered_at IS NOT NULL
      THEN p4_entered_at + coalesce((SELECT time_limit_days FROM stage_settings WHERE stage = 'licensing'), 60) * 86400000 ELSE 9007199254740991 END,
    CASE WHEN p5_state = 'in_progress' AND p5_entered_at IS NOT NULL
      THEN p5_entered_at + coalesce((SELECT time_limit_days FROM stage_settings WHERE stage = 'marketing'), 60) * 86400000 ELSE 9007199254740991 END,
    CASE WHEN p6_state = 'in_progress' AND p6_entered_at IS NOT NULL
      THEN p6_entered_at + coalesce((SELECT time_limit_days FROM stage_settings WHERE stage = 'financial_reporting'), 60) * 86400000 ELSE 9007199254740991 END,
    CASE WHEN p7_state = 'in_progress' AND p7_entered_at IS NOT NULL
      THEN p7_entered_at + coalesce((SELECT time_limit_days FROM stage_settings WHERE stage = 'capital'), 60) * 86400000 ELSE 9007199254740991 END) END
  WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `participants_stalled_since_insert` AFTER INSERT ON `participants`
BEGIN
  -- Writing last_activity_at onto itself fires participants_stalled_since_update, which holds the rule.
  UPDATE participants SET last_activity_at = last_activity_at WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `stage_settings_stalled_since_insert` AFTER INSERT ON `stage_settings`
BEGIN
  UPDATE participants SET last_activity_at = last_activity_at WHERE status = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER `stage_settings_stalled_since_update` AFTER UPDATE ON `stage_settings`
BEGIN
  UPDATE participants SET last_activity_at = last_activity_at WHERE status = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER `stage_settings_stalled_since_delete` AFTER DELETE ON `stage_settings`
BEGIN
  UPDATE participants SET last_activity_at = last_activity_at WHERE status = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER `settings_stalled_since_insert` AFTER INSERT ON `settings` WHEN NEW.key = 'stall_inactivity_days'
BEGIN
  UPDATE participants SET last_activity_at = last_activity_at WHERE status = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER `settings_stalled_since_update` AFTER UPDATE ON `settings` WHEN NEW.key = 'stall_inactivity_days' OR OLD.key = 'stall_inactivity_days'
BEGIN
  UPDATE participants SET last_activity_at = last_activity_at WHERE status = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER `settings_stalled_since_delete` AFTER DELETE ON `settings` WHEN OLD.key = 'stall_inactivity_days'
BEGIN
  UPDATE participants SET last_activity_at = last_activity_at WHERE status = 'active';
END;
--> statement-breakpoint
UPDATE participants SET last_activity_at = last_activity_at;
