-- SPDX-License-Identifier: GPL-3.0-or-later
-- The few members taking part in a unit temporarily (chuyển sinh hoạt tạm thời), found by that unit: the
-- console's tree counts them among the members a unit holds without reading every member row.

CREATE INDEX member_temporary_org_unit ON member (temporary_org_unit_id) WHERE temporary_org_unit_id IS NOT NULL;
