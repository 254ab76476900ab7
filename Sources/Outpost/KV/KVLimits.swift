/// Cloudflare KV's limits, as the binding enforces them.
///
/// JS equivalent: the constants of the KV service (`MAX_KEY_SIZE`, `MAX_VALUE_SIZE`, …).
public enum KVLimits {
    /// Longest key, in UTF-8 bytes.
    public static let maxKeyBytes = 512
    /// Largest value, in bytes (25 MiB).
    public static let maxValueBytes = 25 * 1024 * 1024
    /// Largest metadata, in bytes of serialized JSON.
    public static let maxMetadataBytes = 1024
    /// Most keys in one bulk `get`.
    public static let maxBulkKeys = 100
    /// Largest total size of a bulk `get` answer (25 MiB).
    public static let maxBulkBytes = 25 * 1024 * 1024
    /// Most keys in one `list` page (also the default).
    public static let maxListKeys = 1000
    /// Shortest `expirationTtl`, and how far in the future an `expiration` must be, in seconds.
    public static let minExpirationTtl = 60
    /// Smallest `cacheTtl`, in seconds.
    public static let minCacheTtl = 30
}
