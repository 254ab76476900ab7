import Outpost

/// The worker's `AppSettings`, read from an `Env`'s vars and secrets once and reused for every request
/// handed the same vars and secrets (the runtime builds one `Env` per process, so this is once per
/// process). Comparing them is a pointer check when they are the same storage, as they are then.
final class SettingsMemo: Sendable {
    private struct Entry {
        let vars: [String: JSONValue]
        let secrets: [String: String]
        let settings: AppSettings
    }

    /// Read by every request from every accept thread: shared reads, no waiting on one another.
    private let entry = ReadWriteLocked<Entry?>(nil)

    /// The settings of `env`: the kept ones when `env` has the same vars and secrets, else read now (and kept).
    func settings(for env: Env) -> AppSettings {
        let kept = entry.read { entry -> AppSettings? in
            guard let entry, entry.vars == env.vars, entry.secrets == env.secrets else { return nil }
            return entry.settings
        }
        if let kept { return kept }
        let settings = AppSettings(env: env)
        entry.write { $0 = Entry(vars: env.vars, secrets: env.secrets, settings: settings) }
        return settings
    }
}
