import Foundation

/// A KV namespace binding: Cloudflare's rules and error wording in front of a `KVStorage`.
///
/// JS equivalent: `env.NAMESPACE` (a `KVNamespace`). Every check (key, TTL, expiration, metadata,
/// value size, limits) happens here, once, before the storage is touched. Outpost is strongly
/// consistent: a `put` is visible to every later `get`, in this process and in others on the same file.
public struct KVNamespace: Sendable {
    /// The backend holding the entries; reachable only through the validating methods.
    let storage: any KVStorage
    /// The same backend when it can lend its buffers (the zero-copy decode of `get`), else `nil`.
    let borrowing: (any KVBorrowingStorage)?
    /// The source of "now" for expiry.
    /// JS equivalent: `Date.now()` inside the KV service.
    public let clock: KVClock

    /// A namespace on `storage`, reading time from `clock`.
    /// JS equivalent: none (wrangler creates `env.KV` from `[[kv_namespaces]]`).
    public init(storage: any KVStorage, clock: KVClock = .system) {
        self.storage = storage
        self.borrowing = storage as? any KVBorrowingStorage
        self.clock = clock
    }

    // MARK: put

    /// Stores text under `key`.
    ///
    /// JS equivalent: `await env.KV.put(key, value, { expiration, expirationTtl, metadata })`.
    /// `expirationTtl` (seconds from now) wins over `expiration` (UNIX seconds) when both are given;
    /// `metadata` is any JSON of at most 1024 bytes.
    public func put(
        _ key: String, _ value: String, expiration: Int? = nil, expirationTtl: Int? = nil,
        metadata: JSONValue? = nil
    ) async throws {
        let options = try validatePut(key, expiration: expiration, expirationTtl: expirationTtl, metadata: metadata)
        try checkValueLength(value.utf8.count)
        try await store(key, Array(value.utf8), options)
    }

    /// Stores bytes under `key`.
    ///
    /// JS equivalent: `await env.KV.put(key, arrayBufferOrView, { expiration, expirationTtl, metadata })`.
    public func put(
        _ key: String, _ value: [UInt8], expiration: Int? = nil, expirationTtl: Int? = nil,
        metadata: JSONValue? = nil
    ) async throws {
        let options = try validatePut(key, expiration: expiration, expirationTtl: expirationTtl, metadata: metadata)
        try checkValueLength(value.count)
        try await store(key, value, options)
    }

    /// Stores the bytes of `stream` under `key`.
    ///
    /// JS equivalent: `await env.KV.put(key, readableStream, { expiration, expirationTtl, metadata })`.
    /// A stream longer than 25 MiB is read to its end to report its length, then rejected.
    public func put(
        _ key: String, _ stream: ByteStream, expiration: Int? = nil, expirationTtl: Int? = nil,
        metadata: JSONValue? = nil
    ) async throws {
        let options = try validatePut(key, expiration: expiration, expirationTtl: expirationTtl, metadata: metadata)
        var value: [UInt8] = []
        var length = 0
        for try await chunk in stream {
            length += chunk.count
            guard length <= KVLimits.maxValueBytes else { continue }
            if value.isEmpty { value = chunk } else { value.append(contentsOf: chunk) }
        }
        try checkValueLength(length)
        try await store(key, value, options)
    }

    /// Stores `value` as JSON text under `key` (a `JSONValue` keeps its key order).
    ///
    /// JS equivalent: `await env.KV.put(key, JSON.stringify(value), { expiration, expirationTtl, metadata })`.
    public func put(
        _ key: String, json value: some Encodable, expiration: Int? = nil, expirationTtl: Int? = nil,
        metadata: JSONValue? = nil
    ) async throws {
        let options = try validatePut(key, expiration: expiration, expirationTtl: expirationTtl, metadata: metadata)
        let bytes: [UInt8]
        if let json = value as? JSONValue {
            bytes = Array(json.serialized.utf8)
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            bytes = Array(try encoder.encode(value))
        }
        try checkValueLength(bytes.count)
        try await store(key, bytes, options)
    }

    // MARK: delete

    /// Removes `key`; removing a missing key succeeds.
    ///
    /// JS equivalent: `await env.KV.delete(key)`.
    public func delete(_ key: String) async throws {
        try KVNamespace.validateKey(key, .delete)
        do {
            try await storage.delete(key)
        } catch {
            throw KVNamespace.backendError(.delete, error)
        }
    }

    // MARK: internals

    struct PutOptions {
        var expiration: Int64?
        var metadata: String?
        var now: Int64
    }

    func validatePut(_ key: String, expiration: Int?, expirationTtl: Int?, metadata: JSONValue?) throws -> PutOptions {
        try KVNamespace.validateKey(key, .put)
        let nowMs = clock.now()
        let now = KVNamespace.seconds(nowMs)
        var expiresAt: Int64?
        if let expirationTtl {
            guard expirationTtl > 0 else {
                throw KVError(
                    .put, 400, "Invalid expiration_ttl of \(expirationTtl). Please specify integer greater than 0.")
            }
            guard expirationTtl >= KVLimits.minExpirationTtl else {
                throw KVError(
                    .put, 400,
                    "Invalid expiration_ttl of \(expirationTtl). Expiration TTL must be at least \(KVLimits.minExpirationTtl)."
                )
            }
            expiresAt = KVNamespace.milliseconds(now.addingReportingOverflow(Int64(expirationTtl)))
        } else if let expiration {
            guard Int64(expiration) > now else {
                throw KVError(
                    .put, 400,
                    "Invalid expiration of \(expiration). Please specify integer greater than the current number of seconds since the UNIX epoch."
                )
            }
            guard Int64(expiration) >= now + Int64(KVLimits.minExpirationTtl) else {
                throw KVError(
                    .put, 400,
                    "Invalid expiration of \(expiration). Expiration times must be at least \(KVLimits.minExpirationTtl) seconds in the future."
                )
            }
            expiresAt = KVNamespace.milliseconds((Int64(expiration), false))
        }
        var metadataText: String?
        if let metadata, metadata != .null {
            let text = metadata.serialized
            let length = text.utf8.count
            guard length <= KVLimits.maxMetadataBytes else {
                throw KVError(.put, 413, "Metadata length of \(length) exceeds limit of \(KVLimits.maxMetadataBytes).")
            }
            metadataText = text
        }
        return PutOptions(expiration: expiresAt, metadata: metadataText, now: nowMs)
    }

    func checkValueLength(_ length: Int) throws {
        guard length <= KVLimits.maxValueBytes else {
            throw KVError(.put, 413, "Value length of \(length) exceeds limit of \(KVLimits.maxValueBytes).")
        }
    }

    func store(_ key: String, _ value: [UInt8], _ options: PutOptions) async throws {
        do {
            try await storage.put(
                key, value: value, expiration: options.expiration, metadata: options.metadata, now: options.now)
        } catch {
            throw KVNamespace.backendError(.put, error)
        }
    }

    /// `seconds` in milliseconds, saturating at `Int64.max` (so a huge TTL means "practically never").
    static func milliseconds(_ seconds: (partialValue: Int64, overflow: Bool)) -> Int64 {
        guard !seconds.overflow else { return .max }
        let result = seconds.partialValue.multipliedReportingOverflow(by: 1000)
        return result.overflow ? .max : result.partialValue
    }

    /// Whole seconds of `milliseconds`, rounded down (as the KV service does).
    static func seconds(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    }

    /// A backend failure as the runtime reports it: `KV <OP> failed: 500 Internal Server Error`.
    static func backendError(_ operation: KVError.Operation, _ error: any Error) -> any Error {
        if error is KVError || error is TypeError { return error }
        return KVError(operation, 500, "Internal Server Error", underlying: String(describing: error))
    }
}
