-- The transition log is append-only: history is never rewritten or removed.
CREATE TRIGGER `transition_log_no_update` BEFORE UPDATE ON `transition_log`
BEGIN
  SELECT RAISE(ABORT, 'transition_log is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `transition_log_no_delete` BEFORE DELETE ON `transition_log`
BEGIN
  SELECT RAISE(ABORT, 'transition_log is append-only: DELETE refused');
END;
