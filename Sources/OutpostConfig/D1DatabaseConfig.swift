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
    /// `migrations_dir` as written in the file (`nil` when unset); wrangler's pattern checks and
    /// messages use it as written.
    public var configuredMigrationsDir: String?
    /// `migrations_pattern`: the glob, relative to the config's directory, that decides which files are
    /// migrations (`nil` when unset: `<migrations_dir>/*.sql`).
    public var migrationsPattern: String?
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
