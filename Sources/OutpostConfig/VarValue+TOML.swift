extension VarValue {
    /// The value a `[vars]` entry becomes: strings stay strings, dates become their text, numbers, Booleans,
    /// arrays and tables become the equivalent JSON.
    init(vars field: ConfigField) throws(ConfigError) {
        switch field.value.kind {
        case .string(let text): self = .string(text)
        case .integer(let number): self = .number(Double(number))
        case .float(let number):
            guard number.isFinite else { throw field.error("\(field.value.summary) has no JSON equivalent") }
            self = .number(number)
        case .boolean(let flag): self = .bool(flag)
        case .offsetDateTime(let text), .localDateTime(let text), .localDate(let text), .localTime(let text):
            self = .string(text)
        case .array:
            var elements: [VarValue] = []
            for element in try field.array() { elements.append(try VarValue(vars: element)) }
            self = .array(elements)
        case .table:
            var object = VarObject()
            for member in try field.table() { object[member.key] = try VarValue(vars: member) }
            self = .object(object)
        }
    }
}
