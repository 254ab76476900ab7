/// A binding that is missing from the config or is of another kind than asked for.
/// JS equivalent: the `TypeError` a missing binding causes (`env.KV is undefined`).
public struct BindingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The binding name the worker asked for.
    /// JS equivalent: none (the property name on `env`).
    public let binding: String
    /// What the worker asked for, e.g. "KV namespace".
    /// JS equivalent: none.
    public let expected: String
    /// What the config declares under that name, or `nil` when nothing.
    /// JS equivalent: none.
    public let found: String?
    /// The config file the bindings came from.
    /// JS equivalent: none (the file `wrangler` reads).
    public let configFile: String

    /// The text `print` and string interpolation show for this value.
    public var description: String {
        if let found {
            return "binding \"\(binding)\" in \(configFile) is a \(found), not a \(expected)"
        }
        return "binding \"\(binding)\" is not declared in \(configFile): declare a \(expected) named \"\(binding)\""
    }
}
