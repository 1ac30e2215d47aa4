-- SPDX-License-Identifier: GPL-3.0-or-later
-- The core: the dated organisation tree, members, their events and the change feed (SQLite).
-- Dates are ISO-8601 text (yyyy-mm-dd), timestamps ISO-8601 UTC text, booleans 0/1.

CREATE TABLE org_category (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE org_unit (
    id            INTEGER PRIMARY KEY,
    parent_id     INTEGER REFERENCES org_unit (id),
    kind          TEXT NOT NULL CHECK (kind IN ('province', 'upper', 'base_committee', 'base_cell',
                                                'section_committee', 'cell', 'group')),
    category_id   INTEGER REFERENCES org_category (id),
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_folded   TEXT NOT NULL,
    path          TEXT NOT NULL,
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    end_reason    TEXT CHECK (end_reason IN ('merged', 'split', 'dissolved')),
    successor_id  INTEGER REFERENCES org_unit (id),
    version       INTEGER NOT NULL DEFAULT 1,
    CHECK ((valid_to IS NULL) = (end_reason IS NULL))
);
CREATE INDEX org_unit_path ON org_unit (path);
CREATE INDEX org_unit_parent ON org_unit (parent_id);
CREATE UNIQUE INDEX org_unit_active_code ON org_unit (code) WHERE valid_to IS NULL;

-- One row per interval in which a unit's place and attributes were constant: the tree as of any day.
CREATE TABLE org_unit_period (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES org_unit (id),
    parent_id    INTEGER REFERENCES org_unit (id),
    kind         TEXT NOT NULL,
    category_id  INTEGER REFERENCES org_category (id),
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    path         TEXT NOT NULL,
    valid_from   TEXT NOT NULL,
    valid_to     TEXT
);
CREATE INDEX org_unit_period_unit ON org_unit_period (unit_id, valid_from);
CREATE INDEX org_unit_period_date ON org_unit_period (valid_from, valid_to);

-- Every create, rename, move, merge, split and dissolve, with its decision.
CREATE TABLE org_operation (
    id               INTEGER PRIMARY KEY,
    type             TEXT NOT NULL CHECK (type IN ('create', 'rename', 'move', 'merge', 'split', 'dissolve')),
    unit_id          INTEGER NOT NULL REFERENCES org_unit (id),
    other_unit_id    INTEGER REFERENCES org_unit (id),
    decision_number  TEXT NOT NULL,
    effective_on     TEXT NOT NULL,
    details          TEXT NOT NULL DEFAULT '',
    recorded_at      TEXT NOT NULL,
    recorded_by      TEXT NOT NULL
);
CREATE INDEX org_operation_unit ON org_operation (unit_id);

CREATE TABLE member (
    id                          INTEGER PRIMARY KEY,
    org_unit_id                 INTEGER NOT NULL REFERENCES org_unit (id),
    temporary_org_unit_id       INTEGER,
    family_name                 TEXT NOT NULL,
    middle_name                 TEXT NOT NULL DEFAULT '',
    given_name                  TEXT NOT NULL,
    name_folded                 TEXT NOT NULL,
    sort_key                    TEXT NOT NULL,
    gender                      TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_date                  TEXT NOT NULL,
    birth_place                 TEXT NOT NULL DEFAULT '',
    hometown                    TEXT NOT NULL DEFAULT '',
    ethnicity                   TEXT NOT NULL DEFAULT '',
    religion                    TEXT NOT NULL DEFAULT '',
    citizen_id                  TEXT NOT NULL DEFAULT '',
    card_number                 TEXT NOT NULL DEFAULT '',
    profile_number              TEXT NOT NULL DEFAULT '',
    admitted_on                 TEXT NOT NULL,
    official_on                 TEXT,
    status                      TEXT NOT NULL CHECK (status IN ('probationary', 'official')),
    exempt                      INTEGER NOT NULL DEFAULT 0 CHECK (exempt IN (0, 1)),
    exempt_since                TEXT,
    left_on                     TEXT,
    left_reason                 TEXT CHECK (left_reason IN ('deceased', 'expelled', 'struck_off', 'withdrew',
                                                            'transferred_out')),
    general_education           TEXT NOT NULL DEFAULT '',
    professional_qualification  TEXT NOT NULL DEFAULT '',
    political_theory            TEXT NOT NULL DEFAULT 'none',
    foreign_language            TEXT NOT NULL DEFAULT '',
    it_skill                    TEXT NOT NULL DEFAULT '',
    version                     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX member_org_unit ON member (org_unit_id, sort_key, id);
CREATE INDEX member_sort ON member (sort_key, id);
CREATE INDEX member_card_number ON member (card_number) WHERE card_number <> '';

CREATE TABLE member_event (
    id                INTEGER PRIMARY KEY,
    member_id         INTEGER NOT NULL REFERENCES member (id),
    type              TEXT NOT NULL,
    occurred_on       TEXT NOT NULL,
    decision_number   TEXT NOT NULL DEFAULT '',
    permanent         INTEGER NOT NULL DEFAULT 1 CHECK (permanent IN (0, 1)),
    from_org_unit_id  INTEGER,
    to_org_unit_id    INTEGER,
    note              TEXT NOT NULL DEFAULT '',
    recorded_at       TEXT NOT NULL,
    recorded_by       TEXT NOT NULL
);
CREATE INDEX member_event_member ON member_event (member_id, occurred_on);
CREATE INDEX member_event_date ON member_event (occurred_on, type);

-- The change feed: one row per mutation, written in the mutation's own transaction. `path` is where the
-- object is after the change, `old_path` where it was before (so a client learns that it left its scope).
CREATE TABLE change_feed (
    seq         INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    operation   TEXT NOT NULL CHECK (operation IN ('upsert', 'delete')),
    path        TEXT NOT NULL,
    old_path    TEXT,
    changed_at  TEXT NOT NULL
);
CREATE INDEX change_feed_path ON change_feed (path, seq);

-- Handing out sequence numbers under a row lock makes commit order and sequence order the same.
CREATE TABLE change_counter (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq  INTEGER NOT NULL
);
INSERT INTO change_counter (id, last_seq) VALUES (1, 0);
