-- Session ids are stored as the SHA-256 of the cookie value (issue 11 item 4), so a copy of the
-- database opens no session. Rows written before this migration hold the cookie itself and would
-- still authenticate a copied file: they are dropped (users and admins log in again).
DELETE FROM sessions;
DELETE FROM admin_sessions;
CREATE INDEX idx_admin_sessions_admin ON admin_sessions(admin_id);

-- Failed admin logins per username (`user:<name>`) and per client address (`ip:<address>`): the
-- brute-force throttle (issue 11 item 3). Instants are epoch seconds; a block always ends.
CREATE TABLE admin_login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
