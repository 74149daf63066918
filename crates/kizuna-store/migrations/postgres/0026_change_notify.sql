-- Several servers on one database (issue 17 item 5): every commit that
-- bumps a system's version also tells every listening server, on the
-- channel kizuna_changes, "<system> <version>". The trigger fires inside
-- the writing transaction, and PostgreSQL delivers the notification only
-- when that transaction commits (never for one rolled back), so a server
-- that hears it can read the change at once. Servers listen with
-- kizuna-store's notify.rs and catch up their in-memory indexes.
CREATE FUNCTION kizuna_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('kizuna_changes', NEW.system || ' ' || NEW.version);
    RETURN NULL;
END
$$;

CREATE TRIGGER system_versions_notify
    AFTER UPDATE ON system_versions
    FOR EACH ROW EXECUTE FUNCTION kizuna_notify_change();
