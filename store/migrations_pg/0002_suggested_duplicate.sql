-- Twin of migrations/0002: a weak duplicate match is suggested to officers
-- rather than joined; duplicate candidates by unit and category.
ALTER TABLE cases ADD COLUMN suggested_duplicate BIGINT NOT NULL DEFAULT 0;
CREATE INDEX cases_unit_category_created ON cases (unit_id, category, created_at);
DROP INDEX cases_unit_id;
