/// Which keys of wrangler's schema Outpost reads, which it ignores, and which `[env.NAME]` inherits.
///
/// The rule for keys Outpost does not use: keys that only matter to building or deploying (`build`,
/// `placement`, `observability`, …) are accepted silently, because they do not change what the worker sees
/// locally; keys that declare a binding Outpost cannot provide (`r2_buckets`, `durable_objects`, …) warn
/// "not supported by Outpost", because the worker would find that binding missing from `env`.
enum ConfigSchema {
    /// Top-level keys Outpost maps into `WorkerConfig`.
    static let supported: Set<String> = [
        "name", "main", "compatibility_date", "compatibility_flags", "account_id", "workers_dev", "route", "routes",
        "vars", "kv_namespaces", "d1_databases", "triggers", "assets", "outpost", "env", "secrets",
    ]

    /// Wrangler keys about building, bundling and deploying: accepted without a word.
    static let deployOnly: Set<String> = [
        "$schema", "alias", "base_dir", "build", "define", "find_additional_modules", "first_party_worker",
        "jsx_factory", "jsx_fragment", "keep_names", "keep_vars", "legacy_env", "limits", "logpush", "migrations",
        "minify", "no_bundle", "node_compat", "observability", "placement", "preserve_file_names", "preview_urls",
        "rules", "send_metrics", "site", "tail_consumers", "tsconfig", "upload_source_maps", "usage_model",
        "dev", "zone_id", "compliance_region", "containers", "streaming_tail_consumers", "python_modules",
    ]

    /// Wrangler binding keys Outpost has no implementation for: warned as "not supported by Outpost".
    static let unsupportedBindings: Set<String> = [
        "ai", "analytics_engine_datasets", "browser", "data_blobs", "dispatch_namespaces", "durable_objects",
        "hyperdrive", "images", "logfwdr", "mtls_certificates", "pipelines", "queues", "r2_buckets",
        "secrets_store_secrets", "send_email", "services", "text_blobs", "unsafe", "vectorize", "version_metadata",
        "wasm_modules", "workflows", "unsafe_hello_world", "ratelimits", "worker_loaders", "vpc_services",
    ]

    /// Keys `[env.NAME]` does not inherit from the top level: bindings must be repeated per environment.
    static let nonInheritable: Set<String> = unsupportedBindings.union([
        "vars", "define", "kv_namespaces", "d1_databases", "secrets", "tail_consumers",
    ])

    /// Keys of a `[[kv_namespaces]]` entry (`backend` and `url` are Outpost extras).
    static let kvNamespace: Set<String> = [
        "binding", "id", "preview_id", "backend", "url", "connect_timeout_ms", "command_timeout_ms", "remote",
        "experimental_remote",
    ]

    /// Keys of a `[[d1_databases]]` entry.
    static let d1Database: Set<String> = [
        "binding", "database_name", "database_id", "preview_database_id", "migrations_dir", "migrations_table",
        "migrations_pattern", "remote", "experimental_remote", "database_internal_env", "backend", "url", "timeout_ms",
    ]

    /// Keys of `[triggers]`.
    static let triggers: Set<String> = ["crons"]

    /// Keys of `[secrets]`.
    static let secrets: Set<String> = ["required"]

    /// Keys of `[assets]`.
    static let assets: Set<String> = [
        "directory", "binding", "html_handling", "not_found_handling", "run_worker_first",
        "experimental_serve_directly",
    ]

    /// Keys of a `routes = [{ pattern = … }]` entry.
    static let route: Set<String> = ["pattern", "zone_id", "zone_name", "custom_domain"]

    /// Keys of `[outpost]`.
    static let outpost: Set<String> = [
        "listen", "socket_mode", "socket_group", "backlog", "threads", "processes", "kept_connections",
        "ready_timeout_ms",
        "trusted_proxies", "max_body_bytes", "request_timeout_ms",
        "shutdown_timeout_ms", "slowlog_ms", "state_dir", "status_path", "colo", "crons", "dev_port",
    ]

    /// The warning for a key that is not in `known`, suggesting the closest known key.
    static func unknownKey(_ field: ConfigField, known: Set<String>) -> ConfigDiagnostic {
        if let suggestion = KeySuggester.suggestion(for: field.key, among: known.sorted()) {
            return field.warning("unknown key, ignored (did you mean `\(suggestion)`?)")
        }
        return field.warning("unknown key, ignored")
    }
}
