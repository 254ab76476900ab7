extension D1BackendConfig {
    /// Reads `backend`, `url` and `timeout_ms` of a `[[d1_databases]]` entry (`entry`); a wrong value
    /// fails with its key path, file and line, `url` or `timeout_ms` without `backend = "dqlite"` warns.
    init(entry: ConfigField, members: [ConfigField], warnings: inout [ConfigDiagnostic]) throws(ConfigError) {
        let backend = members.first { $0.key == "backend" }
        let url = members.first { $0.key == "url" }
        let timeout = members.first { $0.key == "timeout_ms" }
        let name = try backend?.string() ?? "sqlite"
        switch name {
        case "sqlite":
            for field in [url, timeout].compactMap({ $0 }) {
                warnings.append(field.warning("`\(field.key)` is only used with backend = \"dqlite\", ignored"))
            }
            self = .sqlite
        case "dqlite":
            guard let url else {
                throw entry.error(
                    "backend \"dqlite\" needs a `url`, e.g. \"dqlite://127.0.0.1:9001,127.0.0.1:9002/mydb\"")
            }
            let (nodes, database) = try Self.parse(url)
            let timeoutMs = try timeout?.integer(in: 1...600_000) ?? Self.defaultTimeoutMs
            self = .dqlite(nodes: nodes, database: database, timeoutMs: timeoutMs)
        default:
            throw backend!.mismatch("\"sqlite\" or \"dqlite\"")
        }
    }

    /// `dqlite://host:port[,host:port…]/<database>` split into its nodes and database name.
    private static func parse(_ field: ConfigField) throws(ConfigError) -> (nodes: [String], database: String) {
        let text = try field.nonEmptyString()
        let example = "a dqlite://host:port[,host:port…]/<database> URL"
        guard text.hasPrefix("dqlite://") else { throw field.mismatch(example) }
        let rest = text.dropFirst("dqlite://".count)
        guard let slash = rest.firstIndex(of: "/") else { throw field.mismatch(example) }
        let database = String(rest[rest.index(after: slash)...])
        guard !database.isEmpty, !database.contains("/"), !database.contains("\0") else {
            throw field.error("needs one database name after the nodes, e.g. dqlite://127.0.0.1:9001/mydb")
        }
        var nodes: [String] = []
        for node in rest[..<slash].split(separator: ",", omittingEmptySubsequences: false) {
            guard let colon = node.lastIndex(of: ":"), colon != node.startIndex,
                let port = Int(node[node.index(after: colon)...]), (1...65535).contains(port)
            else { throw field.error("node \"\(node)\" is not host:port") }
            nodes.append(String(node))
        }
        return (nodes, database)
    }
}
