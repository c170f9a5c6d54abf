DROP INDEX `participants_district_list`;--> statement-breakpoint
DROP INDEX `participants_status_list`;--> statement-breakpoint
CREATE INDEX `participants_district_list` ON `participants` (`district_id`,`status`,`stalled_since`,`last_activity_at`,`agency_id`,`dormant_since`);--> statement-breakpoint
CREATE INDEX `participants_status_list` ON `participants` (`status`,`stalled_since`,`last_activity_at`,`dormant_since`);