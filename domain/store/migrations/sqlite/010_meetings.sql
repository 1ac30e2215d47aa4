-- SPDX-License-Identifier: GPL-3.0-or-later
-- Cell meetings (sinh hoạt chi bộ) and their attendance, the meeting figures of the participation aggregates,
-- and the roster counts a batch of the server keeps for the current month (SQLite). "Due", "held", "on time" and
-- "late" are computed from the meetings and the calendar.

CREATE TABLE cell_meeting (
    id                INTEGER PRIMARY KEY,
    cell_id           INTEGER NOT NULL REFERENCES org_unit (id),
    kind              TEXT NOT NULL CHECK (kind IN ('regular', 'thematic', 'extraordinary')),
    starts_at         TEXT NOT NULL,
    month             TEXT NOT NULL,
    place             TEXT NOT NULL DEFAULT '',
    online_link       TEXT NOT NULL DEFAULT '',
    topic             TEXT NOT NULL DEFAULT '',
    topic_content_id  INTEGER REFERENCES content_item (id),
    scheduled_at      TEXT NOT NULL,
    scheduled_by      TEXT NOT NULL,
    late_reason       TEXT NOT NULL DEFAULT '',
    closed_at         TEXT,
    minutes           TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cell_meeting_cell ON cell_meeting (cell_id, month);
CREATE INDEX cell_meeting_month ON cell_meeting (month, cell_id);

-- One row per member of the cell the meeting concerns, once recorded; `state` null until then.
CREATE TABLE meeting_attendance (
    meeting_id  INTEGER NOT NULL REFERENCES cell_meeting (id),
    member_id   INTEGER NOT NULL REFERENCES member (id),
    state       TEXT CHECK (state IN ('present', 'excused', 'absent', 'exempt')),
    confirmed   INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
    PRIMARY KEY (meeting_id, member_id)
);

ALTER TABLE participation_month ADD COLUMN meetings_held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participation_month ADD COLUMN regular_held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participation_month ADD COLUMN regular_on_time INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participation_month ADD COLUMN attendance_present INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participation_month ADD COLUMN attendance_excused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participation_month ADD COLUMN attendance_absent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participation_month ADD COLUMN attendance_exempt INTEGER NOT NULL DEFAULT 0;
-- Members counted (on the roster, not exempt) and those of them with an active handbook account, per cell, as
-- the server's batch last counted them in the month: the month's end figures once the month is over.
ALTER TABLE participation_month ADD COLUMN members_counted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participation_month ADD COLUMN accounts_active INTEGER NOT NULL DEFAULT 0;
