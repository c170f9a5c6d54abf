CREATE INDEX `participants_p1_open` ON `participants` (`p1_entered_at`) WHERE status = 'active' AND p1_state = 'submitted';--> statement-breakpoint
CREATE INDEX `participants_p2_open` ON `participants` (`p2_entered_at`) WHERE status = 'active' AND p2_state = 'in_progress';--> statement-breakpoint
CREATE INDEX `participants_p3_open` ON `participants` (`p3_entered_at`) WHERE status = 'active' AND p3_state = 'in_progress';--> statement-breakpoint
CREATE INDEX `participants_p4_open` ON `participants` (`p4_entered_at`) WHERE status = 'active' AND p4_state = 'in_progress';--> statement-breakpoint
CREATE INDEX `participants_p5_open` ON `participants` (`p5_entered_at`) WHERE status = 'active' AND p5_state = 'in_progress';--> statement-breakpoint
CREATE INDEX `participants_p6_open` ON `participants` (`p6_entered_at`) WHERE status = 'active' AND p6_state = 'in_progress';--> statement-breakpoint
CREATE INDEX `participants_p7_open` ON `participants` (`p7_entered_at`) WHERE status = 'active' AND p7_state = 'in_progress';