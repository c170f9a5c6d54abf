CREATE TABLE `cohort_tallies` (
	`cohort_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`people` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT 0 NOT NULL,
	`reached_p1` integer DEFAULT 0 NOT NULL,
	`reached_p2` integer DEFAULT 0 NOT NULL,
	`reached_p3` integer DEFAULT 0 NOT NULL,
	`reached_p4` integer DEFAULT 0 NOT NULL,
	`reached_p5` integer DEFAULT 0 NOT NULL,
	`reached_p6` integer DEFAULT 0 NOT NULL,
	`reached_p7` integer DEFAULT 0 NOT NULL,
	`stalled` integer DEFAULT 0 NOT NULL,
	`earliest_onset` integer,
	PRIMARY KEY(`cohort_id`, `district_id`, `agency_id`)
);
--> statement-breakpoint
CREATE TABLE `district_tallies` (
	`district_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`status` text NOT NULL,
	`people` integer DEFAULT 0 NOT NULL,
	`reached_p1` integer DEFAULT 0 NOT NULL,
	`reached_p2` integer DEFAULT 0 NOT NULL,
	`reached_p3` integer DEFAULT 0 NOT NULL,
	`reached_p4` integer DEFAULT 0 NOT NULL,
	`reached_p5` integer DEFAULT 0 NOT NULL,
	`reached_p6` integer DEFAULT 0 NOT NULL,
	`reached_p7` integer DEFAULT 0 NOT NULL,
	`stalled` integer DEFAULT 0 NOT NULL,
	`stalled_p1` integer DEFAULT 0 NOT NULL,
	`stalled_p2` integer DEFAULT 0 NOT NULL,
	`stalled_p3` integer DEFAULT 0 NOT NULL,
	`stalled_p4` integer DEFAULT 0 NOT NULL,
	`stalled_p5` integer DEFAULT 0 NOT NULL,
	`stalled_p6` integer DEFAULT 0 NOT NULL,
	`stalled_p7` integer DEFAULT 0 NOT NULL,
	`earliest_onset` integer,
	PRIMARY KEY(`district_id`, `agency_id`, `status`)
);
--> statement-breakpoint
CREATE TABLE `mentor_tallies` (
	`mentor_id` integer NOT NULL,
	`district_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`people` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT 0 NOT NULL,
	`reached_p1` integer DEFAULT 0 NOT NULL,
	`reached_p2` integer DEFAULT 0 NOT NULL,
	`reached_p3` integer DEFAULT 0 NOT NULL,
	`reached_p4` integer DEFAULT 0 NOT NULL,
	`reached_p5` integer DEFAULT 0 NOT NULL,
	`reached_p6` integer DEFAULT 0 NOT NULL,
	`reached_p7` integer DEFAULT 0 NOT NULL,
	`stalled` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`mentor_id`, `district_id`, `agency_id`)
);
--> statement-breakpoint
CREATE TABLE `stall_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `participants_dashboard`;--> statement-breakpoint
DROP INDEX `participants_cohort_status`;--> statement-breakpoint
CREATE INDEX `participants_cohort_status` ON `participants` (`cohort_id`,`status`,`stalled_since`);--> statement-breakpoint
-- The people tallies (db/schema.ts, dashboard/tallies.server.ts), kept by the database like
-- stalled_since (0005), so no writer can forget them. Every change of what a participant counts as
-- takes them out of their old rows and adds them to their new ones. Counts are added with upserts,
-- so the order in which SQLite fires these and the stalled_since triggers does not matter. The
-- earliest onset is not a count: it is read from the participant's current row when they join a
-- row, and read again from the index (participants_district_list, participants_cohort_status)
-- when the one holding it leaves or moves later. Open stages are those of openStates
-- (journey/stalled.ts): P1 submitted, P2–P7 in progress.
INSERT INTO stall_clock (id, at) VALUES (1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
--> statement-breakpoint
CREATE TRIGGER `participants_tallies_insert` AFTER INSERT ON `participants`
BEGIN
  INSERT INTO district_tallies (district_id, agency_id, status, people, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled, stalled_p1, stalled_p2, stalled_p3, stalled_p4, stalled_p5, stalled_p6, stalled_p7, earliest_onset)
  VALUES (NEW.district_id, NEW.agency_id, NEW.status, 1, (NEW.furthest_stage >= 1), (NEW.furthest_stage >= 2), (NEW.furthest_stage >= 3), (NEW.furthest_stage >= 4), (NEW.furthest_stage >= 5), (NEW.furthest_stage >= 6), (NEW.furthest_stage >= 7), coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0),
    (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p1_state = 'submitted'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p2_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p3_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p4_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p5_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p6_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p7_state = 'in_progress'),
    (SELECT stalled_since FROM participants WHERE id = NEW.id AND status = 'active'))
  ON CONFLICT (district_id, agency_id, status) DO UPDATE SET people = people + excluded.people,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7,
    stalled = stalled + excluded.stalled, stalled_p1 = stalled_p1 + excluded.stalled_p1, stalled_p2 = stalled_p2 + excluded.stalled_p2, stalled_p3 = stalled_p3 + excluded.stalled_p3, stalled_p4 = stalled_p4 + excluded.stalled_p4, stalled_p5 = stalled_p5 + excluded.stalled_p5, stalled_p6 = stalled_p6 + excluded.stalled_p6, stalled_p7 = stalled_p7 + excluded.stalled_p7,
    earliest_onset = CASE WHEN excluded.earliest_onset < coalesce(earliest_onset, excluded.earliest_onset + 1) THEN excluded.earliest_onset ELSE earliest_onset END;
  INSERT INTO cohort_tallies (cohort_id, district_id, agency_id, people, active, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled, earliest_onset)
  SELECT NEW.cohort_id, NEW.district_id, NEW.agency_id, 1, (NEW.status = 'active'), (NEW.furthest_stage >= 1), (NEW.furthest_stage >= 2), (NEW.furthest_stage >= 3), (NEW.furthest_stage >= 4), (NEW.furthest_stage >= 5), (NEW.furthest_stage >= 6), (NEW.furthest_stage >= 7), coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0), (SELECT stalled_since FROM participants WHERE id = NEW.id AND status = 'active')
  WHERE NEW.cohort_id IS NOT NULL
  ON CONFLICT (cohort_id, district_id, agency_id) DO UPDATE SET people = people + excluded.people, active = active + excluded.active,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7, stalled = stalled + excluded.stalled, earliest_onset = CASE WHEN excluded.earliest_onset < coalesce(earliest_onset, excluded.earliest_onset + 1) THEN excluded.earliest_onset ELSE earliest_onset END;
  INSERT INTO mentor_tallies (mentor_id, district_id, agency_id, people, active, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled)
  SELECT NEW.mentor_id, NEW.district_id, NEW.agency_id, 1, (NEW.status = 'active'), (NEW.furthest_stage >= 1), (NEW.furthest_stage >= 2), (NEW.furthest_stage >= 3), (NEW.furthest_stage >= 4), (NEW.furthest_stage >= 5), (NEW.furthest_stage >= 6), (NEW.furthest_stage >= 7), coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0)
  WHERE NEW.mentor_id IS NOT NULL
  ON CONFLICT (mentor_id, district_id, agency_id) DO UPDATE SET people = people + excluded.people, active = active + excluded.active,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7, stalled = stalled + excluded.stalled;
END;
--> statement-breakpoint
-- A change of where the participant is counted: their status, furthest stage or placement, or an
-- open stage while they count as stalled. Out of the old rows, into the new ones.
CREATE TRIGGER `participants_tallies_update` AFTER UPDATE OF status, furthest_stage, district_id, agency_id, cohort_id, mentor_id, p1_state, p2_state, p3_state, p4_state, p5_state, p6_state, p7_state, stalled_since ON `participants`
WHEN OLD.status IS NOT NEW.status OR OLD.furthest_stage IS NOT NEW.furthest_stage
  OR OLD.district_id IS NOT NEW.district_id OR OLD.agency_id IS NOT NEW.agency_id OR OLD.cohort_id IS NOT NEW.cohort_id OR OLD.mentor_id IS NOT NEW.mentor_id
  OR (((OLD.p1_state = 'submitted') IS NOT (NEW.p1_state = 'submitted') OR (OLD.p2_state = 'in_progress') IS NOT (NEW.p2_state = 'in_progress') OR (OLD.p3_state = 'in_progress') IS NOT (NEW.p3_state = 'in_progress') OR (OLD.p4_state = 'in_progress') IS NOT (NEW.p4_state = 'in_progress') OR (OLD.p5_state = 'in_progress') IS NOT (NEW.p5_state = 'in_progress') OR (OLD.p6_state = 'in_progress') IS NOT (NEW.p6_state = 'in_progress') OR (OLD.p7_state = 'in_progress') IS NOT (NEW.p7_state = 'in_progress'))
    AND (coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) OR coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0)))
BEGIN
  INSERT INTO district_tallies (district_id, agency_id, status, people, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled, stalled_p1, stalled_p2, stalled_p3, stalled_p4, stalled_p5, stalled_p6, stalled_p7, earliest_onset)
  VALUES (OLD.district_id, OLD.agency_id, OLD.status, -1, -(OLD.furthest_stage >= 1), -(OLD.furthest_stage >= 2), -(OLD.furthest_stage >= 3), -(OLD.furthest_stage >= 4), -(OLD.furthest_stage >= 5), -(OLD.furthest_stage >= 6), -(OLD.furthest_stage >= 7), -coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0),
    -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p1_state = 'submitted'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p2_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p3_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p4_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p5_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p6_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p7_state = 'in_progress'),
    NULL)
  ON CONFLICT (district_id, agency_id, status) DO UPDATE SET people = people + excluded.people,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7,
    stalled = stalled + excluded.stalled, stalled_p1 = stalled_p1 + excluded.stalled_p1, stalled_p2 = stalled_p2 + excluded.stalled_p2, stalled_p3 = stalled_p3 + excluded.stalled_p3, stalled_p4 = stalled_p4 + excluded.stalled_p4, stalled_p5 = stalled_p5 + excluded.stalled_p5, stalled_p6 = stalled_p6 + excluded.stalled_p6, stalled_p7 = stalled_p7 + excluded.stalled_p7,
    earliest_onset = CASE WHEN excluded.earliest_onset < coalesce(earliest_onset, excluded.earliest_onset + 1) THEN excluded.earliest_onset ELSE earliest_onset END;
  INSERT INTO cohort_tallies (cohort_id, district_id, agency_id, people, active, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled, earliest_onset)
  SELECT OLD.cohort_id, OLD.district_id, OLD.agency_id, -1, -(OLD.status = 'active'), -(OLD.furthest_stage >= 1), -(OLD.furthest_stage >= 2), -(OLD.furthest_stage >= 3), -(OLD.furthest_stage >= 4), -(OLD.furthest_stage >= 5), -(OLD.furthest_stage >= 6), -(OLD.furthest_stage >= 7), -coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0), NULL
  WHERE OLD.cohort_id IS NOT NULL
  ON CONFLICT (cohort_id, district_id, agency_id) DO UPDATE SET people = people + excluded.people, active = active + excluded.active,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7, stalled = stalled + excluded.stalled, earliest_onset = CASE WHEN excluded.earliest_onset < coalesce(earliest_onset, excluded.earliest_onset + 1) THEN excluded.earliest_onset ELSE earliest_onset END;
  INSERT INTO mentor_tallies (mentor_id, district_id, agency_id, people, active, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled)
  SELECT OLD.mentor_id, OLD.district_id, OLD.agency_id, -1, -(OLD.status = 'active'), -(OLD.furthest_stage >= 1), -(OLD.furthest_stage >= 2), -(OLD.furthest_stage >= 3), -(OLD.furthest_stage >= 4), -(OLD.furthest_stage >= 5), -(OLD.furthest_stage >= 6), -(OLD.furthest_stage >= 7), -coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0)
  WHERE OLD.mentor_id IS NOT NULL
  ON CONFLICT (mentor_id, district_id, agency_id) DO UPDATE SET people = people + excluded.people, active = active + excluded.active,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7, stalled = stalled + excluded.stalled;
  UPDATE district_tallies SET earliest_onset = (SELECT min(stalled_since) FROM participants
      WHERE district_id = OLD.district_id AND status = 'active' AND agency_id = OLD.agency_id)
    WHERE district_id = OLD.district_id AND agency_id = OLD.agency_id AND status = 'active' AND OLD.status = 'active' AND OLD.stalled_since <= earliest_onset;
  UPDATE cohort_tallies SET earliest_onset = (SELECT min(stalled_since) FROM participants
      WHERE cohort_id = OLD.cohort_id AND status = 'active' AND district_id = OLD.district_id AND agency_id = OLD.agency_id)
    WHERE cohort_id = OLD.cohort_id AND district_id = OLD.district_id AND agency_id = OLD.agency_id AND OLD.status = 'active' AND OLD.stalled_since <= earliest_onset;
  INSERT INTO district_tallies (district_id, agency_id, status, people, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled, stalled_p1, stalled_p2, stalled_p3, stalled_p4, stalled_p5, stalled_p6, stalled_p7, earliest_onset)
  VALUES (NEW.district_id, NEW.agency_id, NEW.status, 1, (NEW.furthest_stage >= 1), (NEW.furthest_stage >= 2), (NEW.furthest_stage >= 3), (NEW.furthest_stage >= 4), (NEW.furthest_stage >= 5), (NEW.furthest_stage >= 6), (NEW.furthest_stage >= 7), coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0),
    (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p1_state = 'submitted'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p2_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p3_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p4_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p5_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p6_state = 'in_progress'), (coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND NEW.p7_state = 'in_progress'),
    (SELECT stalled_since FROM participants WHERE id = NEW.id AND status = 'active'))
  ON CONFLICT (district_id, agency_id, status) DO UPDATE SET people = people + excluded.people,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7,
    stalled = stalled + excluded.stalled, stalled_p1 = stalled_p1 + excluded.stalled_p1, stalled_p2 = stalled_p2 + excluded.stalled_p2, stalled_p3 = stalled_p3 + excluded.stalled_p3, stalled_p4 = stalled_p4 + excluded.stalled_p4, stalled_p5 = stalled_p5 + excluded.stalled_p5, stalled_p6 = stalled_p6 + excluded.stalled_p6, stalled_p7 = stalled_p7 + excluded.stalled_p7,
    earliest_onset = CASE WHEN excluded.earliest_onset < coalesce(earliest_onset, excluded.earliest_onset + 1) THEN excluded.earliest_onset ELSE earliest_onset END;
  INSERT INTO cohort_tallies (cohort_id, district_id, agency_id, people, active, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled, earliest_onset)
  SELECT NEW.cohort_id, NEW.district_id, NEW.agency_id, 1, (NEW.status = 'active'), (NEW.furthest_stage >= 1), (NEW.furthest_stage >= 2), (NEW.furthest_stage >= 3), (NEW.furthest_stage >= 4), (NEW.furthest_stage >= 5), (NEW.furthest_stage >= 6), (NEW.furthest_stage >= 7), coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0), (SELECT stalled_since FROM participants WHERE id = NEW.id AND status = 'active')
  WHERE NEW.cohort_id IS NOT NULL
  ON CONFLICT (cohort_id, district_id, agency_id) DO UPDATE SET people = people + excluded.people, active = active + excluded.active,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7, stalled = stalled + excluded.stalled, earliest_onset = CASE WHEN excluded.earliest_onset < coalesce(earliest_onset, excluded.earliest_onset + 1) THEN excluded.earliest_onset ELSE earliest_onset END;
  INSERT INTO mentor_tallies (mentor_id, district_id, agency_id, people, active, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled)
  SELECT NEW.mentor_id, NEW.district_id, NEW.agency_id, 1, (NEW.status = 'active'), (NEW.furthest_stage >= 1), (NEW.furthest_stage >= 2), (NEW.furthest_stage >= 3), (NEW.furthest_stage >= 4), (NEW.furthest_stage >= 5), (NEW.furthest_stage >= 6), (NEW.furthest_stage >= 7), coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0)
  WHERE NEW.mentor_id IS NOT NULL
  ON CONFLICT (mentor_id, district_id, agency_id) DO UPDATE SET people = people + excluded.people, active = active + excluded.active,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7, stalled = stalled + excluded.stalled;
END;
--> statement-breakpoint
-- Only whether they count as stalled changed (their onset crossed the clock: new activity, or a
-- changed limit, which rewrites every active participant's onset): the same rows, one count each.
CREATE TRIGGER `participants_tallies_stall` AFTER UPDATE OF status, furthest_stage, district_id, agency_id, cohort_id, mentor_id, p1_state, p2_state, p3_state, p4_state, p5_state, p6_state, p7_state, stalled_since ON `participants`
WHEN NOT (OLD.status IS NOT NEW.status OR OLD.furthest_stage IS NOT NEW.furthest_stage OR OLD.district_id IS NOT NEW.district_id OR OLD.agency_id IS NOT NEW.agency_id OR OLD.cohort_id IS NOT NEW.cohort_id OR OLD.mentor_id IS NOT NEW.mentor_id)
  AND NOT ((OLD.p1_state = 'submitted') IS NOT (NEW.p1_state = 'submitted') OR (OLD.p2_state = 'in_progress') IS NOT (NEW.p2_state = 'in_progress') OR (OLD.p3_state = 'in_progress') IS NOT (NEW.p3_state = 'in_progress') OR (OLD.p4_state = 'in_progress') IS NOT (NEW.p4_state = 'in_progress') OR (OLD.p5_state = 'in_progress') IS NOT (NEW.p5_state = 'in_progress') OR (OLD.p6_state = 'in_progress') IS NOT (NEW.p6_state = 'in_progress') OR (OLD.p7_state = 'in_progress') IS NOT (NEW.p7_state = 'in_progress'))
  AND coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) IS NOT coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0)
BEGIN
  UPDATE district_tallies SET stalled = stalled + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1),
    stalled_p1 = stalled_p1 + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1) * (NEW.p1_state = 'submitted'), stalled_p2 = stalled_p2 + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1) * (NEW.p2_state = 'in_progress'), stalled_p3 = stalled_p3 + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1) * (NEW.p3_state = 'in_progress'), stalled_p4 = stalled_p4 + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1) * (NEW.p4_state = 'in_progress'), stalled_p5 = stalled_p5 + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1) * (NEW.p5_state = 'in_progress'), stalled_p6 = stalled_p6 + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1) * (NEW.p6_state = 'in_progress'), stalled_p7 = stalled_p7 + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1) * (NEW.p7_state = 'in_progress')
    WHERE district_id = NEW.district_id AND agency_id = NEW.agency_id AND status = NEW.status;
  UPDATE cohort_tallies SET stalled = stalled + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1)
    WHERE cohort_id = NEW.cohort_id AND district_id = NEW.district_id AND agency_id = NEW.agency_id;
  UPDATE mentor_tallies SET stalled = stalled + (2 * coalesce(NEW.status = 'active' AND NEW.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) - 1)
    WHERE mentor_id = NEW.mentor_id AND district_id = NEW.district_id AND agency_id = NEW.agency_id;
END;
--> statement-breakpoint
-- A new onset within the same rows (every move of an active participant, every change of the limits):
-- only the earliest onset can change, and only when it is this participant's.
CREATE TRIGGER `participants_tallies_onset` AFTER UPDATE OF stalled_since ON `participants`
WHEN NEW.status = 'active' AND OLD.stalled_since IS NOT NEW.stalled_since
BEGIN
  UPDATE district_tallies SET earliest_onset = (SELECT min(stalled_since) FROM participants
      WHERE district_id = NEW.district_id AND status = 'active' AND agency_id = NEW.agency_id)
    WHERE district_id = NEW.district_id AND agency_id = NEW.agency_id AND status = 'active' AND (earliest_onset IS NULL OR OLD.stalled_since <= earliest_onset OR NEW.stalled_since < earliest_onset);
  UPDATE cohort_tallies SET earliest_onset = (SELECT min(stalled_since) FROM participants
      WHERE cohort_id = NEW.cohort_id AND status = 'active' AND district_id = NEW.district_id AND agency_id = NEW.agency_id)
    WHERE cohort_id = NEW.cohort_id AND district_id = NEW.district_id AND agency_id = NEW.agency_id AND (earliest_onset IS NULL OR OLD.stalled_since <= earliest_onset OR NEW.stalled_since < earliest_onset);
END;
--> statement-breakpoint
CREATE TRIGGER `participants_tallies_delete` AFTER DELETE ON `participants`
BEGIN
  INSERT INTO district_tallies (district_id, agency_id, status, people, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled, stalled_p1, stalled_p2, stalled_p3, stalled_p4, stalled_p5, stalled_p6, stalled_p7, earliest_onset)
  VALUES (OLD.district_id, OLD.agency_id, OLD.status, -1, -(OLD.furthest_stage >= 1), -(OLD.furthest_stage >= 2), -(OLD.furthest_stage >= 3), -(OLD.furthest_stage >= 4), -(OLD.furthest_stage >= 5), -(OLD.furthest_stage >= 6), -(OLD.furthest_stage >= 7), -coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0),
    -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p1_state = 'submitted'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p2_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p3_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p4_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p5_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p6_state = 'in_progress'), -(coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND OLD.p7_state = 'in_progress'),
    NULL)
  ON CONFLICT (district_id, agency_id, status) DO UPDATE SET people = people + excluded.people,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7,
    stalled = stalled + excluded.stalled, stalled_p1 = stalled_p1 + excluded.stalled_p1, stalled_p2 = stalled_p2 + excluded.stalled_p2, stalled_p3 = stalled_p3 + excluded.stalled_p3, stalled_p4 = stalled_p4 + excluded.stalled_p4, stalled_p5 = stalled_p5 + excluded.stalled_p5, stalled_p6 = stalled_p6 + excluded.stalled_p6, stalled_p7 = stalled_p7 + excluded.stalled_p7,
    earliest_onset = CASE WHEN excluded.earliest_onset < coalesce(earliest_onset, excluded.earliest_onset + 1) THEN excluded.earliest_onset ELSE earliest_onset END;
  INSERT INTO cohort_tallies (cohort_id, district_id, agency_id, people, active, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled, earliest_onset)
  SELECT OLD.cohort_id, OLD.district_id, OLD.agency_id, -1, -(OLD.status = 'active'), -(OLD.furthest_stage >= 1), -(OLD.furthest_stage >= 2), -(OLD.furthest_stage >= 3), -(OLD.furthest_stage >= 4), -(OLD.furthest_stage >= 5), -(OLD.furthest_stage >= 6), -(OLD.furthest_stage >= 7), -coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0), NULL
  WHERE OLD.cohort_id IS NOT NULL
  ON CONFLICT (cohort_id, district_id, agency_id) DO UPDATE SET people = people + excluded.people, active = active + excluded.active,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7, stalled = stalled + excluded.stalled, earliest_onset = CASE WHEN excluded.earliest_onset < coalesce(earliest_onset, excluded.earliest_onset + 1) THEN excluded.earliest_onset ELSE earliest_onset END;
  INSERT INTO mentor_tallies (mentor_id, district_id, agency_id, people, active, reached_p1, reached_p2, reached_p3, reached_p4, reached_p5, reached_p6, reached_p7, stalled)
  SELECT OLD.mentor_id, OLD.district_id, OLD.agency_id, -1, -(OLD.status = 'active'), -(OLD.furthest_stage >= 1), -(OLD.furthest_stage >= 2), -(OLD.furthest_stage >= 3), -(OLD.furthest_stage >= 4), -(OLD.furthest_stage >= 5), -(OLD.furthest_stage >= 6), -(OLD.furthest_stage >= 7), -coalesce(OLD.status = 'active' AND OLD.stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0)
  WHERE OLD.mentor_id IS NOT NULL
  ON CONFLICT (mentor_id, district_id, agency_id) DO UPDATE SET people = people + excluded.people, active = active + excluded.active,
    reached_p1 = reached_p1 + excluded.reached_p1, reached_p2 = reached_p2 + excluded.reached_p2, reached_p3 = reached_p3 + excluded.reached_p3, reached_p4 = reached_p4 + excluded.reached_p4, reached_p5 = reached_p5 + excluded.reached_p5, reached_p6 = reached_p6 + excluded.reached_p6, reached_p7 = reached_p7 + excluded.reached_p7, stalled = stalled + excluded.stalled;
  UPDATE district_tallies SET earliest_onset = (SELECT min(stalled_since) FROM participants
      WHERE district_id = OLD.district_id AND status = 'active' AND agency_id = OLD.agency_id)
    WHERE district_id = OLD.district_id AND agency_id = OLD.agency_id AND status = 'active' AND OLD.status = 'active' AND OLD.stalled_since <= earliest_onset;
  UPDATE cohort_tallies SET earliest_onset = (SELECT min(stalled_since) FROM participants
      WHERE cohort_id = OLD.cohort_id AND status = 'active' AND district_id = OLD.district_id AND agency_id = OLD.agency_id)
    WHERE cohort_id = OLD.cohort_id AND district_id = OLD.district_id AND agency_id = OLD.agency_id AND OLD.status = 'active' AND OLD.stalled_since <= earliest_onset;
END;
--> statement-breakpoint
-- Moving the clock: those whose onset lies between the old and the new moment change whether the
-- tallies count them as stalled (added when the clock goes forward, taken out when it goes back).
CREATE TRIGGER `stall_clock_move` AFTER UPDATE OF at ON `stall_clock`
BEGIN
  INSERT INTO district_tallies (district_id, agency_id, status, stalled, stalled_p1, stalled_p2, stalled_p3, stalled_p4, stalled_p5, stalled_p6, stalled_p7)
  SELECT district_id, agency_id, 'active', (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * count(*), (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * sum(participants.p1_state = 'submitted'), (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * sum(participants.p2_state = 'in_progress'), (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * sum(participants.p3_state = 'in_progress'), (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * sum(participants.p4_state = 'in_progress'), (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * sum(participants.p5_state = 'in_progress'), (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * sum(participants.p6_state = 'in_progress'), (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * sum(participants.p7_state = 'in_progress')
  FROM participants WHERE status = 'active' AND stalled_since >= min(OLD.at, NEW.at) AND stalled_since < max(OLD.at, NEW.at) GROUP BY district_id, agency_id
  ON CONFLICT (district_id, agency_id, status) DO UPDATE SET stalled = stalled + excluded.stalled,
    stalled_p1 = stalled_p1 + excluded.stalled_p1, stalled_p2 = stalled_p2 + excluded.stalled_p2, stalled_p3 = stalled_p3 + excluded.stalled_p3, stalled_p4 = stalled_p4 + excluded.stalled_p4, stalled_p5 = stalled_p5 + excluded.stalled_p5, stalled_p6 = stalled_p6 + excluded.stalled_p6, stalled_p7 = stalled_p7 + excluded.stalled_p7;
  INSERT INTO cohort_tallies (cohort_id, district_id, agency_id, stalled)
  SELECT cohort_id, district_id, agency_id, (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * count(*)
  FROM participants WHERE cohort_id IS NOT NULL AND status = 'active' AND stalled_since >= min(OLD.at, NEW.at) AND stalled_since < max(OLD.at, NEW.at) GROUP BY cohort_id, district_id, agency_id
  ON CONFLICT (cohort_id, district_id, agency_id) DO UPDATE SET stalled = stalled + excluded.stalled;
  INSERT INTO mentor_tallies (mentor_id, district_id, agency_id, stalled)
  SELECT mentor_id, district_id, agency_id, (CASE WHEN NEW.at > OLD.at THEN 1 ELSE -1 END) * count(*)
  FROM participants WHERE mentor_id IS NOT NULL AND status = 'active' AND stalled_since >= min(OLD.at, NEW.at) AND stalled_since < max(OLD.at, NEW.at) GROUP BY mentor_id, district_id, agency_id
  ON CONFLICT (mentor_id, district_id, agency_id) DO UPDATE SET stalled = stalled + excluded.stalled;
END;
--> statement-breakpoint
-- The tallies of the participants already there.
INSERT INTO district_tallies
SELECT district_id, agency_id, status, count(*), sum(furthest_stage >= 1), sum(furthest_stage >= 2), sum(furthest_stage >= 3), sum(furthest_stage >= 4), sum(furthest_stage >= 5), sum(furthest_stage >= 6), sum(furthest_stage >= 7), sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0)),
  sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND p1_state = 'submitted'), sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND p2_state = 'in_progress'), sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND p3_state = 'in_progress'), sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND p4_state = 'in_progress'), sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND p5_state = 'in_progress'), sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND p6_state = 'in_progress'), sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0) AND p7_state = 'in_progress'),
  min(CASE WHEN status = 'active' THEN stalled_since END)
FROM participants GROUP BY district_id, agency_id, status;
--> statement-breakpoint
INSERT INTO cohort_tallies
SELECT cohort_id, district_id, agency_id, count(*), sum(status = 'active'), sum(furthest_stage >= 1), sum(furthest_stage >= 2), sum(furthest_stage >= 3), sum(furthest_stage >= 4), sum(furthest_stage >= 5), sum(furthest_stage >= 6), sum(furthest_stage >= 7), sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0)),
  min(CASE WHEN status = 'active' THEN stalled_since END)
FROM participants WHERE cohort_id IS NOT NULL GROUP BY cohort_id, district_id, agency_id;
--> statement-breakpoint
INSERT INTO mentor_tallies
SELECT mentor_id, district_id, agency_id, count(*), sum(status = 'active'), sum(furthest_stage >= 1), sum(furthest_stage >= 2), sum(furthest_stage >= 3), sum(furthest_stage >= 4), sum(furthest_stage >= 5), sum(furthest_stage >= 6), sum(furthest_stage >= 7), sum(coalesce(status = 'active' AND stalled_since < (SELECT at FROM stall_clock WHERE id = 1), 0))
FROM participants WHERE mentor_id IS NOT NULL GROUP BY mentor_id, district_id, agency_id;
