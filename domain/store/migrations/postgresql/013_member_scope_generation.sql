-- SPDX-License-Identifier: GPL-3.0-or-later
-- A member's account works wherever the member's roster is (its scope is its unit's path): a counter that rises
-- when a member changes unit. A server reads it with the account generation (migration 006) and keeps members'
-- signed-in principals, as it keeps the staff's, only while neither has moved (server/principal_cache.h). Its own
-- row, raised at commit (deferred): a member's event takes the change counter before it moves the member, and a
-- unit's move raises the account generation before it takes the change counter.

CREATE TABLE member_scope_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  BIGINT NOT NULL
);
INSERT INTO member_scope_generation (id, generation) VALUES (1, 0);

CREATE FUNCTION raise_member_scope_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE member_scope_generation SET generation = generation + 1 WHERE id = 1; RETURN NULL; END $$;

CREATE CONSTRAINT TRIGGER member_unit_changed AFTER UPDATE OF org_unit_id ON member DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.org_unit_id IS DISTINCT FROM NEW.org_unit_id) EXECUTE FUNCTION raise_member_scope_generation();
