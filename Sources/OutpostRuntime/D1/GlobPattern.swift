/// A path glob as wrangler matches `migrations_pattern` (minimatch with `dot: false`).
///
/// `*` matches within one path segment, `?` one character, `[abc]`, `[a-z]` and `[!x]` one character
/// of a class, `{a,b}` either alternative, and a whole `**` segment any number of segments. A segment
/// that starts with `.` is matched only by a pattern segment that starts with a literal `.`, so dot
/// files and dot directories are never picked up by a wildcard.
struct GlobPattern: Sendable {
    /// The pattern as written.
    let source: String
    /// One entry per brace alternative, each a list of segments.
    private let alternatives: [[Segment]]

    private enum Segment: Sendable, Equatable {
        case globstar
        case tokens([Token])
    }

    private enum Token: Sendable, Equatable {
        case literal(Character)
        case anyCharacter
        case anyRun
        case set([ClosedRange<Character>], negated: Bool)
    }

    /// The glob `source` (segments separated by `/`).
    init(_ source: String) {
        self.source = source
        alternatives = Self.expandBraces(source).map { alternative in
            alternative.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                segment == "**" ? .globstar : .tokens(Self.tokens(Array(segment)))
            }
        }
    }

    /// Whether `path` (segments separated by `/`) matches. With `partial`, whether `path` could be the
    /// leading directories of a match (so a directory walk knows whether to descend).
    func matches(_ path: String, partial: Bool = false) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return alternatives.contains { Self.match($0[...], parts[...], partial: partial) }
    }

    private static func match(_ pattern: ArraySlice<Segment>, _ path: ArraySlice<String>, partial: Bool) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        guard let segment = path.first else { return partial }
        switch first {
        case .globstar:
            if match(pattern.dropFirst(), path, partial: partial) { return true }
            if segment.hasPrefix(".") { return false }
            return match(pattern, path.dropFirst(), partial: partial)
        case .tokens(let tokens):
            guard matchSegment(tokens, Array(segment)) else { return false }
            return match(pattern.dropFirst(), path.dropFirst(), partial: partial)
        }
    }

    private static func matchSegment(_ tokens: [Token], _ text: [Character]) -> Bool {
        if text.first == ".", tokens.first != .literal(".") { return false }
        return matchTokens(tokens[...], text[...])
    }

    private static func matchTokens(_ tokens: ArraySlice<Token>, _ text: ArraySlice<Character>) -> Bool {
        guard let token = tokens.first else { return text.isEmpty }
        switch token {
        case .anyRun:
            var rest = text
            while true {
                if matchTokens(tokens.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .literal(let character):
            guard text.first == character else { return false }
        case .anyCharacter:
            guard !text.isEmpty else { return false }
        case .set(let ranges, let negated):
            guard let character = text.first, ranges.contains(where: { $0.contains(character) }) != negated else {
                return false
            }
        }
        return matchTokens(tokens.dropFirst(), text.dropFirst())
    }

    private static func tokens(_ characters: [Character]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch character {
            case "*": if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "?": tokens.append(.anyCharacter)
            case "\\" where index < characters.count:
                tokens.append(.literal(characters[index]))
                index += 1
            case "[":
                if let (set, end) = characterSet(characters, from: index) {
                    tokens.append(set)
                    index = end
                } else {
                    tokens.append(.literal("["))
                }
            default: tokens.append(.literal(character))
            }
        }
        return tokens
    }

    /// The class starting after a `[` at `start`, and the index after its `]`; `nil` when unclosed.
    private static func characterSet(_ characters: [Character], from start: Int) -> (Token, Int)? {
        var index = start
        var negated = false
        if index < characters.count, characters[index] == "!" || characters[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while index < characters.count {
            let character = characters[index]
            if character == "]", !first { return (.set(ranges, negated: negated), index + 1) }
            first = false
            if index + 2 < characters.count, characters[index + 1] == "-", characters[index + 2] != "]",
                character <= characters[index + 2]
            {
                ranges.append(character...characters[index + 2])
                index += 3
            } else {
                ranges.append(character...character)
                index += 1
            }
        }
        return nil
    }

    /// `source` with `{a,b}` groups expanded (nested groups included); a group without a comma is
    /// literal.
    private static func expandBraces(_ source: String) -> [String] {
        let characters = Array(source)
        guard let open = characters.firstIndex(of: "{") else { return [source] }
        var depth = 0
        var commas: [Int] = []
        var close: Int?
        for index in open..<characters.count {
            switch characters[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        let prefix = String(characters[..<open])
        guard let close, !commas.isEmpty else {
            guard let close else { return [source] }
            let literal = String(characters[open...close])
            return expandBraces(String(characters[(close + 1)...])).map { prefix + literal + $0 }
        }
        let bounds = [open] + commas + [close]
        let options = zip(bounds, bounds.dropFirst()).map { String(characters[($0 + 1)..<$1]) }
        let suffixes = expandBraces(String(characters[(close + 1)...]))
        return options.flatMap { option in
            expandBraces(option).flatMap { expanded in suffixes.map { prefix + expanded + $0 } }
        }
    }
}
