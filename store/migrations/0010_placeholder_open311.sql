-- PLACEHOLDER on branch open311 only, so that 0012 follows without a gap:
-- the lead drops this file at merge (another branch owns number 0010).
SELECT 1;
