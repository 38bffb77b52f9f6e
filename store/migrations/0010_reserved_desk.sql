-- 0010 is another change's number; this placeholder keeps the numbers
-- contiguous on the desk branch and is dropped when the branches merge.
SELECT 1;
