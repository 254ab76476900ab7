/// `[assets]`: static files nginx serves in front of the worker.
public struct AssetsConfig: Sendable, Equatable {
    /// `directory`, resolved against the config directory.
    public var directory: String
    /// `binding`, if the worker reads assets itself.
    public var binding: String?

    /// Assets in `directory`.
    public init(directory: String, binding: String? = nil) {
        self.directory = directory
        self.binding = binding
    }
}
