-- Trainee counts kept set-based (issue 17 item 4): PostgreSQL's migration
-- 30 makes the firsts' triggers statement-level with transition tables and
-- a person's refresh write only the firsts that changed. SQLite has no
-- transition tables and its row triggers cost well under a millisecond
-- (no plpgsql calls, no version chains): migration 25's stay. Bulk writes
-- count set-based on both (kizuna-store's stats.rs).
SELECT 1;
