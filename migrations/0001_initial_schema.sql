-- KYX check-in system: the whole schema (checkin-app.md §1). Money is integer cents; instants are
-- UTC ISO-8601 text with `Z`; calendar dates are UTC+8 (TIMEZONE_OFFSET_MINUTES) `YYYY-MM-DD`.

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    linux_do_id INTEGER UNIQUE,
    dev_login TEXT UNIQUE,
    username TEXT NOT NULL,
    email TEXT,
    avatar_url TEXT,
    trust_level INTEGER NOT NULL DEFAULT 0,
    is_active INTEGER NOT NULL DEFAULT 1,
    last_login_at TEXT,
    total_checkins INTEGER NOT NULL DEFAULT 0,
    consecutive_checkins INTEGER NOT NULL DEFAULT 0,
    max_consecutive_checkins INTEGER NOT NULL DEFAULT 0,
    total_amount_cents INTEGER NOT NULL DEFAULT 0,
    last_checkin_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_users_username ON users(username);
CREATE INDEX idx_users_consecutive ON users(consecutive_checkins DESC, last_checkin_date DESC);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX idx_sessions_expires ON sessions(expires_at);
CREATE INDEX idx_sessions_user ON sessions(user_id);

CREATE TABLE oauth_states (
    state TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX idx_oauth_states_expires ON oauth_states(expires_at);

CREATE TABLE admins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 1,
    last_login_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE admin_sessions (
    id TEXT PRIMARY KEY,
    admin_id INTEGER NOT NULL REFERENCES admins(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_accessed_at TEXT,
    ip_address TEXT,
    user_agent TEXT,
    is_active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX idx_admin_sessions_expires ON admin_sessions(expires_at);

CREATE TABLE upload_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    filename TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    total_codes INTEGER NOT NULL,
    valid_codes INTEGER NOT NULL,
    duplicate_codes INTEGER NOT NULL,
    invalid_codes INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT 'import',
    token TEXT UNIQUE NOT NULL,
    uploaded_by INTEGER REFERENCES admins(id),
    uploaded_at TEXT NOT NULL
);

CREATE TABLE check_ins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    check_in_date TEXT NOT NULL,
    check_in_time TEXT NOT NULL,
    redemption_code TEXT,
    base_amount_cents INTEGER NOT NULL DEFAULT 0,
    bonus_amount_cents INTEGER NOT NULL DEFAULT 0,
    total_amount_cents INTEGER NOT NULL DEFAULT 0,
    consecutive_days INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'completed'
        CHECK (status IN ('completed', 'pending_distribution', 'failed')),
    ip_address TEXT,
    user_agent TEXT,
    resolved_at TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, check_in_date)
);
CREATE INDEX idx_checkins_date ON check_ins(check_in_date, check_in_time);
CREATE INDEX idx_checkins_status ON check_ins(status, created_at);

CREATE TABLE redemption_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT UNIQUE NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    is_distributed INTEGER NOT NULL DEFAULT 0,
    distributed_to INTEGER REFERENCES users(id),
    distributed_by INTEGER REFERENCES admins(id),
    distributed_at TEXT,
    distribution_type TEXT,
    checkin_id INTEGER UNIQUE REFERENCES check_ins(id),
    batch_id INTEGER REFERENCES upload_batches(id),
    created_at TEXT NOT NULL
);
CREATE INDEX idx_codes_pick ON redemption_codes(is_distributed, amount_cents, created_at, id);
CREATE INDEX idx_codes_distributed_to ON redemption_codes(distributed_to, distributed_at);
CREATE INDEX idx_codes_batch ON redemption_codes(batch_id);

CREATE TABLE checkin_rewards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reward_type TEXT NOT NULL CHECK (reward_type IN ('base', 'consecutive')),
    condition_value INTEGER NOT NULL DEFAULT 0,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    description TEXT,
    is_active INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z',
    UNIQUE (reward_type, condition_value)
);

CREATE TABLE distribution_logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id INTEGER NOT NULL REFERENCES admins(id),
    operation_type TEXT NOT NULL,
    target_users TEXT,
    amount_cents INTEGER,
    codes_distributed INTEGER NOT NULL DEFAULT 0,
    codes_failed INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'success',
    notes TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX idx_distribution_logs_created ON distribution_logs(created_at DESC);

CREATE TABLE operation_logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    operator_type TEXT NOT NULL,
    operator_id INTEGER,
    operation_type TEXT NOT NULL,
    operation_detail TEXT,
    target_type TEXT,
    target_id TEXT,
    result TEXT NOT NULL DEFAULT 'success',
    created_at TEXT NOT NULL
);
CREATE INDEX idx_operation_logs_created ON operation_logs(created_at DESC);
CREATE INDEX idx_operation_logs_operator ON operation_logs(operator_type, operator_id);

CREATE TABLE modal_configs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    modal_type TEXT UNIQUE NOT NULL,
    max_display_count INTEGER NOT NULL DEFAULT 1,
    cooldown_minutes INTEGER NOT NULL DEFAULT 0,
    is_enabled INTEGER NOT NULL DEFAULT 1,
    description TEXT
);

CREATE TABLE modal_display_logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    modal_type TEXT NOT NULL,
    modal_key TEXT NOT NULL,
    display_count INTEGER NOT NULL DEFAULT 0,
    first_displayed_at TEXT,
    last_displayed_at TEXT,
    is_dismissed INTEGER NOT NULL DEFAULT 0,
    dismissed_at TEXT,
    UNIQUE (user_id, modal_type, modal_key)
);

CREATE TABLE ranking_snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_date TEXT NOT NULL,
    ranking_type TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    rank_position INTEGER NOT NULL,
    metric_value INTEGER NOT NULL,
    reward_amount_cents INTEGER NOT NULL DEFAULT 0,
    is_rewarded INTEGER NOT NULL DEFAULT 0,
    redemption_code TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (snapshot_date, ranking_type, user_id)
);
CREATE INDEX idx_ranking_snapshots_date ON ranking_snapshots(snapshot_date, ranking_type);

-- A guard row that must be 1: a batch inserts `(condition) ` here to roll itself back when a
-- condition (enough stock, …) no longer holds inside the transaction; the row is deleted again.
CREATE TABLE batch_guards (
    ok INTEGER NOT NULL CHECK (ok = 1)
);

INSERT INTO checkin_rewards (reward_type, condition_value, amount_cents, description) VALUES
    ('base', 0, 1000, '基础签到奖励'),
    ('consecutive', 5, 10000, '连续签到5天奖励'),
    ('consecutive', 10, 50000, '连续签到10天奖励'),
    ('consecutive', 15, 100000, '连续签到15天奖励'),
    ('consecutive', 30, 300000, '连续签到30天奖励');

INSERT INTO modal_configs (modal_type, max_display_count, cooldown_minutes, description) VALUES
    ('checkin', 1, 0, '签到成功弹窗'),
    ('reward', 1, 0, '连续签到奖励弹窗'),
    ('system', 3, 60, '系统通知弹窗');
