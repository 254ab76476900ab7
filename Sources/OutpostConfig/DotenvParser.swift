/// Reads dotenv text (`.dev.vars`, `.env`): `KEY=value`, `export KEY=value`, single, double or backtick
/// quotes (escapes `\n`, `\r`, `\t`, `\"`, `\\` in double quotes; quoted values may span lines),
/// `#` comments and blank lines. Values are secrets: nothing here ever puts one in a message.
struct DotenvParser {
    /// One `KEY=value` with its line.
    struct Entry: Equatable {
        /// The variable name.
        var key: String
        /// The value, unquoted.
        var value: String
        /// The 1-based line the entry starts on.
        var line: Int
    }

    /// A line that could not be read, with why (never containing the value).
    struct Problem: Error, Equatable {
        /// The 1-based line.
        var line: Int
        /// What is wrong.
        var message: String
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1

    /// Parses `text` into entries in file order and problems for lines that were skipped.
    static func parse(_ text: String) -> (entries: [Entry], problems: [Problem]) {
        var parser = DotenvParser(scalars: Array(text.unicodeScalars))
        var entries: [Entry] = []
        var problems: [Problem] = []
        while let result = parser.nextEntry() {
            switch result {
            case .success(let entry): entries.append(entry)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (entries, problems)
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private mutating func nextEntry() -> Result<Entry, Problem>? {
        while true {
            skipBlanks()
            guard let scalar = peek() else { return nil }
            if scalar == "\n" || scalar == "\r" {
                skipLine()
            } else if scalar == "#" {
                skipLine()
            } else {
                return readEntry()
            }
        }
    }

    private mutating func readEntry() -> Result<Entry, Problem> {
        let entryLine = line
        var key = readKey()
        if key == "export", peek() == " " || peek() == "\t" {
            skipBlanks()
            key = readKey()
        }
        skipBlanks()
        guard !key.isEmpty, peek() == "=" else {
            skipLine()
            return .failure(Problem(line: entryLine, message: "expected KEY=value, line ignored"))
        }
        index += 1
        skipBlanks()
        guard let value = readValue() else {
            skipLine()
            return .failure(Problem(line: entryLine, message: "the quoted value of \(key) is never closed, ignored"))
        }
        skipLine()
        return .success(Entry(key: key, value: value, line: entryLine))
    }

    private mutating func readKey() -> String {
        var key = ""
        while let scalar = peek(), Self.isKeyScalar(scalar) {
            key.unicodeScalars.append(scalar)
            index += 1
        }
        return key
    }

    private mutating func readValue() -> String? {
        guard let quote = peek(), quote == "\"" || quote == "'" || quote == "`" else { return readUnquoted() }
        let start = (index, line)
        index += 1
        var value = ""
        while let scalar = peek() {
            index += 1
            if scalar == quote { return value }
            if scalar == "\n" { line += 1 }
            if scalar == "\\", quote == "\"", let escaped = peek() {
                index += 1
                value += Self.unescape(escaped)
            } else {
                value.unicodeScalars.append(scalar)
            }
        }
        (index, line) = start
        return nil
    }

    /// An unquoted value: up to the end of the line or a ` #` comment, trimmed.
    private mutating func readUnquoted() -> String {
        var value = ""
        while let scalar = peek(), scalar != "\n", scalar != "\r" {
            if scalar == "#", value.isEmpty || value.unicodeScalars.last == " " || value.unicodeScalars.last == "\t" {
                break
            }
            value.unicodeScalars.append(scalar)
            index += 1
        }
        while let last = value.unicodeScalars.last, last == " " || last == "\t" { value.unicodeScalars.removeLast() }
        return value
    }

    private static func unescape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "n": "\n"
        case "r": "\r"
        case "t": "\t"
        case "\"": "\""
        case "\\": "\\"
        default: "\\" + String(scalar)
        }
    }

    private mutating func skipBlanks() {
        while let scalar = peek(), scalar == " " || scalar == "\t" { index += 1 }
    }

    /// Skips the rest of the current line and its newline.
    private mutating func skipLine() {
        while let scalar = peek() {
            index += 1
            if scalar == "\n" {
                line += 1
                return
            }
        }
    }

    private func peek() -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "." || scalar == "-"
    }
}
