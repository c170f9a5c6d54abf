CREATE TABLE `business_climbs` (
	`id` integer PRIMARY KEY NOT NULL,
	`participant_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_class` text,
	`to_class` text,
	`occurred_on` text NOT NULL,
	`evidence_id` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`evidence_id`) REFERENCES `stage_evidence`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "business_climbs_shape" CHECK((kind = 'class' AND to_class IS NOT NULL) OR (kind = 'nib' AND to_class IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `business_climbs_class` ON `business_climbs` (`participant_id`,`to_class`) WHERE kind = 'class';--> statement-breakpoint
CREATE UNIQUE INDEX `business_climbs_nib` ON `business_climbs` (`participant_id`) WHERE kind = 'nib';--> statement-breakpoint
CREATE INDEX `business_climbs_occurred` ON `business_climbs` (`occurred_on`);--> statement-breakpoint
ALTER TABLE `participants` ADD `entry_has_nib` integer;