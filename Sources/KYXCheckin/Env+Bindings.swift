// Generated from wrangler-like.toml by the worker's `types` command; do not edit.
// After changing the config, run `types --out <this file>` again (`check` warns when it is stale).
// outpost-types: config=wrangler-like.toml

import Outpost

extension Env {
    /// The KV namespace of `[[kv_namespaces]]` binding = "KV" (id = "kyx-kv") in wrangler-like.toml.
    /// JS equivalent: `env.KV`.
    var KV: KVNamespace {
        get throws(BindingError) { try kv("KV") }
    }

    /// The D1 database of `[[d1_databases]]` binding = "DB" (database_name = "kyx-db") in wrangler-like.toml.
    /// JS equivalent: `env.DB`.
    var DB: D1Database {
        get throws(BindingError) { try d1("DB") }
    }
}

extension [String: JSONValue] {
    /// `ADMIN_PBKDF2_ITERATIONS = "600000"` in `[vars]` of wrangler-like.toml;
    /// a secret of the same name wins in `env["ADMIN_PBKDF2_ITERATIONS"]`.
    /// JS equivalent: `env.ADMIN_PBKDF2_ITERATIONS`.
    var ADMIN_PBKDF2_ITERATIONS: String? { self["ADMIN_PBKDF2_ITERATIONS"]?.stringValue }

    /// `DEV_LOGIN_ENABLED = "false"` in `[vars]` of wrangler-like.toml;
    /// a secret of the same name wins in `env["DEV_LOGIN_ENABLED"]`.
    /// JS equivalent: `env.DEV_LOGIN_ENABLED`.
    var DEV_LOGIN_ENABLED: String? { self["DEV_LOGIN_ENABLED"]?.stringValue }

    /// `MAX_CONSECUTIVE_BREAK_DAYS = "1"` in `[vars]` of wrangler-like.toml;
    /// a secret of the same name wins in `env["MAX_CONSECUTIVE_BREAK_DAYS"]`.
    /// JS equivalent: `env.MAX_CONSECUTIVE_BREAK_DAYS`.
    var MAX_CONSECUTIVE_BREAK_DAYS: String? { self["MAX_CONSECUTIVE_BREAK_DAYS"]?.stringValue }

    /// `TIMEZONE_OFFSET_MINUTES = "480"` in `[vars]` of wrangler-like.toml;
    /// a secret of the same name wins in `env["TIMEZONE_OFFSET_MINUTES"]`.
    /// JS equivalent: `env.TIMEZONE_OFFSET_MINUTES`.
    var TIMEZONE_OFFSET_MINUTES: String? { self["TIMEZONE_OFFSET_MINUTES"]?.stringValue }
}
