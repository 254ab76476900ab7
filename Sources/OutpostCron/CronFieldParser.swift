/// Parses the text of one cron field into the values or day rule it allows.
///
/// Grammar per comma-separated item: `*`, `n`, `a-b`, each optionally followed by `/step`, and
/// `n/step` (from n to the field's maximum). Names (`JAN`…, `SUN`…) work wherever numbers do, in
/// any case. A range may wrap (`sat-sun`, `22-2`), as in Quartz. `?` is `*` in the two day fields.
struct CronFieldParser {
    /// The field being parsed.
    let field: CronField

    /// The values a minute, hour or month field allows.
    func values(_ text: Substring) throws(CronParseError) -> CronValueSet {
        var set = CronValueSet()
        for item in try items(text) {
            try insert(item, into: &set)
        }
        return set
    }

    /// The day-of-month rule of `text`.
    func dayOfMonth(_ text: Substring) throws(CronParseError) -> DayOfMonthRule {
        var rule = DayOfMonthRule()
        if text == "?" {
            rule.days = CronValueSet(field.bounds)
            return rule
        }
        for item in try items(text) {
            let upper = item.uppercased()
            if upper == "L" {
                rule.lastDayOffsets.insert(0)
            } else if upper == "LW" {
                rule.lastWeekday = true
            } else if upper.hasPrefix("L-") {
                rule.lastDayOffsets.insert(try lastDayOffset(item))
            } else if upper.hasSuffix("W") {
                rule.nearestWeekdays.insert(try nearestWeekdayTarget(item))
            } else if upper.contains("#") {
                throw error("# is only allowed in day-of-week (\"\(item)\")")
            } else {
                try insert(item, into: &rule.days)
            }
        }
        return rule
    }

    /// The day-of-week rule of `text`.
    func dayOfWeek(_ text: Substring) throws(CronParseError) -> DayOfWeekRule {
        var rule = DayOfWeekRule()
        if text == "?" {
            rule.days = CronValueSet(field.bounds)
            return rule
        }
        for item in try items(text) {
            let upper = item.uppercased()
            if upper == "L" {
                rule.days.insert(7)
            } else if upper.hasSuffix("L") {
                rule.lastInMonth.insert(try value(item.dropLast(), in: item))
            } else if upper.contains("#") {
                rule.occurrences.insert(try occurrence(item))
            } else if upper.hasSuffix("W") {
                throw error("W is only allowed in day-of-month (\"\(item)\")")
            } else {
                try insert(item, into: &rule.days)
            }
        }
        return rule
    }

    private func items(_ text: Substring) throws(CronParseError) -> [Substring] {
        if text == "?" && field != .dayOfMonth && field != .dayOfWeek {
            throw error("? is only allowed in day-of-month and day-of-week")
        }
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        if items.contains(where: \.isEmpty) { throw error("\(field) \"\(text)\" has an empty list item") }
        return items
    }

    private func insert(_ item: Substring, into set: inout CronValueSet) throws(CronParseError) {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw error("\(field) \"\(item)\" has more than one /") }
        let step = parts.count == 2 ? try self.step(parts[1]) : 1
        let (low, high) = try range(parts[0], item: item, stepped: parts.count == 2)
        let width = field.bounds.count
        let count = high >= low ? high - low + 1 : high - low + 1 + width
        for offset in stride(from: 0, to: count, by: step) {
            let value = low + offset
            set.insert(value > field.bounds.upperBound ? value - width : value)
        }
    }

    private func range(_ base: Substring, item: Substring, stepped: Bool) throws(CronParseError) -> (Int, Int) {
        if base == "*" { return (field.bounds.lowerBound, field.bounds.upperBound) }
        if let dash = base.firstIndex(of: "-"), dash != base.startIndex {
            let low = try value(base[..<dash], in: item)
            let high = try value(base[base.index(after: dash)...], in: item)
            return (low, high)
        }
        let single = try value(base, in: item)
        return (single, stepped ? field.bounds.upperBound : single)
    }

    private func step(_ text: Substring) throws(CronParseError) -> Int {
        guard let step = Int(text) else { throw error("\(field) step \"\(text)\" is not a number") }
        guard step >= 1 else { throw error("\(field) step \(step) must be at least 1") }
        return step
    }

    /// A number or name of this field, range-checked; `item` is the list item it came from, for messages.
    private func value(_ token: Substring, in item: Substring) throws(CronParseError) -> Int {
        if token.isEmpty { throw error("\(field) \"\(item)\" is missing a value") }
        if let number = Int(token) {
            guard field.bounds.contains(number) else {
                throw error("\(field) \(number) is out of range \(field.rangeText)")
            }
            return number
        }
        if let index = field.names.firstIndex(of: token.uppercased()) {
            return field.bounds.lowerBound + index
        }
        throw error(notAValue(token))
    }

    private func notAValue(_ token: Substring) -> String {
        let upper = token.uppercased()
        let dayOnly =
            upper == "L" || upper == "LW" || upper.contains("#") || upper.contains("?")
            || ((upper.hasSuffix("L") || upper.hasSuffix("W")) && Int(upper.dropLast()) != nil)
        if dayOnly && field != .dayOfMonth && field != .dayOfWeek {
            return "\(field) \"\(token)\": L, W, # and ? are only allowed in day-of-month and day-of-week"
        }
        switch field {
        case .month: return "month \"\(token)\" is not a number or a month name (JAN-DEC)"
        case .dayOfWeek: return "day-of-week \"\(token)\" is not a number or a day name (SUN-SAT)"
        default: return "\(field) \"\(token)\" is not a number"
        }
    }

    private func lastDayOffset(_ item: Substring) throws(CronParseError) -> Int {
        let text = item.dropFirst(2)
        guard let offset = Int(text) else { throw error("day-of-month \"\(item)\": \"\(text)\" is not a number") }
        guard (0...30).contains(offset) else {
            throw error("day-of-month \"\(item)\": offset \(offset) is out of range 0-30")
        }
        return offset
    }

    private func nearestWeekdayTarget(_ item: Substring) throws(CronParseError) -> Int {
        let day = item.dropLast()
        guard Int(day) != nil else { throw error("day-of-month \"\(item)\": W takes a single day, as in 15W") }
        return try value(day, in: item)
    }

    private func occurrence(_ item: Substring) throws(CronParseError) -> DayOfWeekRule.Occurrence {
        let parts = item.split(separator: "#", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw error("day-of-week \"\(item)\" has more than one #") }
        let weekday = try value(parts[0], in: item)
        guard let ordinal = Int(parts[1]) else {
            throw error("day-of-week \"\(item)\": \"\(parts[1])\" is not a number")
        }
        guard (1...5).contains(ordinal) else {
            throw error("day-of-week \"\(item)\": occurrence \(ordinal) is out of range 1-5")
        }
        return DayOfWeekRule.Occurrence(weekday: weekday, ordinal: ordinal)
    }

    private func error(_ message: String) -> CronParseError {
        CronParseError(field: field, message: message)
    }
}
