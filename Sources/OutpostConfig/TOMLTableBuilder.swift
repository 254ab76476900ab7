/// A table while the document is being read: it remembers how each table came to exist, which decides
/// whether a later header or dotted key may add to it (TOML 1.0 §Table).
struct TOMLTableBuilder {
    /// How a table was created.
    enum Origin {
        /// By its own `[header]` (or as an element of `[[header]]`): it may not be defined again.
        case header
        /// As the parent of a deeper header, e.g. `a` for `[a.b]`: a later `[a]` may still define it.
        case implicit
        /// By a dotted key such as `a.b = 1`: more dotted keys may add to it, headers may not redefine it.
        case dotted
    }

    /// One member: a finished value (inline tables and static arrays are frozen), a table, or an array of tables.
    enum Entry {
        case value(ConfigValue)
        case table(TOMLTableBuilder)
        case tableArray([TOMLTableBuilder], line: Int)
    }

    /// How this table was created.
    var origin: Origin
    /// The line that created it.
    var line: Int
    private var keys: [String] = []
    private var entries: [String: Entry] = [:]

    /// A new table created on `line`.
    init(origin: Origin, line: Int) {
        self.origin = origin
        self.line = line
    }

    /// Sets the (possibly dotted) key `path` to `value`, creating dotted tables on the way.
    mutating func insert(
        _ path: ArraySlice<String>, value: ConfigValue, fullKey: [String]
    ) throws(TOMLSyntaxError) {
        let key = path[path.startIndex]
        if path.count == 1 {
            if let existing = entries[key] {
                throw Self.duplicate(fullKey, line: value.line, existing: existing)
            }
            add(key, .value(value))
            return
        }
        var child: TOMLTableBuilder
        switch entries[key] {
        case nil:
            child = TOMLTableBuilder(origin: .dotted, line: value.line)
        case .table(let table) where table.origin == .dotted:
            child = table
        case .table:
            throw TOMLSyntaxError(
                line: value.line,
                message: "cannot add to table `\(Self.display(fullKey.prefix(fullKey.count - path.count + 1)))` "
                    + "with a dotted key: it is defined by a [table] header")
        case .some(let existing):
            throw Self.notATable(fullKey.prefix(fullKey.count - path.count + 1), line: value.line, existing: existing)
        }
        try child.insert(path.dropFirst(), value: value, fullKey: fullKey)
        add(key, .table(child))
    }

    /// Handles a `[header]` (or `[[header]]` when `isArray`) for `path`, relative to this table.
    mutating func define(
        _ path: ArraySlice<String>, line: Int, isArray: Bool, fullKey: [String]
    ) throws(TOMLSyntaxError) {
        let key = path[path.startIndex]
        if path.count == 1 {
            try defineLast(key, line: line, isArray: isArray, fullKey: fullKey)
            return
        }
        let prefix = fullKey.prefix(fullKey.count - path.count + 1)
        switch entries[key] {
        case nil:
            var child = TOMLTableBuilder(origin: .implicit, line: line)
            try child.define(path.dropFirst(), line: line, isArray: isArray, fullKey: fullKey)
            add(key, .table(child))
        case .table(var child):
            try child.define(path.dropFirst(), line: line, isArray: isArray, fullKey: fullKey)
            add(key, .table(child))
        case .tableArray(var elements, let arrayLine):
            try elements[elements.count - 1].define(path.dropFirst(), line: line, isArray: isArray, fullKey: fullKey)
            add(key, .tableArray(elements, line: arrayLine))
        case .value(let value):
            throw Self.notATable(prefix, line: line, existing: .value(value))
        }
    }

    private mutating func defineLast(
        _ key: String, line: Int, isArray: Bool, fullKey: [String]
    ) throws(TOMLSyntaxError) {
        let name = Self.display(fullKey)
        switch (entries[key], isArray) {
        case (nil, false):
            add(key, .table(TOMLTableBuilder(origin: .header, line: line)))
        case (nil, true):
            add(key, .tableArray([TOMLTableBuilder(origin: .header, line: line)], line: line))
        case (.table(var table), false) where table.origin == .implicit:
            table.origin = .header
            table.line = line
            add(key, .table(table))
        case (.tableArray(var elements, let arrayLine), true):
            elements.append(TOMLTableBuilder(origin: .header, line: line))
            add(key, .tableArray(elements, line: arrayLine))
        case (.table(let table), false):
            throw TOMLSyntaxError(line: line, message: "table `\(name)` is already defined on line \(table.line)")
        case (.some(let existing), _):
            let what = isArray ? "array of tables" : "table"
            throw TOMLSyntaxError(
                line: line,
                message: "cannot define \(what) `\(name)`: the key is already set on line \(Self.line(of: existing))")
        }
    }

    /// Runs `body` on the table at `path` (a header path already checked by `define`), descending into the
    /// last element of arrays of tables.
    mutating func withTable(
        at path: ArraySlice<String>, _ body: (inout TOMLTableBuilder) throws(TOMLSyntaxError) -> Void
    ) throws(TOMLSyntaxError) {
        guard let key = path.first else {
            try body(&self)
            return
        }
        switch entries[key] {
        case .table(var child):
            try child.withTable(at: path.dropFirst(), body)
            add(key, .table(child))
        case .tableArray(var elements, let arrayLine):
            try elements[elements.count - 1].withTable(at: path.dropFirst(), body)
            add(key, .tableArray(elements, line: arrayLine))
        case .value, nil:
            preconditionFailure("header path was not defined before use")
        }
    }

    /// The finished table.
    func build() -> ConfigTable {
        var table = ConfigTable()
        for key in keys {
            switch entries[key]! {
            case .value(let value): table.set(key, to: value)
            case .table(let child): table.set(key, to: child.buildValue())
            case .tableArray(let elements, let line):
                table.set(key, to: ConfigValue(.array(elements.map { $0.buildValue() }), line: line))
            }
        }
        return table
    }

    /// The finished table as a value carrying its line.
    func buildValue() -> ConfigValue {
        ConfigValue(.table(build()), line: line)
    }

    private mutating func add(_ key: String, _ entry: Entry) {
        if entries.updateValue(entry, forKey: key) == nil { keys.append(key) }
    }

    private static func line(of entry: Entry) -> Int {
        switch entry {
        case .value(let value): value.line
        case .table(let table): table.line
        case .tableArray(_, let line): line
        }
    }

    private static func duplicate(_ key: [String], line: Int, existing: Entry) -> TOMLSyntaxError {
        TOMLSyntaxError(
            line: line, message: "duplicate key `\(display(key))` (first set on line \(self.line(of: existing)))")
    }

    private static func notATable(
        _ key: some Collection<String>, line: Int, existing: Entry
    ) -> TOMLSyntaxError {
        TOMLSyntaxError(
            line: line,
            message: "`\(display(key))` is not a table that can be extended (set on line \(self.line(of: existing)))")
    }

    /// A key path as TOML would write it: bare parts as they are, others quoted.
    static func display(_ parts: some Collection<String>) -> String {
        parts.map { part in
            let bare =
                !part.isEmpty
                && part.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                        || $0 == "_" || $0 == "-"
                }
            return bare ? part : ConfigValue.quoted(part)
        }.joined(separator: ".")
    }
}
