-- SPDX-License-Identifier: GPL-3.0-or-later
-- A counter that rises with every change to what the members' feeds show: an item, its audience, its attachments, a
-- unit's path or end, a unit's successors. A server keeps each cell's feed pages between requests only while this
-- counter has not moved since they were read (server/member_content_cache.h). Triggers raise it, so every writer is
-- counted; the raising transaction holds the row from its commit's start to its end. Content is written by a few
-- officers; the members' acts never raise it.

CREATE TABLE content_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  BIGINT NOT NULL
);
INSERT INTO content_generation (id, generation) VALUES (1, 0);

CREATE FUNCTION raise_content_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; RETURN NULL; END $$;

-- Raised at commit (deferred), when the transaction holds every other lock it takes: a writer that locked items and
-- one that raised the counter first could otherwise wait on each other.
CREATE CONSTRAINT TRIGGER content_item_changed AFTER INSERT OR UPDATE OR DELETE ON content_item DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_generation();
CREATE CONSTRAINT TRIGGER content_audience_changed AFTER INSERT OR UPDATE OR DELETE ON content_audience DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_generation();
CREATE CONSTRAINT TRIGGER content_attachment_changed AFTER INSERT OR UPDATE OR DELETE ON content_attachment DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_generation();
CREATE CONSTRAINT TRIGGER org_unit_moved_or_ended AFTER UPDATE OF path, valid_to ON org_unit DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_generation();
CREATE CONSTRAINT TRIGGER org_unit_successor_added AFTER INSERT ON org_unit_successor DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_content_generation();
