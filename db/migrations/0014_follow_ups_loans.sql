CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY NOT NULL,
	`participant_id` integer NOT NULL,
	`months_after` integer NOT NULL,
	`exit` text NOT NULL,
	`exited_on` text NOT NULL,
	`due_on` text NOT NULL,
	`answered_at` integer,
	`answered_by` integer,
	`turnover` integer,
	`workers` integer,
	`operating` integer,
	`note` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "follow_ups_months" CHECK(months_after IN (3, 6, 12)),
	CONSTRAINT "follow_ups_answer" CHECK(answered_at IS NULL OR operating IS NOT NULL),
	CONSTRAINT "follow_ups_figures" CHECK((turnover IS NULL OR turnover >= 0) AND (workers IS NULL OR workers >= 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_participant_months` ON `follow_ups` (`participant_id`,`months_after`);--> statement-breakpoint
CREATE INDEX `follow_ups_due` ON `follow_ups` (`due_on`,`answered_at`);--> statement-breakpoint
CREATE TABLE `loan_repayments` (
	`id` integer PRIMARY KEY NOT NULL,
	`loan_id` integer NOT NULL,
	`month` text NOT NULL,
	`collectability` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loan_repayments_loan_month` ON `loan_repayments` (`loan_id`,`month`);--> statement-breakpoint
CREATE TABLE `loans` (
	`id` integer PRIMARY KEY NOT NULL,
	`referral_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`product` text NOT NULL,
	`amount` integer NOT NULL,
	`tenor_months` integer NOT NULL,
	`status` text NOT NULL,
	`applied_on` text,
	`approved_on` text,
	`disbursed_on` text,
	`rejected_on` text,
	`rejection_reason` text,
	`recorded_by` integer,
	`updated_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "loans_amount_positive" CHECK(amount > 0),
	CONSTRAINT "loans_tenor_positive" CHECK(tenor_months > 0),
	CONSTRAINT "loans_rejection_reason" CHECK(status <> 'rejected' OR (rejected_on IS NOT NULL AND rejection_reason IS NOT NULL)),
	CONSTRAINT "loans_disbursed_on" CHECK(status <> 'disbursed' OR disbursed_on IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loans_referral` ON `loans` (`referral_id`);--> statement-breakpoint
CREATE INDEX `loans_organisation_status` ON `loans` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `loans_participant` ON `loans` (`participant_id`);--> statement-breakpoint
-- Follow-ups are scheduled by the participant row itself, so that no writer (the journey service, the
-- import, the seed, the generator) can forget them: when the status becomes graduated or withdrawn,
-- three rows 3, 6 and 12 months after the exit's Jakarta day (last_activity_at is the exiting move's
-- moment), the day clamped to the month's end (follow-ups/due.ts, checked against these rows by
-- tests). A second exit moves the unanswered ones; answered ones stay as they were.
CREATE TRIGGER IF NOT EXISTS `follow_ups_on_exit` AFTER UPDATE OF `status` ON `participants`
WHEN NEW.`status` IN ('graduated', 'withdrawn') AND OLD.`status` NOT IN ('graduated', 'withdrawn')
BEGIN
  INSERT INTO `follow_ups` (`participant_id`, `months_after`, `exit`, `exited_on`, `due_on`)
  SELECT NEW.`id`, m.months, NEW.`status`, x.day,
    CASE WHEN strftime('%d', date(x.day, '+' || m.months || ' months')) = strftime('%d', x.day)
      THEN date(x.day, '+' || m.months || ' months')
      ELSE date(x.day, 'start of month', '+' || (m.months + 1) || ' months', '-1 day') END
  FROM (SELECT 3 AS months UNION ALL SELECT 6 UNION ALL SELECT 12) AS m,
    (SELECT date((NEW.`last_activity_at` + 25200000) / 1000, 'unixepoch') AS day) AS x
  WHERE true
  ON CONFLICT (`participant_id`, `months_after`) DO UPDATE SET `exit` = excluded.`exit`,
    `exited_on` = excluded.`exited_on`, `due_on` = excluded.`due_on`
  WHERE `follow_ups`.`answered_at` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `follow_ups_on_insert` AFTER INSERT ON `participants`
WHEN NEW.`status` IN ('graduated', 'withdrawn')
BEGIN
  INSERT INTO `follow_ups` (`participant_id`, `months_after`, `exit`, `exited_on`, `due_on`)
  SELECT NEW.`id`, m.months, NEW.`status`, x.day,
    CASE WHEN strftime('%d', date(x.day, '+' || m.months || ' months')) = strftime('%d', x.day)
      THEN date(x.day, '+' || m.months || ' months')
      ELSE date(x.day, 'start of month', '+' || (m.months + 1) || ' months', '-1 day') END
  FROM (SELECT 3 AS months UNION ALL SELECT 6 UNION ALL SELECT 12) AS m,
    (SELECT date((NEW.`last_activity_at` + 25200000) / 1000, 'unixepoch') AS day) AS x
  WHERE true
  ON CONFLICT (`participant_id`, `months_after`) DO NOTHING;
END;
--> statement-breakpoint
-- A reinstated person is back in the programme: nothing is due until they leave again.
CREATE TRIGGER IF NOT EXISTS `follow_ups_on_return` AFTER UPDATE OF `status` ON `participants`
WHEN OLD.`status` IN ('graduated', 'withdrawn') AND NEW.`status` NOT IN ('graduated', 'withdrawn')
BEGIN
  DELETE FROM `follow_ups` WHERE `participant_id` = NEW.`id` AND `answered_at` IS NULL;
END;
