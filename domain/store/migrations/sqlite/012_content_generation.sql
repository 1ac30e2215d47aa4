-- SPDX-License-Identifier: GPL-3.0-or-later
-- A counter that rises with every change to what the members' feeds show: an item, its audience, its attachments, a
-- unit's path or end, a unit's successors. A server keeps each cell's feed pages between requests only while this
-- counter has not moved since they were read (server/member_content_cache.h). Triggers raise it, so every writer is
-- counted. Content is written by a few officers; the members' acts never raise it.

CREATE TABLE content_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL
);
INSERT INTO content_generation (id, generation) VALUES (1, 0);

CREATE TRIGGER content_item_added AFTER INSERT ON content_item BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER content_item_changed AFTER UPDATE ON content_item BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER content_item_removed AFTER DELETE ON content_item BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER content_audience_added AFTER INSERT ON content_audience BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER content_audience_changed AFTER UPDATE ON content_audience BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER content_audience_removed AFTER DELETE ON content_audience BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER content_attachment_added AFTER INSERT ON content_attachment BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER content_attachment_changed AFTER UPDATE ON content_attachment BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER content_attachment_removed AFTER DELETE ON content_attachment BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER org_unit_moved_or_ended AFTER UPDATE OF path, valid_to ON org_unit BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER org_unit_successor_added AFTER INSERT ON org_unit_successor BEGIN UPDATE content_generation SET generation = generation + 1 WHERE id = 1; END;
