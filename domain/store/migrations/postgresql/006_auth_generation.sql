-- SPDX-License-Identifier: GPL-3.0-or-later
-- A counter that rises with every change that could alter who a session token stands for: an account's
-- update or removal, a session's revocation or removal, a unit's path (an officer's scope). Server processes
-- keep principals between requests and use one only while this counter has not moved since it was read
-- (server/principal_cache.h). Triggers raise it, so every writer, the server's or a tool's, is counted. The
-- row is locked by the raising transaction until it ends: such changes are rare, and a reader never waits.

CREATE TABLE auth_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  BIGINT NOT NULL
);
INSERT INTO auth_generation (id, generation) VALUES (1, 0);

CREATE FUNCTION raise_auth_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE auth_generation SET generation = generation + 1 WHERE id = 1; RETURN NULL; END $$;

CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE ON app_user FOR EACH STATEMENT EXECUTE FUNCTION raise_auth_generation();
CREATE TRIGGER app_session_ended AFTER UPDATE OF token_hash, user_id, expires_at, revoked_at OR DELETE ON app_session FOR EACH STATEMENT EXECUTE FUNCTION raise_auth_generation();
CREATE TRIGGER org_unit_path_changed AFTER UPDATE OF path ON org_unit FOR EACH STATEMENT EXECUTE FUNCTION raise_auth_generation();
