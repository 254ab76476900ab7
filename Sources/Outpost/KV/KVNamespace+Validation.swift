extension KVNamespace {
    /// Checks a key as the Workers runtime does before any I/O: `TypeError` for `""`, `"."` and `".."`,
    /// `KVError` 414 for more than 512 UTF-8 bytes.
    static func validateKey(_ key: String, _ operation: KVError.Operation) throws {
        if key.isEmpty { throw TypeError("Key name cannot be empty.") }
        if key == "." || key == ".." { throw TypeError("\"\(key)\" is not allowed as a key name.") }
        try validateKeyLength(key, operation)
    }

    /// Checks a key as the KV service does for bulk reads: `KVError` 400 / 414 in the service's wording.
    static func validateBulkKey(_ key: String) throws {
        if key.isEmpty { throw KVError(.getBulk, 400, "Key names must not be empty") }
        if key == "." || key == ".." {
            throw KVError(.getBulk, 400, "Illegal key name \"\(key)\". Please use a different name.")
        }
        try validateKeyLength(key, .getBulk)
    }

    /// Checks that `key` (or a list prefix) is at most 512 UTF-8 bytes.
    static func validateKeyLength(_ key: String, _ operation: KVError.Operation) throws {
        let length = key.utf8.count
        guard length <= KVLimits.maxKeyBytes else {
            throw KVError(
                operation, 414,
                "UTF-8 encoded length of \(length) exceeds key length limit of \(KVLimits.maxKeyBytes).")
        }
    }

    /// Checks `cacheTtl` (at least 30 seconds); it is otherwise ignored, as there is no edge cache.
    static func validateCacheTtl(_ cacheTtl: Int?, _ operation: KVError.Operation) throws {
        guard let cacheTtl, cacheTtl < KVLimits.minCacheTtl else { return }
        throw KVError(
            operation, 400, "Invalid cache_ttl of \(cacheTtl). Cache TTL must be at least \(KVLimits.minCacheTtl).")
    }
}
