-- The stall rule's and the tallies' triggers are no longer written by hand in migrations: they are
-- generated from app/modules/journey/stall-rule.ts and installed by db/migrate.ts (derived-sql), which
-- also recounts what they keep. The hand-written ones of 0005 and 0006 go first.
DROP TRIGGER IF EXISTS `participants_stalled_since_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `participants_stalled_since_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `stage_settings_stalled_since_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `stage_settings_stalled_since_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `stage_settings_stalled_since_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `settings_stalled_since_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `settings_stalled_since_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `settings_stalled_since_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `participants_tallies_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `participants_tallies_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `participants_tallies_stall`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `participants_tallies_onset`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `participants_tallies_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `stall_clock_move`;--> statement-breakpoint
CREATE TABLE `stall_weeks` (
	`district_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`cohort_id` integer NOT NULL,
	`week` integer NOT NULL,
	`opened` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`district_id`, `agency_id`, `cohort_id`, `week`)
);
--> statement-breakpoint
CREATE INDEX `stall_weeks_week` ON `stall_weeks` (`week`);--> statement-breakpoint
ALTER TABLE `cohort_tallies` ADD `stalled_new` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cohort_tallies` ADD `dormant` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cohort_tallies` DROP COLUMN `earliest_onset`;--> statement-breakpoint
-- SQLite cannot add a NOT NULL column without a default; every row gets its end right away (intake + 12 months,
-- the default cohort length) and the application always writes it.
ALTER TABLE `cohorts` ADD `planned_end_on` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `cohorts` SET `planned_end_on` = date(`intake_date`, '+12 months');--> statement-breakpoint
-- Names repeated within a district get their intake date, then their id, so the unique index can be made.
UPDATE `cohorts` SET `name` = `name` || ' (' || `intake_date` || ')' WHERE `id` NOT IN (SELECT min(`id`) FROM `cohorts` GROUP BY `district_id`, `name`);--> statement-breakpoint
UPDATE `cohorts` SET `name` = `name` || ' #' || `id` WHERE `id` NOT IN (SELECT min(`id`) FROM `cohorts` GROUP BY `district_id`, `name`);--> statement-breakpoint
CREATE UNIQUE INDEX `cohorts_district_name` ON `cohorts` (`district_id`,`name`);--> statement-breakpoint
ALTER TABLE `district_tallies` ADD `stalled_new` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `district_tallies` ADD `stalled_new_p1` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `district_tallies` ADD `stalled_new_p2` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `district_tallies` ADD `stalled_new_p3` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `district_tallies` ADD `stalled_new_p4` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `district_tallies` ADD `stalled_new_p5` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `district_tallies` ADD `stalled_new_p6` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `district_tallies` ADD `stalled_new_p7` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `district_tallies` DROP COLUMN `earliest_onset`;--> statement-breakpoint
ALTER TABLE `mentor_tallies` ADD `stalled_new` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `mentor_tallies` ADD `dormant` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `dormant_since` integer;--> statement-breakpoint
CREATE INDEX `participants_status_dormant` ON `participants` (`status`,`dormant_since`);
