-- SPDX-License-Identifier: GPL-3.0-or-later
-- A generation for each month whose report a server keeps: a server keeps a unit's report of a month between
-- requests once the month has been over for a day, and only while the month's generation has not moved since
-- the report was read (server/participation_report.h, store/participation_generations.h). The month's row is
-- made when a server first asks to keep it, under a lock that waits for the writers of aggregates in flight;
-- triggers raise it with every change to the month's aggregates and with every change to the tree's periods (a
-- unit's place at a month's end), whoever writes them. The current month has no row; its aggregates (every
-- member's act) do not even call the trigger, by the database's clock in Vietnam, which the servers' must
-- match within the day a month waits before it is kept.

CREATE TABLE participation_generation (
    month       TEXT PRIMARY KEY,
    generation  BIGINT NOT NULL DEFAULT 0
);

-- The month of a moment in Vietnam (UTC+7 all year), as the aggregates name it.
CREATE FUNCTION vietnam_month(moment TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql STABLE AS $$ SELECT to_char(moment AT TIME ZONE 'UTC' + INTERVAL '7 hours', 'YYYY-MM') $$;

-- (one line each: the migrator ends a statement at a line that ends with a semicolon)
CREATE FUNCTION raise_participation_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE participation_generation SET generation = generation + 1 WHERE month IN (OLD.month, NEW.month); RETURN NULL; END $$;
CREATE FUNCTION raise_every_participation_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE participation_generation SET generation = generation + 1; RETURN NULL; END $$;

-- Raised at commit (deferred), when the transaction holds every other lock it takes: two corrections that
-- locked aggregates in different orders could otherwise wait on each other through a month's row.
CREATE CONSTRAINT TRIGGER participation_month_added AFTER INSERT ON participation_month DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.month < vietnam_month(now())) EXECUTE FUNCTION raise_participation_generation();
CREATE CONSTRAINT TRIGGER participation_month_changed AFTER UPDATE OF cell_id, month, items_opened, lessons_studied, quiz_attempts, quiz_passes, members_active, accounts_activated, meetings_held, regular_held, regular_on_time, attendance_present, attendance_excused, attendance_absent, attendance_exempt, members_counted, accounts_active ON participation_month DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.month < vietnam_month(now()) OR NEW.month < vietnam_month(now())) EXECUTE FUNCTION raise_participation_generation();
CREATE CONSTRAINT TRIGGER participation_month_removed AFTER DELETE ON participation_month DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.month < vietnam_month(now())) EXECUTE FUNCTION raise_participation_generation();
CREATE CONSTRAINT TRIGGER org_unit_period_changed AFTER INSERT OR UPDATE OR DELETE ON org_unit_period DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_every_participation_generation();
