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
    public var vars: [String: VarValue] = [:]
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
    /// The `routes` entries marked `custom_domain = true` (by pattern).
    public var customDomains: Set<String> = []
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
