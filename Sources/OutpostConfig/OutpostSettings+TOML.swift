import Glibc

extension OutpostSettings {
    /// Reads the `[outpost]` fields in effect; relative paths resolve against `directory`. `state_dir`
    /// defaults to `<directory>/.outpost/state` and `listen` to `unix:<state_dir>/outpost.sock`.
    init(fields: [ConfigField], directory: String, warnings: inout [ConfigDiagnostic]) throws(ConfigError) {
        self.init()
        stateDir = ConfigPath.resolve(".outpost/state", against: directory)
        var listenField: ConfigField?
        for field in fields {
            switch field.key {
            case "listen": listenField = field
            case "state_dir": stateDir = ConfigPath.resolve(try field.nonEmptyString(), against: directory)
            default: try apply(field, warnings: &warnings)
            }
        }
        listen = .unix(path: stateDir + "/outpost.sock")
        if let listenField { listen = try Self.listenAddress(listenField, directory: directory) }
    }

    private mutating func apply(_ field: ConfigField, warnings: inout [ConfigDiagnostic]) throws(ConfigError) {
        switch field.key {
        case "socket_mode": socketMode = try Self.socketMode(field)
        case "socket_group": socketGroup = try field.nonEmptyString()
        case "backlog": backlog = try field.integer(in: 1...65535)
        case "threads": threads = try field.integer(in: 1...1024)
        case "processes": processes = try field.integer(in: 1...256)
        case "kept_connections": keptConnections = try field.integer(in: 0...65536)
        case "ready_timeout_ms": readyTimeoutMs = try field.integer(in: 1...600_000)
        case "trusted_proxies": trustedProxies = try Self.trustedProxies(field)
        case "max_body_bytes": maxBodyBytes = try field.integer(in: 1...Int.max)
        case "request_timeout_ms": requestTimeoutMs = try field.integer(in: 0...Int.max)
        case "shutdown_timeout_ms": shutdownTimeoutMs = try field.integer(in: 0...Int.max)
        case "slowlog_ms": slowlogMs = try field.integer(in: 0...Int.max)
        case "status_path": statusPath = try Self.statusPath(field)
        case "colo": colo = try field.nonEmptyString()
        case "crons": crons = try field.bool()
        case "dev_port": devPort = try field.integer(in: 1...65535)
        default: warnings.append(ConfigSchema.unknownKey(field, known: ConfigSchema.outpost))
        }
    }

    private static func listenAddress(_ field: ConfigField, directory: String) throws(ConfigError) -> ListenAddress {
        guard let text = field.value.stringValue, let address = ListenAddress(parsing: text, relativeTo: directory)
        else { throw field.mismatch("\"unix:/path/to.sock\", \"/path/to.sock\", \"host:port\" or \":port\"") }
        return address
    }

    /// `socket_mode`: octal digits in a string (`"0660"`, `"0o660"`) or an integer (`0o660`), at most `0o777`,
    /// and never writable by others: anyone who can connect to the socket is trusted as nginx.
    private static func socketMode(_ field: ConfigField) throws(ConfigError) -> UInt32 {
        let expectation = "permission bits up to 0o777 as octal digits in a string (\"0660\") or an integer (0o660)"
        let mode: UInt32
        switch field.value.kind {
        case .integer(let number) where (0...0o777).contains(number):
            mode = UInt32(number)
        case .string(let text):
            let digits = text.hasPrefix("0o") ? text.dropFirst(2) : Substring(text)
            guard (1...4).contains(digits.count), digits.allSatisfy({ ("0"..."7").contains($0) }),
                let parsed = UInt32(digits, radix: 8), parsed <= 0o777
            else { throw field.mismatch(expectation) }
            mode = parsed
        default:
            throw field.mismatch(expectation)
        }
        guard mode & 0o002 == 0 else {
            throw field.error(
                "socket mode 0\(String(mode, radix: 8)) lets every local user connect and send requests as if they were nginx; "
                    + "use 0660 with socket_group set to nginx's group (e.g. \"www-data\")")
        }
        return mode
    }

    /// `trusted_proxies`: an array of IPv4/IPv6 addresses or CIDRs (`"10.0.0.0/8"`, `"::1"`).
    private static func trustedProxies(_ field: ConfigField) throws(ConfigError) -> [String] {
        var ranges: [String] = []
        for element in try field.array() {
            let text = try element.nonEmptyString()
            guard isCIDR(text) else {
                throw element.mismatch("an IP address or CIDR such as \"10.0.0.0/8\" or \"::1\"")
            }
            ranges.append(text)
        }
        return ranges
    }

    private static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var bytes = [UInt8](repeating: 0, count: 16)
        let bits: Int
        if inet_pton(AF_INET, String(parts[0]), &bytes) == 1 {
            bits = 32
        } else if inet_pton(AF_INET6, String(parts[0]), &bytes) == 1 {
            bits = 128
        } else {
            return false
        }
        guard parts.count == 2 else { return true }
        return Int(parts[1]).map { (0...bits).contains($0) } ?? false
    }

    private static func statusPath(_ field: ConfigField) throws(ConfigError) -> String {
        let path = try field.string()
        guard path.hasPrefix("/") else { throw field.mismatch("a path starting with \"/\"") }
        return path
    }
}
