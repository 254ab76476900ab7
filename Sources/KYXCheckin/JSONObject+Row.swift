import Outpost

extension JSONObject {
    /// Column `name` as an integer (0 when missing or null).
    func int(_ name: String) -> Int { self[name]?.intValue ?? Int(self[name]?.numberValue ?? 0) }

    /// Column `name` as text, or `nil` when missing or null.
    func string(_ name: String) -> String? { self[name]?.stringValue }

    /// A copy with integer-cent column `name` replaced by a dollar number under `key`.
    func dollars(_ name: String, as key: String) -> JSONObject {
        var copy = self
        copy[name] = nil
        copy[key] = .number(Money.dollars(int(name)))
        return copy
    }
}
