-- SPDX-License-Identifier: GPL-3.0-or-later
-- A counter that rises with every change that could alter who a session token stands for: an account's
-- update or removal, a session's revocation or removal, a unit's path (an officer's scope). Server processes
-- keep principals between requests and use one only while this counter has not moved since it was read
-- (server/principal_cache.h). Triggers raise it, so every writer, the server's or a tool's, is counted.

CREATE TABLE auth_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL
);
INSERT INTO auth_generation (id, generation) VALUES (1, 0);

CREATE TRIGGER app_user_changed AFTER UPDATE ON app_user BEGIN UPDATE auth_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER app_user_removed AFTER DELETE ON app_user BEGIN UPDATE auth_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER app_session_ended AFTER UPDATE OF token_hash, user_id, expires_at, revoked_at ON app_session BEGIN UPDATE auth_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER app_session_removed AFTER DELETE ON app_session BEGIN UPDATE auth_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER org_unit_path_changed AFTER UPDATE OF path ON org_unit BEGIN UPDATE auth_generation SET generation = generation + 1 WHERE id = 1; END;
