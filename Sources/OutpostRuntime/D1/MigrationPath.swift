import OutpostSQLite

/// Path text as wrangler handles migration paths: normalized for prefix comparison, numbered, ordered.
enum MigrationPath {
    /// wrangler's `normalizeRelativePath`: `\` → `/`, then POSIX normalization (`.` removed, `..`
    /// resolved, `//` collapsed; an empty result is `.`), then no trailing `/`.
    static func normalize(_ path: String) -> String {
        let text = path.replacing("\\", with: "/")
        let absolute = text.hasPrefix("/")
        var parts: [Substring] = []
        for part in text.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return joined.isEmpty ? "" : "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The leading integer of one path segment as JavaScript's `parseInt(segment.split("_")[0], 10)`
    /// reads it (leading whitespace and a sign allowed), `nil` for none.
    static func leadingNumber(_ segment: Substring) -> Double? {
        var scalars = segment.unicodeScalars.prefix { $0 != "_" }.drop { JSWhitespace.contains($0) }
        var sign = 1.0
        if let first = scalars.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            scalars = scalars.dropFirst()
        }
        let digits = scalars.prefix { ("0"..."9").contains($0) }
        guard !digits.isEmpty, let value = Double(String(String.UnicodeScalarView(digits))) else { return nil }
        return sign * value
    }

    /// The number of a migration: the leading integer of its first segment (`0003_x/migration.sql` → 3).
    static func number(of name: String) -> Double? {
        leadingNumber(name.split(separator: "/", omittingEmptySubsequences: false).first ?? "")
    }

    /// wrangler's `compareMigrationPaths`: segment by segment, by leading integer (numbered before
    /// unnumbered), ties and unnumbered segments by UTF-16 code units; a shorter path first.
    static func precedes(_ left: String, _ right: String) -> Bool {
        let leftParts = left.split(separator: "/", omittingEmptySubsequences: false)
        let rightParts = right.split(separator: "/", omittingEmptySubsequences: false)
        for (a, b) in zip(leftParts, rightParts) {
            switch (leadingNumber(a), leadingNumber(b)) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                if a != b { return a.utf16.lexicographicallyPrecedes(b.utf16) }
            }
        }
        return leftParts.count < rightParts.count
    }
}
