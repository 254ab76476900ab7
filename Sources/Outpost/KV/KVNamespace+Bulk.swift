extension KVNamespace {
    /// The values of 1…100 `keys` as text, in request order (`nil` for a missing key).
    ///
    /// JS equivalent: `await env.KV.get(["a", "b"])` (a `Map`).
    public func get(_ keys: [String], cacheTtl: Int? = nil) async throws -> KVBulkResult<String> {
        try await get(keys, type: .text, cacheTtl: cacheTtl)
    }

    /// The values of 1…100 `keys` as `.text` or `.json`, in request order (`nil` for a missing key).
    ///
    /// JS equivalent: `await env.KV.get(keys, "json")`. Other types fail as in JS:
    /// `KV GET_BULK failed: 400 "arrayBuffer" is not a valid type. Use "json" or "text"`.
    public func get<Value>(
        _ keys: [String], type: KVValueType<Value>, cacheTtl: Int? = nil
    ) async throws -> KVBulkResult<Value> {
        let (unique, entries) = try await fetchBulk(keys, type: type.name, cacheTtl: cacheTtl)
        let values = try KVNamespace.decodeBulk(entries, type: type)
        return KVBulkResult(keys: unique, values: values)
    }

    /// The values of 1…100 `keys` as text with their metadata (`nil` for a missing key).
    ///
    /// JS equivalent: `await env.KV.getWithMetadata(["a", "b"])`.
    public func getWithMetadata(
        _ keys: [String], cacheTtl: Int? = nil
    ) async throws -> KVBulkResult<KVValueWithMetadata<String>> {
        try await getWithMetadata(keys, type: .text, cacheTtl: cacheTtl)
    }

    /// The values of 1…100 `keys` as `.text` or `.json` with their metadata (`nil` for a missing key).
    ///
    /// JS equivalent: `await env.KV.getWithMetadata(keys, "json")`.
    public func getWithMetadata<Value>(
        _ keys: [String], type: KVValueType<Value>, cacheTtl: Int? = nil
    ) async throws -> KVBulkResult<KVValueWithMetadata<Value>> {
        let (unique, entries) = try await fetchBulk(keys, type: type.name, cacheTtl: cacheTtl)
        let values = try KVNamespace.decodeBulk(entries, type: type)
        let results = zip(entries, values).map { entry, value -> KVValueWithMetadata<Value>? in
            guard let entry, let value else { return nil }
            return KVValueWithMetadata(value: value, metadata: KVNamespace.parse(entry.metadata))
        }
        return KVBulkResult(keys: unique, values: results)
    }

    /// Validates a bulk request as the KV service does, then reads the live entries of the unique keys.
    func fetchBulk(
        _ keys: [String], type: String, cacheTtl: Int?
    ) async throws -> (keys: [String], entries: [KVStoredValue?]) {
        guard type == "text" || type == "json" else {
            throw KVError(.getBulk, 400, "\"\(type)\" is not a valid type. Use \"json\" or \"text\"")
        }
        guard keys.count <= KVLimits.maxBulkKeys else {
            throw KVError(.getBulk, 400, "You can request a maximum of \(KVLimits.maxBulkKeys) keys")
        }
        guard !keys.isEmpty else { throw KVError(.getBulk, 400, "You must request a minimum of 1 key") }
        var unique: [String] = []
        var seen: Set<[UInt8]> = []
        for key in keys {
            try KVNamespace.validateBulkKey(key)
            try KVNamespace.validateCacheTtl(cacheTtl, .getBulk)
            if seen.insert(Array(key.utf8)).inserted { unique.append(key) }
        }
        let entries: [KVStoredValue?]
        do {
            entries = try await storage.get(unique, now: clock.now())
        } catch {
            throw KVNamespace.backendError(.getBulk, error)
        }
        var total = 0
        for entry in entries {
            if let entry { total += utf16Length(entry.value) }
        }
        guard total <= KVLimits.maxBulkBytes else {
            throw KVError(
                .getBulk, 413,
                "Total size of request exceeds the limit of \(KVLimits.maxBulkBytes / 1024 / 1024)MB")
        }
        return (unique, entries)
    }

    /// Decodes each present entry; a JSON value that does not parse fails the whole request.
    static func decodeBulk<Value>(_ entries: [KVStoredValue?], type: KVValueType<Value>) throws -> [Value?] {
        try entries.map { entry in
            guard let entry else { return nil }
            do {
                return try entry.value.withUnsafeBytes(type.decode)
            } catch {
                throw KVError(
                    .getBulk, 400, "At least one of the requested keys corresponds to a non-\(type.name) value")
            }
        }
    }

    /// The length of UTF-8 `bytes` decoded into a JS string (UTF-16 code units), as the service counts it.
    func utf16Length(_ bytes: [UInt8]) -> Int {
        var count = 0
        for byte in bytes {
            if byte & 0xC0 != 0x80 { count += 1 }
            if byte >= 0xF0 { count += 1 }
        }
        return count
    }
}
