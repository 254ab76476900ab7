import Foundation

extension RedisKVConfig {
    /// Parses `url` (after `${NAME}` expansion with `lookup`) and the timeout keys of a
    /// `backend = "redis"` entry; every mistake is an error at the offending key.
    init(
        urlField: ConfigField, members: [ConfigField], lookup: (String) -> String?, secretsSource: String
    ) throws(ConfigError) {
        let raw = try urlField.nonEmptyString()
        let url = try Self.expand(raw, field: urlField, lookup: lookup, secretsSource: secretsSource)
        self = try Self.parse(url, raw: raw, field: urlField)
        for member in members {
            switch member.key {
            case "connect_timeout_ms": connectTimeoutMs = try member.integer(in: 1...60_000)
            case "command_timeout_ms": commandTimeoutMs = try member.integer(in: 1...60_000)
            default: break
            }
        }
    }

    /// `${NAME}` replaced by `lookup(NAME)`; an unset name is an error.
    static func expand(
        _ text: String, field: ConfigField, lookup: (String) -> String?, secretsSource: String
    ) throws(ConfigError) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw field.error("unterminated `${` in url (write `${NAME}`)")
            }
            let name = String(rest[start.upperBound..<end])
            guard name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil else {
                throw field.error("`${\(name)}` in url is not a variable name (letters, digits and `_`)")
            }
            guard let value = lookup(name) else {
                throw field.error(
                    "url uses ${\(name)}, which is set neither in the process environment nor in \(secretsSource)")
            }
            result += value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// `redis://[:password@]host[:port][/db]` or `unix://[:password@]/path[?db=N]`.
    static func parse(_ url: String, raw: String, field: ConfigField) throws(ConfigError) -> RedisKVConfig {
        if url.hasPrefix("rediss://") {
            throw field.error(
                "rediss:// (TLS) is not supported yet: Debian's hiredis 0.14 has no TLS; use redis:// on a "
                    + "private network, a unix:// socket, or a TLS tunnel such as stunnel")
        }
        if url.hasPrefix("unix://") { return try unix(String(url.dropFirst("unix://".count)), raw: raw, field: field) }
        guard url.hasPrefix("redis://") else {
            throw field.error("expected a redis:// or unix:// URL, e.g. \"redis://127.0.0.1:6379/0\"")
        }
        var rest = Substring(url.dropFirst("redis://".count))
        let password = try takePassword(&rest, field: field)
        var database = 0
        if let slash = rest.firstIndex(of: "/") {
            let text = rest[rest.index(after: slash)...]
            if !text.isEmpty { database = try number(text, what: "database number", range: 0...65_535, field: field) }
            rest = rest[..<slash]
        }
        var host = String(rest)
        var port = 6379
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw field.error("unterminated `[` in the url's host") }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                port = try number(after.dropFirst(), what: "port", range: 1...65_535, field: field)
            } else if !after.isEmpty {
                throw field.error("unexpected \"\(after)\" after the url's host")
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            port = try number(host[host.index(after: colon)...], what: "port", range: 1...65_535, field: field)
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw field.error("the url has no host, e.g. \"redis://127.0.0.1:6379/0\"") }
        var config = RedisKVConfig(address: .tcp(host: host, port: port), password: password, rawURL: raw)
        config.database = database
        return config
    }

    private static func unix(_ text: String, raw: String, field: ConfigField) throws(ConfigError) -> RedisKVConfig {
        var rest = Substring(text)
        let password = try takePassword(&rest, field: field)
        var database = 0
        if let question = rest.firstIndex(of: "?") {
            let query = rest[rest.index(after: question)...]
            guard query.hasPrefix("db=") else { throw field.error("the only query a unix:// url takes is `?db=N`") }
            database = try number(query.dropFirst(3), what: "database number", range: 0...65_535, field: field)
            rest = rest[..<question]
        }
        guard rest.hasPrefix("/") else {
            throw field.error("a unix:// url needs an absolute socket path, e.g. \"unix:///run/redis/redis.sock\"")
        }
        var config = RedisKVConfig(address: .unix(path: String(rest)), password: password, rawURL: raw)
        config.database = database
        return config
    }

    /// Removes `[user]:password@` from the front of `rest`; a user name (ACL) is refused.
    private static func takePassword(_ rest: inout Substring, field: ConfigField) throws(ConfigError) -> String? {
        guard let at = rest.lastIndex(of: "@") else { return nil }
        let userInfo = rest[..<at]
        rest = rest[rest.index(after: at)...]
        guard userInfo.hasPrefix(":") else {
            throw field.error("write the password as `redis://:PASSWORD@host` (Redis ACL user names are not supported)")
        }
        let password = String(userInfo.dropFirst())
        return password.removingPercentEncoding ?? password
    }

    private static func number(
        _ text: Substring, what: String, range: ClosedRange<Int>, field: ConfigField
    ) throws(ConfigError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw field.error(
                "the url's \(what) must be an integer from \(range.lowerBound) to \(range.upperBound), found \"\(text)\""
            )
        }
        return value
    }
}
