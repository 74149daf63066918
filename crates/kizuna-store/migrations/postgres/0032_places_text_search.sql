-- Nothing to do on PostgreSQL: its staff list's text search reads migration
-- 30's trigram index (where pg_trgm could be created). SQLite's migration 32
-- indexes the same search with FTS5; this file keeps the two backends'
-- schema versions equal, which `kizuna export all` / `import all` compare.
SELECT 1;
