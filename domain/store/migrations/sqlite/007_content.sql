-- SPDX-License-Identifier: GPL-3.0-or-later
-- Published content (news, documents, lessons, meeting topics, guidance), the units it is published to, and
-- the successors of ended units, which an audience follows (SQLite).

-- What a merged or split unit became: one row for a merge (the target), one per part for a split.
CREATE TABLE org_unit_successor (
    unit_id       INTEGER NOT NULL REFERENCES org_unit (id),
    successor_id  INTEGER NOT NULL REFERENCES org_unit (id),
    PRIMARY KEY (unit_id, successor_id)
);

-- `state` is what an officer set; "scheduled" is a published item whose publish_at has not come, computed
-- when read. The quiz (lessons only) is JSON: its questions, options and right answers.
CREATE TABLE content_item (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('news', 'document', 'lesson', 'meeting_topic', 'guidance')),
    title           TEXT NOT NULL,
    title_folded    TEXT NOT NULL,
    body            TEXT NOT NULL DEFAULT '',
    summary         TEXT NOT NULL DEFAULT '',
    doc_type        TEXT CHECK (doc_type IN ('resolution', 'directive', 'regulation', 'conclusion', 'guidance',
                                             'notice')),
    doc_number      TEXT NOT NULL DEFAULT '',
    issuer          TEXT NOT NULL DEFAULT '',
    issued_on       TEXT,
    topic_month     TEXT,
    category        TEXT NOT NULL DEFAULT '',
    quiz            TEXT,
    state           TEXT NOT NULL CHECK (state IN ('draft', 'published', 'archived')),
    publish_at      TEXT,
    author_user_id  INTEGER NOT NULL REFERENCES app_user (id),
    author_org_id   INTEGER REFERENCES org_unit (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK ((state = 'draft') = (publish_at IS NULL))
);
CREATE INDEX content_item_author_org ON content_item (author_org_id, id);
CREATE INDEX content_item_kind ON content_item (kind, id);

-- Each unit means its whole subtree.
CREATE TABLE content_audience (
    content_id   INTEGER NOT NULL REFERENCES content_item (id),
    org_unit_id  INTEGER NOT NULL REFERENCES org_unit (id),
    PRIMARY KEY (content_id, org_unit_id)
);
CREATE INDEX content_audience_unit ON content_audience (org_unit_id, content_id);

-- Files attached to an item (PDF, PNG, JPEG, DOCX), kept in the database so that every server process on it
-- serves the same files and a backup holds them with their items (docs/operations.md). The type is judged by
-- the bytes; an image's uploader confirmed that it holds nothing classified (no text layer to check).
CREATE TABLE content_attachment (
    id              INTEGER PRIMARY KEY,
    content_id      INTEGER NOT NULL REFERENCES content_item (id),
    file_name       TEXT NOT NULL,
    media_type      TEXT NOT NULL CHECK (media_type IN ('pdf', 'png', 'jpeg', 'docx')),
    size_bytes      INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    data            BLOB NOT NULL,
    confirmed_unclassified INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_unclassified IN (0, 1)),
    uploaded_by     TEXT NOT NULL,
    uploaded_at     TEXT NOT NULL
);
CREATE INDEX content_attachment_content ON content_attachment (content_id, id);
