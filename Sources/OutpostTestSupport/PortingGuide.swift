import Foundation

/// Generates `docs/porting.md`'s API table from the "JS equivalent:" sentences of the doc comments in
/// `Sources/Outpost`, so the guide cannot drift from the code: one section per type, one row per
/// public declaration whose doc names a JS equivalent (those saying "none" are left out).
/// Everything outside the generated markers of the guide is kept as written.
public enum PortingGuide {
    /// Where the generated part of the guide starts and ends.
    public static let startMarker = "<!-- generated from Sources/Outpost's doc comments: start -->"
    /// See `startMarker`.
    public static let endMarker = "<!-- generated from Sources/Outpost's doc comments: end -->"

    /// One documented declaration.
    struct Entry {
        var owner: String
        var swift: String
        var javaScript: String
    }

    /// `guide` (the current file's text) with its generated parts made from the package at `root`: the
    /// API tables from `Sources/Outpost`, and each `<!-- swift-example: FILE FUNCTION -->` block
    /// (closed by `<!-- swift-example end -->`) filled with that function's code from FILE.
    public static func render(guide: String, root: String) throws -> String {
        guard let start = guide.range(of: startMarker), let end = guide.range(of: endMarker),
            start.upperBound <= end.lowerBound
        else {
            throw TestHarnessError("the porting guide has no \(startMarker) … \(endMarker) section")
        }
        let table = try tables(sources: root + "/Sources/Outpost")
        let text = String(guide[..<start.upperBound]) + "\n" + table + String(guide[end.lowerBound...])
        return try examples(in: text, root: root)
    }

    private static let exampleStart = "<!-- swift-example: "
    private static let exampleEnd = "<!-- swift-example end -->"

    /// `text` with every Swift example block refilled from its source file.
    private static func examples(in text: String, root: String) throws -> String {
        var out: [String] = []
        var skipping = false
        for line in text.components(separatedBy: "\n") {
            if skipping {
                if line == exampleEnd { skipping = false }
                continue
            }
            out.append(line)
            guard line.hasPrefix(exampleStart), line.hasSuffix(" -->") else { continue }
            let words = line.dropFirst(exampleStart.count).dropLast(4).split(separator: " ").map(String.init)
            guard words.count == 2 else { throw TestHarnessError("bad example marker: \(line)") }
            let source = try String(contentsOfFile: root + "/" + words[0], encoding: .utf8)
            out += ["```swift", try function(words[1], in: source, file: words[0]), "```", exampleEnd]
            skipping = true
        }
        return out.joined(separator: "\n")
    }

    /// The code of function `name` in `source`, from its declaration line to its closing brace, unindented.
    static func function(_ name: String, in source: String, file: String) throws -> String {
        let lines = source.components(separatedBy: "\n")
        guard let first = lines.firstIndex(where: { $0.contains("func \(name)(") }) else {
            throw TestHarnessError("no func \(name) in \(file)")
        }
        let indent = lines[first].prefix { $0 == " " }.count
        var depth = 0
        for index in first..<lines.count {
            depth += lines[index].filter { $0 == "{" }.count - lines[index].filter { $0 == "}" }.count
            if depth == 0 && index > first || depth == 0 && lines[index].contains("}") {
                return lines[first...index].map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
                    .joined(separator: "\n")
            }
        }
        throw TestHarnessError("func \(name) in \(file) has no closing brace")
    }

    /// The Markdown tables of every documented declaration under `sources`, by type in file order.
    static func tables(sources: String) throws -> String {
        var sections: [(owner: String, rows: [Entry])] = []
        for file in try swiftFiles(under: sources) {
            for entry in entries(in: try String(contentsOfFile: file, encoding: .utf8)) {
                if let index = sections.firstIndex(where: { $0.owner == entry.owner }) {
                    sections[index].rows.append(entry)
                } else {
                    sections.append((entry.owner, [entry]))
                }
            }
        }
        var out = ""
        for section in sections {
            out += "\n### \(section.owner)\n\n| JavaScript | Swift |\n|---|---|\n"
            for row in section.rows { out += "| \(cell(row.javaScript)) | `\(cell(row.swift))` |\n" }
        }
        return out + "\n"
    }

    private static func swiftFiles(under directory: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else {
            throw TestHarnessError("cannot read \(directory)")
        }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".swift") { files.append(directory + "/" + relative) }
        }
        return files.sorted()
    }

    /// The documented public declarations of one file with a JS equivalent.
    static func entries(in text: String) -> [Entry] {
        let lines = text.components(separatedBy: "\n")
        var entries: [Entry] = []
        var owner = "Outpost"
        var doc: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("///") {
                doc.append(String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces))
                index += 1
                continue
            }
            if line.hasPrefix("@") && !doc.isEmpty {
                index += 1
                continue
            }
            let topLevel = !lines[index].hasPrefix(" ")
            let (declaration, next) = declaration(lines, from: index)
            if topLevel, let name = typeName(of: declaration) { owner = name }
            if !doc.isEmpty, declaration.contains("public "), let javaScript = jsEquivalent(doc.joined(separator: " "))
            {
                let swift = declaration.replacingOccurrences(of: "public ", with: "")
                entries.append(Entry(owner: owner, swift: swift, javaScript: javaScript))
            }
            doc = []
            index = max(next, index + 1)
        }
        return entries
    }

    /// The declaration starting at `index` on one line (parameters joined, body dropped) and the line after it.
    private static func declaration(_ lines: [String], from index: Int) -> (String, Int) {
        var text = ""
        var depth = 0
        var line = index
        while line < lines.count {
            for character in lines[line] {
                if character == "{" && depth == 0 { return (collapse(text), line + 1) }
                if character == "(" || character == "[" || character == "<" { depth += 1 }
                let arrow = character == ">" && text.last == "-"
                if character == ")" || character == "]" || (character == ">" && !arrow) { depth = max(0, depth - 1) }
                text.append(character)
            }
            line += 1
            if depth == 0 { break }
            text.append(" ")
        }
        return (collapse(text), line)
    }

    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").replacingOccurrences(of: "( ", with: "(")
            .replacingOccurrences(of: " )", with: ")")
    }

    /// The type a top-level declaration declares or extends, e.g. `KVNamespace`.
    private static func typeName(of declaration: String) -> String? {
        let words = declaration.split(separator: " ").map(String.init)
        for (position, word) in words.enumerated()
        where ["struct", "class", "enum", "protocol", "extension", "actor"].contains(word) && position + 1 < words.count
        {
            return String(words[position + 1].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
        }
        return nil
    }

    /// The sentence after "JS equivalent:" (to its first full stop outside backticks), unless it is "none".
    package static func jsEquivalent(_ doc: String) -> String? {
        guard let marker = doc.range(of: "JS equivalent:") else { return nil }
        var sentence = ""
        var inCode = false
        let rest = Array(doc[marker.upperBound...].trimmingCharacters(in: .whitespaces))
        for (offset, character) in rest.enumerated() {
            if character == "`" { inCode.toggle() }
            let abbreviation = sentence.hasSuffix("e.g") || sentence.hasSuffix("i.e")
            if character == ".", !inCode, !abbreviation, offset + 1 == rest.count || rest[offset + 1] == " " { break }
            sentence.append(character)
        }
        let trimmed = sentence.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.lowercased().hasPrefix("none") ? nil : trimmed
    }

    /// `text` safe inside a Markdown table cell.
    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
