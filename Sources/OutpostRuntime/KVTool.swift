import Foundation
package import Outpost
package import OutpostConfig

/// What the `kv` commands do, separated from argument parsing so it can be tested: every operation
/// goes through `KVNamespace` (the same validation as a worker) on the same files as the server.
package struct KVTool {
    /// Opens the namespaces of the config.
    package let stores: KVStores

    /// A tool for the namespaces of `config`.
    package init(config: WorkerConfig, clock: KVClock = .system) {
        stores = KVStores(config: config, clock: clock)
    }

    /// `kv namespace list`: every configured namespace with its id and file, as JSON.
    package func namespaceList() -> JSONValue {
        .array(
            stores.config.kvNamespaces.map { namespace in
                var object: JSONObject = ["binding": .string(namespace.binding)]
                object["id"] = namespace.id.map(JSONValue.string) ?? .null
                if let previewID = namespace.previewID { object["preview_id"] = .string(previewID) }
                object["backend"] = .string(namespace.backend)
                if let redis = namespace.redis {
                    object["url"] = .string(redis.description)
                } else {
                    object["file"] = .string(stores.filePath(of: namespace))
                }
                return .object(object)
            })
    }

    /// `kv key put`: stores `value` under `key` with the given options; returns wrangler's message.
    package func put(
        _ key: String, value: [UInt8], binding: String, metadata: String? = nil, ttl: Int? = nil,
        expiration: Int? = nil
    ) async throws -> String {
        let entry = try stores.entry(binding: binding)
        var parsedMetadata: JSONValue?
        if let metadata {
            do {
                parsedMetadata = try JSONValue(parsing: metadata)
            } catch {
                throw KVConfigError("--metadata is not valid JSON: \(error)")
            }
        }
        try await stores.namespace(for: entry).put(
            key, value, expiration: expiration, expirationTtl: ttl, metadata: parsedMetadata)
        return "Writing the value to key \"\(key)\" on namespace \(entry.localName)."
    }

    /// `kv key get`: the value of `key`, or `nil` when missing.
    package func get(_ key: String, binding: String) async throws -> [UInt8]? {
        try await stores.namespace(binding: binding).get(key, type: .bytes)
    }

    /// `kv key delete`: removes `key`; returns wrangler's message.
    package func delete(_ key: String, binding: String) async throws -> String {
        let entry = try stores.entry(binding: binding)
        try await stores.namespace(for: entry).delete(key)
        return "Deleting the key \"\(key)\" on namespace \(entry.localName)."
    }

    /// `kv key list`: every key with `prefix` (all pages), as wrangler prints them.
    package func list(binding: String, prefix: String? = nil) async throws -> JSONValue {
        let namespace = try stores.namespace(binding: binding)
        var keys: [JSONValue] = []
        var cursor: String?
        repeat {
            let page = try await namespace.list(prefix: prefix, cursor: cursor)
            keys += page.keys.map(\.json)
            cursor = page.listComplete ? nil : page.cursor
        } while cursor != nil
        return .array(keys)
    }

    /// `kv bulk put`: stores every `{key, value, expiration?, expiration_ttl?, metadata?, base64?}` of
    /// the JSON array `json`; all entries are checked before any is written. Returns the count.
    package func bulkPut(_ json: [UInt8], binding: String) async throws -> Int {
        let namespace = try stores.namespace(binding: binding)
        let items = try Self.parseArray(json)
        var entries: [(key: String, value: [UInt8], expiration: Int?, ttl: Int?, metadata: JSONValue?)] = []
        for (index, item) in items.enumerated() {
            guard case .object(let object) = item, let key = object["key"]?.stringValue,
                let text = object["value"]?.stringValue
            else {
                throw KVConfigError(
                    "bulk put: item \(index) must be an object with string \"key\" and \"value\" "
                        + "(and optional expiration, expiration_ttl, metadata, base64)")
            }
            var value = Array(text.utf8)
            if object["base64"]?.boolValue == true {
                guard let data = Data(base64Encoded: text) else {
                    throw KVConfigError(
                        "bulk put: item \(index) (\"\(key)\") has base64 true but its value is not base64")
                }
                value = Array(data)
            }
            let expiration = try Self.integer(object["expiration"], "expiration", index)
            let ttl = try Self.integer(object["expiration_ttl"], "expiration_ttl", index)
            entries.append((key, value, expiration, ttl, object["metadata"]))
        }
        for entry in entries {
            try await namespace.put(
                entry.key, entry.value, expiration: entry.expiration, expirationTtl: entry.ttl, metadata: entry.metadata
            )
        }
        return entries.count
    }

    /// `kv bulk delete`: removes every key of the JSON array `json` (strings or `{key}` objects).
    /// Returns the count.
    package func bulkDelete(_ json: [UInt8], binding: String) async throws -> Int {
        let namespace = try stores.namespace(binding: binding)
        let keys = try Self.parseArray(json).enumerated().map { index, item in
            if let key = item.stringValue ?? item["key"]?.stringValue { return key }
            throw KVConfigError("bulk delete: item \(index) must be a string or an object with a string \"key\"")
        }
        for key in keys { try await namespace.delete(key) }
        return keys.count
    }

    private static func parseArray(_ json: [UInt8]) throws -> [JSONValue] {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: json)
        } catch {
            throw KVConfigError("the bulk file is not valid JSON: \(error)")
        }
        guard case .array(let items) = value else { throw KVConfigError("the bulk file must hold a JSON array") }
        return items
    }

    private static func integer(_ value: JSONValue?, _ name: String, _ index: Int) throws -> Int? {
        guard let value, value != .null else { return nil }
        guard let number = value.intValue else {
            throw KVConfigError("bulk put: item \(index) has a non-integer \"\(name)\"")
        }
        return number
    }
}
