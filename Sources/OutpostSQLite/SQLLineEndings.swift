/// CRLF line endings in SQL text made LF where they are structure, kept where they are data — as
/// wrangler's `normalizeSqlLineEndings`, which it applies before sending SQL to D1.
///
/// A CRLF between tokens or inside a `--` or `/* */` comment becomes LF. Inside `'…'`, `"…"`,
/// `` `…` `` and `[…]` (a doubled closing quote stays inside) and inside a `$tag$…$tag$` string
/// (tagged as `SQLSplitter` reads tags) every byte is kept, so a string literal with CRLF is stored
/// with CRLF.
public enum SQLLineEndings {
    /// `sql` with its structural CRLFs replaced by LF.
    public static func normalize(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "\r")) else { return sql }
        var scanner = Scanner(Array(sql.unicodeScalars))
        scanner.run()
        return String(String.UnicodeScalarView(scanner.output))
    }

    /// One pass over the text, copying it to `output`.
    private struct Scanner {
        let input: [Unicode.Scalar]
        var index = 0
        var output: [Unicode.Scalar] = []

        init(_ input: [Unicode.Scalar]) {
            self.input = input
            output.reserveCapacity(input.count)
        }

        func peek(_ offset: Int = 1) -> Unicode.Scalar? {
            index + offset < input.count ? input[index + offset] : nil
        }

        mutating func run() {
            while index < input.count {
                let scalar = input[index]
                switch scalar {
                case "'", "\"", "`", "[":
                    take(1)
                    copyQuoted(close: scalar == "[" ? "]" : scalar)
                case "$":
                    let tag = dollarTag()
                    take(tag.count)
                    if tag.count > 1 { copy(through: tag) }
                case "-" where peek() == "-":
                    take(2)
                    copyComment(through: ["\n"])
                case "/" where peek() == "*":
                    take(2)
                    copyComment(through: ["*", "/"])
                case "\r" where peek() == "\n":
                    output.append("\n")
                    index += 2
                default:
                    take(1)
                }
            }
        }

        /// Copies the next `count` scalars unchanged.
        mutating func take(_ count: Int) {
            output += input[index..<min(index + count, input.count)]
            index += count
        }

        /// Copies a quoted run after its opening quote through its closing quote unchanged; a doubled
        /// closing quote is an escaped one and stays inside.
        mutating func copyQuoted(close: Unicode.Scalar) {
            while index < input.count {
                let scalar = input[index]
                take(1)
                guard scalar == close else { continue }
                guard peek(0) == close else { return }
                take(1)
            }
        }

        /// Copies scalars unchanged through the end of `marker` (or the end of the text).
        mutating func copy(through marker: [Unicode.Scalar]) {
            let begin = output.count
            while index < input.count {
                take(1)
                if output.count - begin >= marker.count, output.suffix(marker.count).elementsEqual(marker) { return }
            }
        }

        /// Copies a comment through `end`, turning its CRLFs into LF.
        mutating func copyComment(through end: [Unicode.Scalar]) {
            let begin = output.count
            while index < input.count {
                if input[index] == "\r", peek() == "\n" {
                    output.append("\n")
                    index += 2
                    if end == ["\n"] { return }
                    continue
                }
                take(1)
                if output.count - begin >= end.count, output.suffix(end.count).elementsEqual(end) { return }
            }
        }

        /// The `$tag$` opener at the current scalar (`$`, tag characters, `$`), else just `["$"]`.
        func dollarTag() -> [Unicode.Scalar] {
            var end = index + 1
            while end < input.count, SQLLineEndings.isDollarTagCharacter(input[end]) { end += 1 }
            guard end < input.count, input[end] == "$" else { return ["$"] }
            return Array(input[index...end])
        }

    }

    /// wrangler's `isDollarQuoteIdentifier`: digits, `_` and letters that have case continue a `$tag`;
    /// `$` ends it.
    static func isDollarTagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "$" { return false }
        if scalar == "_" || ("0"..."9").contains(scalar) { return true }
        // JavaScript looks at one UTF-16 unit, which has no case outside the BMP.
        guard scalar.value <= 0xFFFF else { return false }
        let text = String(scalar)
        return text.lowercased() != text.uppercased()
    }
}
