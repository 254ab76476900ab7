/// One `[[kv_namespaces]]` entry.
public struct KVNamespaceConfig: Sendable, Equatable {
    /// `binding`: the name in `env`.
    public var binding: String
    /// `id`.
    public var id: String?
    /// `preview_id`.
    public var previewID: String?
    /// Outpost extra: `backend = "sqlite" | "redis"` (default sqlite).
    public var backend: String = "sqlite"
    /// Outpost extra: `url` for a networked backend (`redis://127.0.0.1:6379/0`).
    public var url: String?
    /// The parsed `url` and timeouts when `backend = "redis"`.
    public var redis: RedisKVConfig?
    /// The config line of this entry, for messages.
    public var line: Int = 0

    /// An entry for `binding`.
    public init(binding: String, id: String? = nil, previewID: String? = nil) {
        self.binding = binding
        self.id = id
        self.previewID = previewID
    }

    /// The local namespace name: `id`, falling back to the binding name, as wrangler does locally.
    public var localName: String { id ?? binding }
}
