/// Cloudflare KV's limits, as the binding enforces them.
///
/// JS equivalent: the constants of the KV service (`MAX_KEY_SIZE`, `MAX_VALUE_SIZE`, …).
public enum KVLimits {
    /// Longest key, in UTF-8 bytes.
    /// JS equivalent: Cloudflare's documented KV key limit, 512 bytes.
    public static let maxKeyBytes = 512
    /// Largest value, in bytes (25 MiB).
    /// JS equivalent: Cloudflare's documented KV value limit, 25 MiB.
    public static let maxValueBytes = 25 * 1024 * 1024
    /// Largest metadata, in bytes of serialized JSON.
    /// JS equivalent: Cloudflare's documented KV metadata limit, 1024 bytes.
    public static let maxMetadataBytes = 1024
    /// Most keys in one bulk `get`.
    /// JS equivalent: the 100-key limit of `env.KV.get([keys])`.
    public static let maxBulkKeys = 100
    /// Largest total size of a bulk `get` answer (25 MiB).
    /// JS equivalent: the 25 MiB limit of a bulk `get`.
    public static let maxBulkBytes = 25 * 1024 * 1024
    /// Most keys in one `list` page (also the default).
    /// JS equivalent: the 1000-key limit of `env.KV.list({ limit })`.
    public static let maxListKeys = 1000
    /// Shortest `expirationTtl`, and how far in the future an `expiration` must be, in seconds.
    /// JS equivalent: the 60-second minimum of `expirationTtl`.
    public static let minExpirationTtl = 60
    /// Smallest `cacheTtl`, in seconds.
    /// JS equivalent: the 30-second minimum of `cacheTtl`.
    public static let minCacheTtl = 30
}
