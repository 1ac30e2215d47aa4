-- SPDX-License-Identifier: GPL-3.0-or-later
-- A generation for each month whose report a server keeps: a server keeps a unit's report of a month between
-- requests once the month has been over for a day, and only while the month's generation has not moved since
-- the report was read (server/participation_report.h, store/participation_generations.h). The month's row is
-- made when a server first asks to keep it; triggers raise it with every change to the month's aggregates and
-- with every change to the tree's periods (a unit's place at a month's end), whoever writes them. The current
-- month has no row: the members' acts find nothing to raise.

CREATE TABLE participation_generation (
    month       TEXT PRIMARY KEY,
    generation  INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER participation_month_added AFTER INSERT ON participation_month BEGIN UPDATE participation_generation SET generation = generation + 1 WHERE month = NEW.month; END;
CREATE TRIGGER participation_month_changed AFTER UPDATE OF items_opened, lessons_studied, quiz_attempts, quiz_passes, members_active, accounts_activated, meetings_held, regular_held, regular_on_time, attendance_present, attendance_excused, attendance_absent, attendance_exempt, members_counted, accounts_active ON participation_month BEGIN UPDATE participation_generation SET generation = generation + 1 WHERE month = NEW.month; END;
CREATE TRIGGER participation_month_moved AFTER UPDATE OF cell_id, month ON participation_month BEGIN UPDATE participation_generation SET generation = generation + 1 WHERE month IN (OLD.month, NEW.month); END;
CREATE TRIGGER participation_month_removed AFTER DELETE ON participation_month BEGIN UPDATE participation_generation SET generation = generation + 1 WHERE month = OLD.month; END;
CREATE TRIGGER org_unit_period_added AFTER INSERT ON org_unit_period BEGIN UPDATE participation_generation SET generation = generation + 1; END;
CREATE TRIGGER org_unit_period_changed AFTER UPDATE ON org_unit_period BEGIN UPDATE participation_generation SET generation = generation + 1; END;
CREATE TRIGGER org_unit_period_removed AFTER DELETE ON org_unit_period BEGIN UPDATE participation_generation SET generation = generation + 1; END;
