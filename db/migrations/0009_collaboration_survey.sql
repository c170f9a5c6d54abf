CREATE TABLE `survey_answers` (
	`response_id` integer NOT NULL,
	`statement_id` integer NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`response_id`, `statement_id`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`statement_id`) REFERENCES `survey_statements`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_answers_value_range" CHECK("survey_answers"."value" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE INDEX `survey_answers_statement` ON `survey_answers` (`statement_id`);--> statement-breakpoint
CREATE TABLE `survey_bands` (
	`id` integer PRIMARY KEY NOT NULL,
	`instrument_id` integer NOT NULL,
	`lower_bound` real NOT NULL,
	`code` text NOT NULL,
	`label_id` text NOT NULL,
	`label_en` text NOT NULL,
	FOREIGN KEY (`instrument_id`) REFERENCES `survey_instruments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_bands_instrument_code` ON `survey_bands` (`instrument_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `survey_bands_instrument_lower` ON `survey_bands` (`instrument_id`,`lower_bound`);--> statement-breakpoint
CREATE TABLE `survey_indicators` (
	`id` integer PRIMARY KEY NOT NULL,
	`instrument_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label_id` text NOT NULL,
	`label_en` text NOT NULL,
	FOREIGN KEY (`instrument_id`) REFERENCES `survey_instruments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_indicators_instrument_position` ON `survey_indicators` (`instrument_id`,`position`);--> statement-breakpoint
CREATE TABLE `survey_instruments` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`version` integer NOT NULL,
	`name_id` text NOT NULL,
	`name_en` text NOT NULL,
	`copied_from_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`copied_from_id`) REFERENCES `survey_instruments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_instruments_version_positive" CHECK("survey_instruments"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_instruments_code_version` ON `survey_instruments` (`code`,`version`);--> statement-breakpoint
CREATE TABLE `survey_response_districts` (
	`response_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	PRIMARY KEY(`response_id`, `district_id`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `survey_response_districts_district` ON `survey_response_districts` (`district_id`,`response_id`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`respondent_group` text NOT NULL,
	`status` text NOT NULL,
	`agency_id` integer,
	`organisation_id` integer,
	`participant_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `survey_rounds`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_round_user` ON `survey_responses` (`round_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `survey_responses_round_group` ON `survey_responses` (`round_id`,`respondent_group`,`status`);--> statement-breakpoint
CREATE INDEX `survey_responses_organisation` ON `survey_responses` (`organisation_id`,`round_id`);--> statement-breakpoint
CREATE TABLE `survey_round_districts` (
	`round_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	PRIMARY KEY(`round_id`, `district_id`),
	FOREIGN KEY (`round_id`) REFERENCES `survey_rounds`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `survey_round_groups` (
	`round_id` integer NOT NULL,
	`respondent_group` text NOT NULL,
	PRIMARY KEY(`round_id`, `respondent_group`),
	FOREIGN KEY (`round_id`) REFERENCES `survey_rounds`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `survey_rounds` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`instrument_id` integer NOT NULL,
	`scope` text NOT NULL,
	`opened_by` integer,
	`opened_at` integer NOT NULL,
	`closed_by` integer,
	`closed_at` integer,
	FOREIGN KEY (`instrument_id`) REFERENCES `survey_instruments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "survey_rounds_period" CHECK("survey_rounds"."period_start" <= "survey_rounds"."period_end")
);
--> statement-breakpoint
CREATE INDEX `survey_rounds_instrument` ON `survey_rounds` (`instrument_id`);--> statement-breakpoint
CREATE INDEX `survey_rounds_open` ON `survey_rounds` (`closed_at`);--> statement-breakpoint
CREATE TABLE `survey_statements` (
	`id` integer PRIMARY KEY NOT NULL,
	`sub_indicator_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text_id` text NOT NULL,
	`text_en` text NOT NULL,
	`reverse` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`sub_indicator_id`) REFERENCES `survey_sub_indicators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_statements_sub_indicator_position` ON `survey_statements` (`sub_indicator_id`,`position`);--> statement-breakpoint
CREATE TABLE `survey_sub_indicators` (
	`id` integer PRIMARY KEY NOT NULL,
	`indicator_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label_id` text NOT NULL,
	`label_en` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `survey_indicators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_sub_indicators_indicator_position` ON `survey_sub_indicators` (`indicator_id`,`position`);