-- Twin of migrations/0006: what the scheduler did to each case, the first
-- answer, and the lease that lets one scheduler act at a time.
ALTER TABLE cases
	ADD COLUMN due_remind_at BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN due_escalated_at BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN whistle_reminded_at BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN whistle_escalated_at BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN topic_escalated_at BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN extensions INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN first_response_at BIGINT NOT NULL DEFAULT 0;

UPDATE cases SET first_response_at = COALESCE((SELECT MIN(created_at) FROM events
	WHERE events.case_id = cases.id AND events.actor_id IS NOT NULL
	AND events.kind IN ('confirm', 'dismiss', 'merge', 'accept', 'assign', 'whistle', 'progress', 'resolve')), 0);

CREATE INDEX cases_created_at ON cases (created_at);
CREATE INDEX cases_whistle_due ON cases (whistle_due_at) WHERE whistle_due_at > 0;
CREATE INDEX cases_due ON cases (due_at) WHERE stage = 'project';

CREATE TABLE leases (
	name       TEXT   PRIMARY KEY,
	holder     TEXT   NOT NULL,
	expires_at BIGINT NOT NULL
);
