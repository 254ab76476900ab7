/// Where one namespace's data lives in Redis. Every key carries the namespace in one hash tag, so a
/// Redis Cluster keeps a namespace in one slot and its scripts stay single-slot:
///
/// - `outpost:kv:{<ns>}:e:<key>`: the entry, a hash with fields `v` (value bytes), `m` (metadata
///   JSON, absent when none) and `e` (expiration in ms, empty when none); its Redis expiry is set
///   with `PEXPIREAT`, so Redis frees it on its own.
/// - `outpost:kv:{<ns>}:i`: the index, a sorted set of every key with score 0, read with
///   `ZRANGEBYLEX` (bytewise order, the order Cloudflare lists in).
/// - `outpost:kv:{<ns>}:x`: the keys that expire, scored by expiration, so expired index members
///   are swept in order.
///
/// JS equivalent: none. `{`, `}` and `%` in the namespace name are percent-encoded so the tag stays intact.
struct RedisKeyLayout: Sendable {
    /// `outpost:kv:{<ns>}:`.
    let base: String

    /// The layout of namespace `namespace` (its `id`, or binding name).
    init(namespace: String) {
        var escaped = ""
        for character in namespace {
            switch character {
            case "%": escaped += "%25"
            case "{": escaped += "%7B"
            case "}": escaped += "%7D"
            default: escaped.append(character)
            }
        }
        base = "outpost:kv:{\(escaped)}:"
    }

    /// The prefix of every entry key: `outpost:kv:{<ns>}:e:`.
    var entryPrefix: String { base + "e:" }
    /// The sorted-set index.
    var index: String { base + "i" }
    /// The expiry sorted set.
    var expiry: String { base + "x" }

    /// The entry key of `key`.
    func entry(_ key: String) -> [UInt8] { Array(entryPrefix.utf8) + Array(key.utf8) }
}
