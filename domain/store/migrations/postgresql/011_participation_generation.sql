-- SPDX-License-Identifier: GPL-3.0-or-later
-- A generation for each month with aggregates: it rises with every change to a past month's aggregates and with
-- every change to the tree's periods (a unit's place at a month's end). A server keeps a month's report between
-- requests once the month has been over for a day, and only while the month's generation has not moved since the
-- report was read (server/participation_report.h). Triggers raise it, so every writer is counted; the raising
-- transaction holds the month's row from its commit's start to its end, which only late records and corrections do.
-- The current month's aggregates (every member's act) raise nothing, so the acts never wait on one another here;
-- the day's margin covers the acts of a month's last moments and the clocks of the servers and the database.

CREATE TABLE participation_generation (
    month       TEXT PRIMARY KEY,
    generation  BIGINT NOT NULL DEFAULT 0
);
INSERT INTO participation_generation (month) SELECT DISTINCT month FROM participation_month;

-- The month of a moment in Vietnam (UTC+7 all year), as the aggregates name it.
CREATE FUNCTION vietnam_month(moment TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql STABLE AS $$ SELECT to_char(moment AT TIME ZONE 'UTC' + INTERVAL '7 hours', 'YYYY-MM') $$;

-- (one line each: the migrator ends a statement at a line that ends with a semicolon)
CREATE FUNCTION participation_month_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO participation_generation (month) VALUES (NEW.month) ON CONFLICT (month) DO NOTHING; IF NEW.month < vietnam_month(now()) THEN UPDATE participation_generation SET generation = generation + 1 WHERE month = NEW.month; END IF; RETURN NULL; END $$;
CREATE FUNCTION raise_participation_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE participation_generation SET generation = generation + 1 WHERE month IN (OLD.month, NEW.month) AND month < vietnam_month(now()); RETURN NULL; END $$;
CREATE FUNCTION raise_every_participation_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE participation_generation SET generation = generation + 1; RETURN NULL; END $$;

-- Raised at commit (deferred), when the transaction holds every other lock it takes: two corrections that locked
-- aggregates in different orders could otherwise wait on each other through a month's row.
CREATE CONSTRAINT TRIGGER participation_month_added AFTER INSERT ON participation_month DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION participation_month_added();
CREATE CONSTRAINT TRIGGER participation_month_changed AFTER UPDATE OF cell_id, month, items_opened, lessons_studied, quiz_attempts, quiz_passes, members_active, accounts_activated, meetings_held, regular_held, regular_on_time, attendance_present, attendance_excused, attendance_absent, attendance_exempt, members_counted, accounts_active ON participation_month DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.month < vietnam_month(now()) OR NEW.month < vietnam_month(now())) EXECUTE FUNCTION raise_participation_generation();
CREATE CONSTRAINT TRIGGER participation_month_removed AFTER DELETE ON participation_month DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.month < vietnam_month(now())) EXECUTE FUNCTION raise_participation_generation();
CREATE CONSTRAINT TRIGGER org_unit_period_changed AFTER INSERT OR UPDATE OR DELETE ON org_unit_period DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_every_participation_generation();
