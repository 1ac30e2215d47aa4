-- SPDX-License-Identifier: GPL-3.0-or-later
-- A generation for each month with aggregates: it rises with every change to a past month's aggregates and with
-- every change to the tree's periods (a unit's place at a month's end). A server keeps a month's report between
-- requests once the month has been over for a day, and only while the month's generation has not moved since the
-- report was read (server/participation_report.h). Triggers raise it, so every writer is counted. The current
-- month's aggregates (every member's act) raise nothing, so the acts never wait on one another here; the day's
-- margin covers the acts of a month's last moments and the clocks of the servers and the database.

CREATE TABLE participation_generation (
    month       TEXT PRIMARY KEY,
    generation  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO participation_generation (month) SELECT DISTINCT month FROM participation_month;

CREATE TRIGGER participation_month_added AFTER INSERT ON participation_month BEGIN INSERT INTO participation_generation (month) VALUES (NEW.month) ON CONFLICT (month) DO UPDATE SET generation = generation + 1 WHERE NEW.month < strftime('%Y-%m', 'now', '+7 hours'); END;
CREATE TRIGGER participation_month_changed AFTER UPDATE OF cell_id, month, items_opened, lessons_studied, quiz_attempts, quiz_passes, members_active, accounts_activated, meetings_held, regular_held, regular_on_time, attendance_present, attendance_excused, attendance_absent, attendance_exempt, members_counted, accounts_active ON participation_month WHEN NEW.month < strftime('%Y-%m', 'now', '+7 hours') OR OLD.month < strftime('%Y-%m', 'now', '+7 hours') BEGIN UPDATE participation_generation SET generation = generation + 1 WHERE month IN (OLD.month, NEW.month); END;
CREATE TRIGGER participation_month_removed AFTER DELETE ON participation_month WHEN OLD.month < strftime('%Y-%m', 'now', '+7 hours') BEGIN UPDATE participation_generation SET generation = generation + 1 WHERE month = OLD.month; END;
CREATE TRIGGER org_unit_period_added AFTER INSERT ON org_unit_period BEGIN UPDATE participation_generation SET generation = generation + 1; END;
CREATE TRIGGER org_unit_period_changed AFTER UPDATE ON org_unit_period BEGIN UPDATE participation_generation SET generation = generation + 1; END;
CREATE TRIGGER org_unit_period_removed AFTER DELETE ON org_unit_period BEGIN UPDATE participation_generation SET generation = generation + 1; END;
