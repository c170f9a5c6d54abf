CREATE TABLE `data_requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`participant_id` integer NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` integer,
	`requested_at` integer NOT NULL,
	`handled_by` integer,
	`handled_at` integer,
	`response` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `data_requests_participant` ON `data_requests` (`participant_id`,`id`);--> statement-breakpoint
CREATE INDEX `data_requests_open` ON `data_requests` (`status`,`kind`,`id`);--> statement-breakpoint
CREATE TABLE `import_jobs` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_path` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`dry_run` integer NOT NULL,
	`status` text NOT NULL,
	`bytes_read` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`heartbeat_at` integer,
	`report` text,
	`problems` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `import_jobs_status` ON `import_jobs` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `import_jobs_user` ON `import_jobs` (`user_id`,`id`);
--> statement-breakpoint
-- The transition log is append-only for INSERT OR REPLACE, REPLACE and INSERT OR IGNORE too: REPLACE
-- deletes the old row without firing the DELETE trigger (recursive_triggers is off, and is a setting
-- of each connection, not of the file), so an insert that meets an existing id or (participant,
-- version) is refused before its conflict handling runs. Upserts become an UPDATE, which the UPDATE
-- trigger refuses; both lookups are on unique indexes that bulk loads keep.
CREATE TRIGGER IF NOT EXISTS `transition_log_no_replace` BEFORE INSERT ON `transition_log`
WHEN EXISTS (SELECT 1 FROM `transition_log` WHERE `id` = NEW.`id`)
  OR EXISTS (SELECT 1 FROM `transition_log` WHERE `participant_id` = NEW.`participant_id` AND `version` = NEW.`version`)
BEGIN
  SELECT RAISE(ABORT, 'transition_log is append-only: an entry with this id or version exists');
END;
