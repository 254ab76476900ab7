public import Outpost

/// A worker's resolved configuration: wrangler's schema plus the `[outpost]` table, with
/// `[env.NAME]` already applied and `.dev.vars` secrets loaded.
public struct WorkerConfig: Sendable {
    /// The config file this came from (as given or found), e.g. `wrangler-like.toml`.
    public var file: String
    /// The directory holding the config file; relative paths in the config resolve against it.
    public var directory: String
    /// The `--env` that was applied, if any.
    public var environment: String?
    /// `name` (with `-<env>` appended under an environment, as wrangler does).
    public var name: String?
    /// `main` (informational for Outpost).
    public var main: String?
    /// `compatibility_date`.
    public var compatibilityDate: String?
    /// `compatibility_flags`.
    public var compatibilityFlags: [String] = []
    /// `account_id` (informational for Outpost).
    public var accountID: String?
    /// `workers_dev` (informational for Outpost).
    public var workersDev: Bool?
    /// `[vars]`: strings, or JSON for non-string TOML values.
    public var vars: [String: JSONValue] = [:]
    /// Secrets from `.dev.vars` / `.dev.vars.<env>` (or `.env`), never logged.
    public var secrets: [String: String] = [:]
    /// `secrets.required`: when set, only these secrets (and secrets overriding a var) are loaded.
    public var requiredSecrets: [String]?
    /// The files the secrets were read from, as shown in messages (e.g. `.dev.vars.staging`).
    public var secretsFiles: [String] = []
    /// `[[kv_namespaces]]`.
    public var kvNamespaces: [KVNamespaceConfig] = []
    /// `[[d1_databases]]`.
    public var d1Databases: [D1DatabaseConfig] = []
    /// `[triggers] crons`.
    public var crons: [CronTriggerConfig] = []
    /// `routes` / `route` patterns (informational; nginx routes requests).
    public var routes: [String] = []
    /// `[assets]`.
    public var assets: AssetsConfig?
    /// The `[outpost]` table.
    public var outpost: OutpostSettings = OutpostSettings()
    /// Non-fatal findings: unknown keys, bindings missing in an environment, ….
    public var warnings: [ConfigDiagnostic] = []

    /// An empty configuration for `file` in `directory`.
    public init(file: String, directory: String) {
        self.file = file
        self.directory = directory
    }
}

/// One `[[kv_namespaces]]` entry.
public struct KVNamespaceConfig: Sendable, Equatable {
    /// `binding`: the name in `env`.
    public var binding: String
    /// `id`.
    public var id: String?
    /// `preview_id`.
    public var previewID: String?
    /// Outpost extra: `backend = "sqlite" | "redis"` (default sqlite).
    public var backend: String = "sqlite"
    /// Outpost extra: `url` for a networked backend (`redis://127.0.0.1:6379/0`).
    public var url: String?
    /// The config line of this entry, for messages.
    public var line: Int = 0

    /// An entry for `binding`.
    public init(binding: String, id: String? = nil, previewID: String? = nil) {
        self.binding = binding
        self.id = id
        self.previewID = previewID
    }

    /// The local namespace name: `id`, falling back to the binding name, as wrangler does locally.
    public var localName: String { id ?? binding }
}

/// One `[[d1_databases]]` entry.
public struct D1DatabaseConfig: Sendable, Equatable {
    /// `binding`: the name in `env`.
    public var binding: String
    /// `database_name`.
    public var databaseName: String?
    /// `database_id`.
    public var databaseID: String?
    /// `preview_database_id`.
    public var previewDatabaseID: String?
    /// `migrations_dir`, resolved against the config directory (default `<dir>/migrations`).
    public var migrationsDir: String
    /// `migrations_table` (default `d1_migrations`).
    public var migrationsTable: String = "d1_migrations"
    /// Outpost extra: `backend` (with `url`, `timeout_ms`), the embedded file by default.
    public var backend: D1BackendConfig = .sqlite
    /// The config line of this entry, for messages.
    public var line: Int = 0

    /// An entry for `binding` whose migrations live in `migrationsDir`.
    public init(binding: String, databaseName: String? = nil, migrationsDir: String) {
        self.binding = binding
        self.databaseName = databaseName
        self.migrationsDir = migrationsDir
    }

    /// The local file name: `database_name`, else the binding (readable, unlike wrangler's hashes).
    public var localName: String { databaseName ?? binding }
}

/// One cron from `[triggers] crons`, with where it was written.
public struct CronTriggerConfig: Sendable, Equatable {
    /// The expression as written, e.g. `*/5 * * * *`.
    public var expression: String
    /// The config line it is on.
    public var line: Int

    /// A cron `expression` written on `line`.
    public init(expression: String, line: Int) {
        self.expression = expression
        self.line = line
    }
}

/// `[assets]`: static files nginx serves in front of the worker.
public struct AssetsConfig: Sendable, Equatable {
    /// `directory`, resolved against the config directory.
    public var directory: String
    /// `binding`, if the worker reads assets itself.
    public var binding: String?

    /// Assets in `directory`.
    public init(directory: String, binding: String? = nil) {
        self.directory = directory
        self.binding = binding
    }
}

/// Where the FastCGI responder listens.
public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// A unix socket at an absolute path.
    case unix(path: String)
    /// TCP on `host:port`.
    case tcp(host: String, port: Int)

    /// Parses `unix:/path`, `/path`, `host:port` or `:port`; relative unix paths resolve against `directory`.
    public init?(parsing text: String, relativeTo directory: String) {
        if text.hasPrefix("unix:") || text.hasPrefix("/") || text.hasPrefix(".") {
            var path = text.hasPrefix("unix:") ? String(text.dropFirst(5)) : text
            guard !path.isEmpty else { return nil }
            if !path.hasPrefix("/") { path = directory + "/" + path }
            self = .unix(path: ConfigPath.normalize(path))
            return
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self = .tcp(host: host.isEmpty ? "127.0.0.1" : host, port: port)
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}

/// The `[outpost]` table: runtime settings that wrangler's schema has no place for.
public struct OutpostSettings: Sendable, Equatable {
    /// `listen`: where FastCGI is served (default `unix:<state_dir>/outpost.sock`, set by the loader).
    public var listen: ListenAddress?
    /// `socket_mode`: permission bits of a unix socket (default `0o660`: owner and group only).
    public var socketMode: UInt32 = 0o660
    /// `socket_group`: group that owns a unix socket (nginx's, e.g. `www-data`); default the process's.
    public var socketGroup: String?
    /// `backlog`: the listen queue length.
    public var backlog: Int = 511
    /// `threads`: accept threads, the number of requests served at once (php-fpm's `pm.max_children`).
    public var threads: Int = 8
    /// `max_body_bytes`: larger request bodies get 413 (default 100 MiB, Cloudflare's free-plan limit).
    public var maxBodyBytes: Int = 100 * 1024 * 1024
    /// `request_timeout_ms`: a handler running longer is answered 504 (0 = no limit).
    public var requestTimeoutMs: Int = 30_000
    /// `shutdown_timeout_ms`: how long SIGTERM waits for in-flight requests and waitUntil work.
    public var shutdownTimeoutMs: Int = 30_000
    /// `slowlog_ms`: requests slower than this are logged (0 = off).
    public var slowlogMs: Int = 0
    /// `state_dir`: where KV and D1 files live (default `<config dir>/.outpost/state`).
    public var stateDir: String = ".outpost/state"
    /// `status_path`: the status endpoint's path (off when `nil`).
    public var statusPath: String?
    /// `colo`: the value of `request.cf.colo`.
    public var colo: String = "LOCAL"
    /// `crons`: whether this process runs `[triggers]` crons.
    public var crons: Bool = true
    /// `dev_port`: the loopback port `dev` serves HTTP on.
    public var devPort: Int = 8787

    /// Defaults.
    public init() {}
}

/// A finding about the config: where it is and what is wrong.
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The config file.
    public var file: String
    /// The 1-based line, or 0 when the finding has no line.
    public var line: Int
    /// The dotted key path, e.g. `outpost.threads` or `kv_namespaces[1].binding`.
    public var keyPath: String
    /// What is wrong, in words a user can act on.
    public var message: String

    /// A finding at `file:line` about `keyPath`.
    public init(file: String, line: Int, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return keyPath.isEmpty ? "\(place): \(message)" : "\(place): \(keyPath): \(message)"
    }
}

/// A config that cannot be used: a syntax error, a wrong type or a bad value.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where and what.
    public var diagnostic: ConfigDiagnostic

    /// An error at `file:line` about `keyPath`.
    public init(file: String, line: Int, keyPath: String, message: String) {
        diagnostic = ConfigDiagnostic(file: file, line: line, keyPath: keyPath, message: message)
    }

    public var description: String { "error: \(diagnostic)" }
}

/// Path helpers shared by the loader.
public enum ConfigPath {
    /// Removes `.` and `..` components and duplicate slashes.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// `path` resolved against `directory` when relative.
    public static func resolve(_ path: String, against directory: String) -> String {
        normalize(path.hasPrefix("/") ? path : directory + "/" + path)
    }
}
