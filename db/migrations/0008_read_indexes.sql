DROP INDEX `participants_district_list`;--> statement-breakpoint
DROP INDEX `participants_status_list`;--> statement-breakpoint
CREATE INDEX `participants_district_list` ON `participants` (`district_id`,`status`,`stalled_since`,`last_activity_at`,`agency_id`,`dormant_since`);--> statement-breakpoint
CREATE INDEX `participants_status_list` ON `participants` (`status`,`stalled_since`,`last_activity_at`,`dormant_since`);--> statement-breakpoint
CREATE INDEX `stage_durations_stage_week` ON `stage_durations` (`stage`,`week`,`district_id`,`completions`);--> statement-breakpoint
CREATE INDEX `stage_month_counts_month` ON `stage_month_counts` (`month`,`stage`,`district_id`,`entered`,`completed`);