public import Outpost

/// JSON text indented by two spaces, as `JSON.stringify(value, null, 2)` writes it.
public enum PrettyJSON {
    /// `value` as indented JSON.
    public static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: "", into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: String, into out: inout String) {
        let inner = indent + "  "
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                write(element, indent: inner, into: &out)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let object) where !object.isEmpty:
            out += "{\n"
            var index = 0
            for (key, member) in object {
                out += inner + JSONValue.string(key).serialized + ": "
                write(member, indent: inner, into: &out)
                index += 1
                out += index == object.count ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            out += value.serialized
        }
    }
}
