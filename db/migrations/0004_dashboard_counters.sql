CREATE TABLE `stage_durations` (
	`district_id` integer NOT NULL,
	`stage` text NOT NULL,
	`week` integer NOT NULL,
	`completions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`district_id`, `stage`, `week`),
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `stage_month_counts` (
	`district_id` integer NOT NULL,
	`stage` text NOT NULL,
	`month` text NOT NULL,
	`entered` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`waived` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`district_id`, `stage`, `month`),
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `participants_dashboard` ON `participants` (`district_id`,`cohort_id`,`mentor_id`,`agency_id`,`status`,`furthest_stage`,`last_activity_at`,`p1_state`,`p2_state`,`p3_state`,`p4_state`,`p5_state`,`p6_state`,`p7_state`,`p1_entered_at`,`p2_entered_at`,`p3_entered_at`,`p4_entered_at`,`p5_entered_at`,`p6_entered_at`,`p7_entered_at`);