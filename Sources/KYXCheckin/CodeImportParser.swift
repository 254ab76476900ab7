/// Parses an uploaded TXT of codes: separators newline, comma, semicolon (ASCII or full-width) and
/// whitespace; a code is `^[A-Za-z0-9_-]{6,32}$`; repeats inside the file are counted once.
struct CodeImportParser: Sendable {
    /// What the file held.
    struct Result: Sendable, Equatable {
        /// Tokens in the file (after splitting, empty ones dropped).
        var total = 0
        /// Valid codes, first occurrence order, each once.
        var codes: [String] = []
        /// Tokens that are not valid codes.
        var invalid: [String] = []
        /// Valid codes that appeared again later in the file.
        var duplicatesInFile: [String] = []
    }

    /// Parses `text`.
    static func parse(_ text: String) -> Result {
        var result = Result()
        var seen = Set<String>()
        let tokens = text.split { $0.isWhitespace || $0.isNewline || ",;，；".contains($0) }
        for token in tokens.map(String.init) {
            result.total += 1
            guard isValid(token) else {
                result.invalid.append(token)
                continue
            }
            if seen.insert(token).inserted {
                result.codes.append(token)
            } else {
                result.duplicatesInFile.append(token)
            }
        }
        return result
    }

    /// Whether `token` matches `^[A-Za-z0-9_-]{6,32}$`.
    static func isValid(_ token: String) -> Bool {
        (6...32).contains(token.utf8.count)
            && token.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 95
                    || byte == 45
            }
    }
}
