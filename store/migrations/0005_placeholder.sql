-- Placeholder on branch telegram only, so that 0006 follows without a gap.
-- At merge, drop this file in favour of the real 0005.
SELECT 1;
