-- 0005 (issue 9; to be renumbered 0009 at merge): what the scheduler did
-- to each case, so that every reminder and escalation happens once, even
-- after a long outage; the first answer, for the response rate; and the
-- lease that lets one scheduler act at a time.
ALTER TABLE cases ADD COLUMN due_remind_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN due_escalated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN whistle_reminded_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN whistle_escalated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN topic_escalated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN extensions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN first_response_at INTEGER NOT NULL DEFAULT 0;

-- The first step an officer or owner took on each existing case.
UPDATE cases SET first_response_at = COALESCE((SELECT MIN(created_at) FROM events
	WHERE events.case_id = cases.id AND events.actor_id IS NOT NULL
	AND events.kind IN ('confirm', 'dismiss', 'merge', 'accept', 'assign', 'whistle', 'progress', 'resolve')), 0);

-- Statistics select cases by the time they were reported.
CREATE INDEX cases_created_at ON cases (created_at);
-- Timers: open whistles and projects by deadline.
CREATE INDEX cases_whistle_due ON cases (whistle_due_at) WHERE whistle_due_at > 0;
CREATE INDEX cases_due ON cases (due_at) WHERE stage = 'project';

CREATE TABLE leases (
	name       TEXT    PRIMARY KEY,
	holder     TEXT    NOT NULL,
	expires_at INTEGER NOT NULL
);
