import Foundation

extension KVNamespace {
    /// The value of `key` as text, or `nil` when missing or expired.
    ///
    /// JS equivalent: `await env.KV.get(key)` / `get(key, { cacheTtl })`. `cacheTtl` is checked
    /// (at least 30) and otherwise ignored.
    public func get(_ key: String, cacheTtl: Int? = nil) async throws -> String? {
        try await get(key, type: .text, cacheTtl: cacheTtl)
    }

    /// The value of `key` as `type` (`.text`, `.json`, `.bytes`, `.stream`), or `nil` when missing or expired.
    ///
    /// JS equivalent: `await env.KV.get(key, "json")` / `get(key, { type, cacheTtl })`. Invalid JSON
    /// with `.json` throws `JSONParseError` (JS: `SyntaxError`).
    public func get<Value>(_ key: String, type: KVValueType<Value>, cacheTtl: Int? = nil) async throws -> Value? {
        try await fetch(key, cacheTtl: cacheTtl, decode: type.decode)?.value
    }

    /// The value of `key` parsed as JSON, or `nil` when missing or expired.
    ///
    /// JS equivalent: `await env.KV.get(key, "json")`.
    public func getJSON(_ key: String, cacheTtl: Int? = nil) async throws -> JSONValue? {
        try await get(key, type: .json, cacheTtl: cacheTtl)
    }

    /// The value of `key` decoded from JSON into `T`, or `nil` when missing or expired.
    ///
    /// JS equivalent: `await env.KV.get(key, "json")` followed by reading its fields.
    public func get<T: Decodable>(_ key: String, as type: T.Type, cacheTtl: Int? = nil) async throws -> T? {
        try await fetch(key, cacheTtl: cacheTtl) { try JSONDecoder().decode(T.self, from: Data($0)) }?.value
    }

    /// The value of `key` as text with its metadata; value and metadata are `nil` when missing.
    ///
    /// JS equivalent: `await env.KV.getWithMetadata(key)`.
    public func getWithMetadata(_ key: String, cacheTtl: Int? = nil) async throws -> KVValueWithMetadata<String> {
        try await getWithMetadata(key, type: .text, cacheTtl: cacheTtl)
    }

    /// The value of `key` as `type` with its metadata; value and metadata are `nil` when missing.
    ///
    /// JS equivalent: `await env.KV.getWithMetadata(key, "json")` / `getWithMetadata(key, { type, cacheTtl })`.
    public func getWithMetadata<Value>(
        _ key: String, type: KVValueType<Value>, cacheTtl: Int? = nil
    ) async throws -> KVValueWithMetadata<Value> {
        guard let entry = try await fetch(key, cacheTtl: cacheTtl, decode: type.decode) else {
            return KVValueWithMetadata(value: nil, metadata: nil)
        }
        return KVValueWithMetadata(value: entry.value, metadata: KVNamespace.parse(entry.metadata))
    }

    /// The value of `key` decoded from JSON into `T`, with its metadata.
    ///
    /// JS equivalent: `await env.KV.getWithMetadata(key, "json")`.
    public func getWithMetadata<T: Decodable & Sendable>(
        _ key: String, as type: T.Type, cacheTtl: Int? = nil
    ) async throws -> KVValueWithMetadata<T> {
        let entry = try await fetch(key, cacheTtl: cacheTtl) { try JSONDecoder().decode(T.self, from: Data($0)) }
        guard let entry else { return KVValueWithMetadata(value: nil, metadata: nil) }
        return KVValueWithMetadata(value: entry.value, metadata: KVNamespace.parse(entry.metadata))
    }

    /// Validates `key` and `cacheTtl`, then reads the live entry and decodes it in the storage's buffer.
    /// A decoding error (invalid JSON, …) is thrown as is; a storage error becomes a `KVError` 500.
    func fetch<Value>(
        _ key: String, cacheTtl: Int?, decode: (UnsafeRawBufferPointer) throws -> Value
    ) async throws -> (value: Value, metadata: String?)? {
        try KVNamespace.validateKey(key, .get)
        try KVNamespace.validateCacheTtl(cacheTtl, .get)
        guard let borrowing else {
            let entry: KVStoredValue?
            do {
                entry = try await storage.get(key, now: clock.now())
            } catch {
                throw KVNamespace.backendError(.get, error)
            }
            guard let entry else { return nil }
            return (try entry.value.withUnsafeBytes(decode), entry.metadata)
        }
        var decodeError: (any Error)?
        do {
            let entry = try await borrowing.get(key, now: clock.now()) { buffer in
                do {
                    return try decode(buffer)
                } catch {
                    decodeError = error
                    throw error
                }
            }
            return entry.map { ($0.value, $0.metadata) }
        } catch {
            if let decodeError { throw decodeError }
            throw KVNamespace.backendError(.get, error)
        }
    }

    /// Stored metadata text as JSON (`nil` when none).
    static func parse(_ metadata: String?) -> JSONValue? {
        guard let metadata else { return nil }
        return try? JSONValue(parsing: metadata)
    }
}
