-- A weak duplicate match is suggested to officers rather than joined.
ALTER TABLE cases ADD COLUMN suggested_duplicate INTEGER NOT NULL DEFAULT 0;
-- Duplicate candidates are the recent open cases of one unit and category;
-- this index also serves every lookup by unit alone.
CREATE INDEX cases_unit_category_created ON cases (unit_id, category, created_at);
DROP INDEX cases_unit_id;
