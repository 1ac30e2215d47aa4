-- SPDX-License-Identifier: GPL-3.0-or-later
-- A member's account works wherever the member's roster is (its scope is its unit's path): a counter that rises
-- when a member changes unit. A server reads it with the account generation (migration 006) and keeps members'
-- signed-in principals, as it keeps the staff's, only while neither has moved (server/principal_cache.h).

CREATE TABLE member_scope_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL
);
INSERT INTO member_scope_generation (id, generation) VALUES (1, 0);

CREATE TRIGGER member_unit_changed AFTER UPDATE OF org_unit_id ON member BEGIN UPDATE member_scope_generation SET generation = generation + 1 WHERE id = 1; END;
