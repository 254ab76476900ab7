/// A `[vars]` value as the config holds it: plain data, which the runtime turns into the worker's
/// `JSONValue`. Strings stay strings, TOML dates keep the text that was written, numbers, Booleans,
/// arrays and tables become their JSON counterparts.
///
/// JS equivalent: a `vars` entry of wrangler's config, seen in the Worker as `env.NAME` (a string, or
/// the parsed JSON of a non-string value).
public enum VarValue: Sendable, Equatable, Hashable, ExpressibleByStringLiteral {
    /// A string (or a TOML date, time or date-time as written). JS equivalent: a `string` var.
    case string(String)
    /// A number. JS equivalent: a `number` in a JSON var.
    case number(Double)
    /// A Boolean. JS equivalent: a `boolean` in a JSON var.
    case bool(Bool)
    /// An array. JS equivalent: an array in a JSON var.
    case array([VarValue])
    /// A table, keys in the order they were written. JS equivalent: an object in a JSON var.
    case object(VarObject)

    /// A string value. JS equivalent: a string var, `NAME = "text"`.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// The string, when this is a string. JS equivalent: `typeof env.NAME === "string" ? env.NAME : undefined`.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
