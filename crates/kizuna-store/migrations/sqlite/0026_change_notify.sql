-- Several servers on one database (issue 17 item 5) need PostgreSQL: its
-- migration 26 adds a trigger that notifies listening servers of every
-- committed change. One SQLite file has one server, so nothing changes here.
SELECT 1;
