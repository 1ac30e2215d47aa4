-- SPDX-License-Identifier: GPL-3.0-or-later
-- Accounts an administrator can take back: an account may be disabled (its sessions end and it cannot sign
-- in) and may carry a temporary password that must be changed at the next sign-in. Sign-in failures are
-- counted in the server's memory (server/sign_in_throttle.h), so the old per-account lockout columns go.
-- The indexes serve the keyset-paged account list: by user name for administrators, by role, and from an
-- officer's units to their accounts (directly for officers and secretaries, through the member for members).

ALTER TABLE app_user ADD COLUMN disabled_at TEXT;
ALTER TABLE app_user ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE app_user DROP COLUMN failed_sign_ins;
ALTER TABLE app_user DROP COLUMN locked_until;

CREATE INDEX app_user_role ON app_user (role, username);
CREATE INDEX app_user_scope ON app_user (scope_org_id, username);
CREATE INDEX app_user_member ON app_user (member_id) WHERE member_id IS NOT NULL;
