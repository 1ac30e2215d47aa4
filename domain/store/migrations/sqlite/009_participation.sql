-- SPDX-License-Identifier: GPL-3.0-or-later
-- Participation: what members do with published content (the raw events), and one aggregate row per cell and
-- month that each event updates in its own transaction (SQLite). A cell is where the member takes part: the cell
-- of a temporary stay while there is one. Months are Vietnam's calendar months, "yyyy-MM".

-- A member's reading of an item: opened once (the first time counts), studied once (an explicit act).
CREATE TABLE content_study (
    member_id       INTEGER NOT NULL REFERENCES member (id),
    content_id      INTEGER NOT NULL REFERENCES content_item (id),
    opened_at       TEXT NOT NULL,
    opened_month    TEXT NOT NULL,
    opened_cell_id  INTEGER NOT NULL REFERENCES org_unit (id),
    studied_at      TEXT,
    studied_month   TEXT,
    studied_cell_id INTEGER REFERENCES org_unit (id),
    PRIMARY KEY (member_id, content_id)
);
CREATE INDEX content_study_content ON content_study (content_id);

-- Every attempt at a lesson's quiz, graded by the server. `first_pass` marks the attempt that first passed.
CREATE TABLE quiz_attempt (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES member (id),
    content_id    INTEGER NOT NULL REFERENCES content_item (id),
    cell_id       INTEGER NOT NULL REFERENCES org_unit (id),
    month         TEXT NOT NULL,
    attempted_at  TEXT NOT NULL,
    answers       TEXT NOT NULL,
    correct       INTEGER NOT NULL,
    total         INTEGER NOT NULL,
    passed        INTEGER NOT NULL CHECK (passed IN (0, 1)),
    first_pass    INTEGER NOT NULL CHECK (first_pass IN (0, 1))
);
CREATE INDEX quiz_attempt_member ON quiz_attempt (member_id, content_id, id);
CREATE INDEX quiz_attempt_cell ON quiz_attempt (cell_id, month);

-- The members who did anything in a cell and month (opened, studied, attempted): what members_active counts.
CREATE TABLE participation_active (
    cell_id    INTEGER NOT NULL REFERENCES org_unit (id),
    month      TEXT NOT NULL,
    member_id  INTEGER NOT NULL REFERENCES member (id),
    PRIMARY KEY (cell_id, month, member_id)
);

-- The aggregate of a cell and month. `pending_feed` marks a row changed since it last went to the change feed:
-- the feed is written for pending rows every few seconds, never by the events themselves.
CREATE TABLE participation_month (
    id                  INTEGER PRIMARY KEY,
    cell_id             INTEGER NOT NULL REFERENCES org_unit (id),
    month               TEXT NOT NULL,
    items_opened        INTEGER NOT NULL DEFAULT 0,
    lessons_studied     INTEGER NOT NULL DEFAULT 0,
    quiz_attempts       INTEGER NOT NULL DEFAULT 0,
    quiz_passes         INTEGER NOT NULL DEFAULT 0,
    members_active      INTEGER NOT NULL DEFAULT 0,
    accounts_activated  INTEGER NOT NULL DEFAULT 0,
    pending_feed        INTEGER NOT NULL DEFAULT 1 CHECK (pending_feed IN (0, 1)),
    UNIQUE (cell_id, month)
);
CREATE INDEX participation_month_month ON participation_month (month, cell_id);
CREATE INDEX participation_month_pending ON participation_month (pending_feed) WHERE pending_feed = 1;
