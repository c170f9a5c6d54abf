CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`subject` text NOT NULL,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `cohort_mentors` (
	`cohort_id` integer NOT NULL,
	`mentor_id` integer NOT NULL,
	PRIMARY KEY(`cohort_id`, `mentor_id`),
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cohort_mentors_mentor` ON `cohort_mentors` (`mentor_id`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` integer PRIMARY KEY NOT NULL,
	`participant_id` integer NOT NULL,
	`from_mentor_id` integer,
	`to_mentor_id` integer,
	`from_district_id` integer NOT NULL,
	`to_district_id` integer NOT NULL,
	`reason` text NOT NULL,
	`by` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`from_mentor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`to_mentor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`from_district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`to_district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `handoffs_participant` ON `handoffs` (`participant_id`,`at`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_user` ON `invitations` (`user_id`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` integer PRIMARY KEY NOT NULL,
	`participant_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`stage_partner_id` integer,
	`stage` text NOT NULL,
	`referred_by` integer,
	`referred_at` integer NOT NULL,
	`outcome_evidence_id` integer,
	`outcome_at` integer,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`stage_partner_id`) REFERENCES `stage_partners`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`referred_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`outcome_evidence_id`) REFERENCES `stage_evidence`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referrals_participant_org_stage` ON `referrals` (`participant_id`,`organisation_id`,`stage`);--> statement-breakpoint
CREATE INDEX `referrals_organisation` ON `referrals` (`organisation_id`,`stage`);--> statement-breakpoint
CREATE TABLE `settings_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`old_value` text,
	`new_value` text NOT NULL,
	`changed_by` integer,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `settings_changes_at` ON `settings_changes` (`changed_at`);--> statement-breakpoint
CREATE TABLE `stall_notes` (
	`id` integer PRIMARY KEY NOT NULL,
	`participant_id` integer NOT NULL,
	`waits_on` text NOT NULL,
	`follow_up_on` text NOT NULL,
	`note` text,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	`cleared_by` integer,
	`cleared_at` integer,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`cleared_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `stall_notes_participant` ON `stall_notes` (`participant_id`,`recorded_at`);--> statement-breakpoint
ALTER TABLE `agreements` ADD `districts` text;--> statement-breakpoint
ALTER TABLE `stage_evidence` ADD `status` text DEFAULT 'recorded' NOT NULL;--> statement-breakpoint
ALTER TABLE `stage_evidence` ADD `reviewed_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `stage_evidence` ADD `reviewed_at` integer;--> statement-breakpoint
ALTER TABLE `stage_evidence` ADD `review_note` text;--> statement-breakpoint
CREATE INDEX `stage_evidence_pending` ON `stage_evidence` (`participant_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `stage_evidence_recorded_by_at` ON `stage_evidence` (`recorded_by`,`recorded_at`);--> statement-breakpoint
CREATE INDEX `transition_log_actor_at` ON `transition_log` (`actor_user_id`,`at`);--> statement-breakpoint
-- Who changed a rule, and sensitive actions, are kept like the transition log: never rewritten.
CREATE TRIGGER `settings_changes_no_update` BEFORE UPDATE ON `settings_changes`
BEGIN
  SELECT RAISE(ABORT, 'settings_changes is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `settings_changes_no_delete` BEFORE DELETE ON `settings_changes`
BEGIN
  SELECT RAISE(ABORT, 'settings_changes is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
