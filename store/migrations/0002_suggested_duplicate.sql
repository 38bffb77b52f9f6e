-- A weak duplicate match is suggested to officers rather than joined.
ALTER TABLE cases ADD COLUMN suggested_duplicate INTEGER NOT NULL DEFAULT 0;
-- Duplicate candidates are listed by unit, category and stage.
CREATE INDEX cases_unit_category ON cases (unit_id, category, stage);
