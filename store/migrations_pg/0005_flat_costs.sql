-- Twin of migrations/0005: costs that stay flat as history grows (partial
-- indexes of open cases, pending outbox rows, handled inbox rows).
CREATE INDEX cases_open_unit_candidates ON cases (unit_id, category, created_at)
	WHERE stage IN ('topic', 'issue', 'project');
CREATE INDEX cases_open_chat_candidates ON cases (chat_id, category, created_at)
	WHERE stage IN ('topic', 'issue', 'project');

DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox (platform, id) WHERE status = 'pending';
CREATE INDEX outbox_pending_chat ON outbox (platform, chat_external_id, id) WHERE status = 'pending';
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE status <> 'pending';

ALTER TABLE outbox ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';

CREATE INDEX inbox_done_at ON inbox (done_at) WHERE done_at > 0;

CREATE INDEX sandbox_messages_at ON sandbox_messages (at);
CREATE INDEX sandbox_messages_reply_to ON sandbox_messages (reply_to) WHERE reply_to IS NOT NULL;
