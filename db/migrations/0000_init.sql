CREATE TABLE `agencies` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_code_unique` ON `agencies` (`code`);--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` integer PRIMARY KEY NOT NULL,
	`organisation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`signed_on` text NOT NULL,
	`valid_until` text NOT NULL,
	`stages` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `agreements_organisation` ON `agreements` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `cities` (
	`id` integer PRIMARY KEY NOT NULL,
	`region_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cities_region_name` ON `cities` (`region_id`,`name`);--> statement-breakpoint
CREATE TABLE `cohorts` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`district_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`intake_date` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `cohorts_district` ON `cohorts` (`district_id`);--> statement-breakpoint
CREATE TABLE `districts` (
	`id` integer PRIMARY KEY NOT NULL,
	`city_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `districts_city_name` ON `districts` (`city_id`,`name`);--> statement-breakpoint
CREATE TABLE `journey_rules` (
	`version` integer PRIMARY KEY NOT NULL,
	`rules` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `login_failures` (
	`email` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mentor_districts` (
	`mentor_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	PRIMARY KEY(`mentor_id`, `district_id`),
	FOREIGN KEY (`mentor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `mentor_districts_district` ON `mentor_districts` (`district_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`contact_name` text,
	`contact_email` text,
	`contact_phone` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_unique` ON `organisations` (`name`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer,
	`full_name` text NOT NULL,
	`nik_hmac` text NOT NULL,
	`nik_cipher` text NOT NULL,
	`nik_last4` text NOT NULL,
	`nik_masked` text NOT NULL,
	`phone` text,
	`track` text NOT NULL,
	`domicile_basis` text NOT NULL,
	`channel` text NOT NULL,
	`business_name` text NOT NULL,
	`sector` text NOT NULL,
	`documents_statement` text NOT NULL,
	`district_id` integer NOT NULL,
	`cohort_id` integer,
	`agency_id` integer NOT NULL,
	`mentor_id` integer,
	`entry_turnover` integer,
	`entry_assets` integer,
	`entry_workers` integer,
	`status` text NOT NULL,
	`status_reason` text,
	`p1_state` text NOT NULL,
	`p2_state` text NOT NULL,
	`p3_state` text NOT NULL,
	`p4_state` text NOT NULL,
	`p5_state` text NOT NULL,
	`p6_state` text NOT NULL,
	`p7_state` text NOT NULL,
	`p1_entered_at` integer NOT NULL,
	`p2_entered_at` integer,
	`p3_entered_at` integer,
	`p4_entered_at` integer,
	`p5_entered_at` integer,
	`p6_entered_at` integer,
	`p7_entered_at` integer,
	`furthest_stage` integer NOT NULL,
	`last_activity_at` integer NOT NULL,
	`version` integer NOT NULL,
	`machine_version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`mentor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "participants_version_positive" CHECK("participants"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_agency_nik` ON `participants` (`agency_id`,`nik_hmac`);--> statement-breakpoint
CREATE INDEX `participants_nik` ON `participants` (`nik_hmac`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_user` ON `participants` (`user_id`);--> statement-breakpoint
CREATE INDEX `participants_district_status_activity` ON `participants` (`district_id`,`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `participants_cohort_status` ON `participants` (`cohort_id`,`status`);--> statement-breakpoint
CREATE INDEX `participants_mentor_status` ON `participants` (`mentor_id`,`status`);--> statement-breakpoint
CREATE INDEX `participants_status_activity` ON `participants` (`status`,`last_activity_at`);--> statement-breakpoint
CREATE INDEX `participants_furthest` ON `participants` (`furthest_stage`,`status`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`province_code` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_name_unique` ON `regions` (`name`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stage_evidence` (
	`id` integer PRIMARY KEY NOT NULL,
	`participant_id` integer NOT NULL,
	`stage` text NOT NULL,
	`kind` text NOT NULL,
	`details` text NOT NULL,
	`occurred_on` text NOT NULL,
	`organisation_id` integer,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `stage_evidence_participant` ON `stage_evidence` (`participant_id`,`stage`);--> statement-breakpoint
CREATE TABLE `stage_partners` (
	`id` integer PRIMARY KEY NOT NULL,
	`organisation_id` integer NOT NULL,
	`agreement_id` integer,
	`stage` text NOT NULL,
	`district_id` integer,
	`offer` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `stage_partners_stage` ON `stage_partners` (`stage`,`district_id`);--> statement-breakpoint
CREATE TABLE `stage_settings` (
	`stage` text PRIMARY KEY NOT NULL,
	`time_limit_days` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `transition_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`participant_id` integer NOT NULL,
	`version` integer NOT NULL,
	`event_type` text NOT NULL,
	`stage` text,
	`event` text NOT NULL,
	`reason` text,
	`evidence_id` integer,
	`actor_user_id` integer,
	`at` integer NOT NULL,
	`machine_version` integer NOT NULL,
	`rules_version` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`evidence_id`) REFERENCES `stage_evidence`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transition_log_participant_version` ON `transition_log` (`participant_id`,`version`);--> statement-breakpoint
CREATE INDEX `transition_log_at` ON `transition_log` (`at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`phone` text,
	`agency_id` integer,
	`organisation_id` integer,
	`city_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`city_id`) REFERENCES `cities`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_role` ON `users` (`role`);