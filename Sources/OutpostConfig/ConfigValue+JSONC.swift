extension ConfigValue {
    /// The config tree of a parsed `wrangler.json` / `wrangler.jsonc`, so it goes through the same schema
    /// walk as TOML. An object member set to `null` counts as not set (as wrangler reads it); `null` in
    /// an array has no meaning in the schema and is an error.
    init(jsonc value: JSONCValue) throws(JSONCSyntaxError) {
        let kind: Kind
        switch value.kind {
        case .null:
            throw JSONCSyntaxError(line: value.line, column: value.column, message: "null is not allowed here")
        case .boolean(let flag): kind = .boolean(flag)
        case .integer(let number): kind = .integer(number)
        case .float(let number): kind = .float(number)
        case .string(let text): kind = .string(text)
        case .array(let elements):
            var converted: [ConfigValue] = []
            for element in elements { converted.append(try ConfigValue(jsonc: element)) }
            kind = .array(converted)
        case .object(let members):
            var table = ConfigTable()
            for member in members where member.value.kind != .null {
                table.set(member.key, to: try ConfigValue(jsonc: member.value))
            }
            kind = .table(table)
        }
        self.init(kind, line: value.line, column: value.column)
    }
}
