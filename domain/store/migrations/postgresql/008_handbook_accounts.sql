-- SPDX-License-Identifier: GPL-3.0-or-later
-- Handbook accounts for members: one-time activation codes, stored hashed, one live code per member (a reissue
-- replaces it); a member's number (card, or profile for a probationer without a card) becomes the user name.
-- A member record belongs to at most one account: its own member account, or the staff account of its holder.

CREATE TABLE activation_code (
    member_id    BIGINT PRIMARY KEY REFERENCES member (id),
    code_hash    TEXT NOT NULL,
    salt         TEXT NOT NULL,
    issued_at    TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    issued_by    TEXT NOT NULL
);
CREATE INDEX activation_code_expiry ON activation_code (expires_at);

DROP INDEX app_user_member;
CREATE UNIQUE INDEX app_user_member ON app_user (member_id) WHERE member_id IS NOT NULL;
CREATE INDEX member_profile_number ON member (profile_number) WHERE profile_number <> '';
