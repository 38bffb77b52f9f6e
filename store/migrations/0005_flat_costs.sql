-- 0005: costs that stay flat as history grows.
--
-- Duplicate candidates: the open cases of one unit (or, for an unbound chat,
-- one chat) and category, newest first. Only open cases are indexed, so the
-- closed history never has to be stepped over; the query names the same
-- stage list literally to use them.
CREATE INDEX cases_open_unit_candidates ON cases (unit_id, category, created_at)
	WHERE stage IN ('topic', 'issue', 'project');
CREATE INDEX cases_open_chat_candidates ON cases (chat_id, category, created_at)
	WHERE stage IN ('topic', 'issue', 'project');

-- The outbox is claimed per platform in id order, and a chat's later message
-- looks for an earlier one of the same chat still pending. Only pending rows
-- are indexed: sent history costs nothing to the claim.
DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox (platform, id) WHERE status = 'pending';
CREATE INDEX outbox_pending_chat ON outbox (platform, chat_external_id, id) WHERE status = 'pending';
-- Sent rows older than the retention are pruned by the time they were sent.
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE status <> 'pending';

-- A claim records who holds it: "<instance>/<run>", so that a restarted
-- process hands back at once what its previous run had claimed.
ALTER TABLE outbox ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';

-- Handled incoming messages are pruned by the time they were handled.
CREATE INDEX inbox_done_at ON inbox (done_at) WHERE done_at > 0;

-- Sandbox chat lines are pruned by age.
CREATE INDEX sandbox_messages_at ON sandbox_messages (at);
-- Deleting an old line looks up the lines that reply to it (the foreign key).
CREATE INDEX sandbox_messages_reply_to ON sandbox_messages (reply_to) WHERE reply_to IS NOT NULL;
