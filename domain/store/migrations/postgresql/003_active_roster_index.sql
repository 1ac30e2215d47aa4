-- SPDX-License-Identifier: GPL-3.0-or-later
-- Rosters list the members who have not left, in name order: this index answers that without reading the
-- member rows, so a commune's first page costs an index walk and a sort of ids.

CREATE INDEX member_active_org_unit ON member (org_unit_id, sort_key, id) WHERE left_reason IS NULL;
