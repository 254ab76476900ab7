package import Outpost
package import OutpostConfig

extension JSONValue {
    /// The JSON a worker sees for a `[vars]` value: `env.vars[name]`.
    package init(_ value: VarValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .number(let number): self = .number(number)
        case .bool(let flag): self = .bool(flag)
        case .array(let elements): self = .array(elements.map(JSONValue.init))
        case .object(let members): self = .object(JSONObject(members.map { ($0.key, JSONValue($0.value)) }))
        }
    }
}
