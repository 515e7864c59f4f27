-- 0004_security: users can be disabled (issue 15). A disabled user cannot
-- log in and has no sessions (fm_store_user_set_disabled deletes them; a
-- session of a disabled user is also never honoured). NULL = enabled.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
