-- SPDX-License-Identifier: GPL-3.0-or-later
-- Users, sessions, the audit log and idempotent replays (SQLite).

CREATE TABLE app_user (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    password_hash        TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'secretary', 'member')),
    scope_org_id         INTEGER REFERENCES org_unit (id),
    member_id            INTEGER REFERENCES member (id),
    failed_sign_ins      INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT,
    password_changed_at  TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1
);

-- Opaque tokens are never stored: only their SHA-256.
CREATE TABLE app_session (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES app_user (id),
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    revoked_at    TEXT
);
CREATE INDEX app_session_user ON app_session (user_id);

-- Who changed what and when, with the object before and after (JSON), written in the change's transaction.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    INTEGER NOT NULL,
    before_json  TEXT,
    after_json   TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- The first answer to a POST carrying an Idempotency-Key, replayed for repeats of it.
CREATE TABLE idempotent_request (
    user_id      INTEGER NOT NULL REFERENCES app_user (id),
    key          TEXT NOT NULL,
    method       TEXT NOT NULL,
    path         TEXT NOT NULL,
    body_hash    TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
