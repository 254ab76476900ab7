/// What a changed file means to `dev --watch`.
enum WatchChange: Hashable, Sendable {
    /// A source of the package (`Sources/**`, `Package.swift`): rebuild, then reload the workers.
    case sources
    /// The config file: re-render and reload nginx, reload the workers.
    case config
    /// `.dev.vars*` or `.env*` beside the config: reload the workers.
    case secrets
    /// A file in the migrations folder of the D1 binding `database`: report (or apply) new migrations.
    case migrations(database: String)
}
