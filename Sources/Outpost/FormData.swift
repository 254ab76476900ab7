/// Form fields from a URL-encoded or multipart body. JS equivalent: `FormData`.
public struct FormData: Sendable, Equatable {
    /// One form field: text, or an uploaded file.
    /// JS equivalent: `FormDataEntryValue` (a string or a `File`).
    public enum Entry: Sendable, Equatable {
        /// A text field.
        case text(String)
        /// A file part. JS equivalent: `File` (`name`, `type`, `arrayBuffer()`).
        case file(name: String, contentType: String, bytes: [UInt8])

        /// The text of a text field, or the file's bytes decoded as UTF-8.
        /// JS equivalent: `typeof v === "string" ? v : await v.text()`.
        public var text: String {
            switch self {
            case .text(let value): value
            case .file(_, _, let bytes): String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    /// The fields in order, repeated names kept.
    /// JS equivalent: `[...formData.entries()]`.
    public private(set) var entries: [(name: String, value: Entry)] = []

    /// An empty form.
    /// JS equivalent: `new FormData()`.
    public init() {}

    /// Parses `body` according to `contentType`.
    /// JS equivalent: `await new Request(url, { body, headers }).formData()`.
    public init(body: [UInt8], contentType: String) throws {
        let lowered = contentType.lowercased()
        if lowered.hasPrefix("application/x-www-form-urlencoded") {
            entries = Self.parseURLEncoded(body).map { ($0.name, .text($0.value)) }
        } else if lowered.hasPrefix("multipart/form-data") {
            guard let boundary = Self.parameter("boundary", in: contentType) else {
                throw TypeError("Parsing a Body as FormData failed: multipart/form-data without a boundary.")
            }
            entries = try MultipartParser.parse(body, boundary: boundary)
        } else {
            throw TypeError(
                "Parsing a Body as FormData requires a Content-Type header of \"application/x-www-form-urlencoded\" or \"multipart/form-data\"."
            )
        }
    }

    /// The first field named `name`. JS equivalent: `formData.get(name)`.
    public func get(_ name: String) -> Entry? { entries.first { $0.name == name }?.value }

    /// Every field named `name`. JS equivalent: `formData.getAll(name)`.
    public func getAll(_ name: String) -> [Entry] { entries.filter { $0.name == name }.map(\.value) }

    /// The text of the first field named `name`.
    /// JS equivalent: `formData.get(name)` as text.
    public func string(_ name: String) -> String? { get(name)?.text }

    /// Whether a field named `name` exists. JS equivalent: `formData.has(name)`.
    public func has(_ name: String) -> Bool { entries.contains { $0.name == name } }

    /// Adds a field. JS equivalent: `formData.append(name, value)`.
    public mutating func append(_ name: String, _ value: Entry) { entries.append((name, value)) }

    /// Whether both hold the same contents.
    public static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Splits `a=1&b=x+y` into decoded pairs (`+` is a space, `%XX` decoded), as `URLSearchParams` does.
    static func parseURLEncoded(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                return (
                    URLText.percentDecoded(pair[..<equals], plusAsSpace: true),
                    URLText.percentDecoded(pair[(equals + 1)...], plusAsSpace: true)
                )
            }
            return (URLText.percentDecoded(pair, plusAsSpace: true), "")
        }
    }

    /// The decoded value of the first pair named `name` in `a=1&b=x+y` (a pair without `=` has the
    /// value ""), or `nil`: `parseURLEncoded(bytes).first { $0.name == name }?.value` without
    /// decoding the pairs before it or after it.
    static func firstURLEncodedValue(named name: String, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            guard URLText.percentDecoded(pair[..<equals], plusAsSpace: true) == name else { continue }
            return equals == pair.endIndex ? "" : URLText.percentDecoded(pair[(equals + 1)...], plusAsSpace: true)
        }
        return nil
    }

    /// The value of `name=` in a header like `multipart/form-data; boundary=x` (quotes removed).
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let trimmed = part.trimmingSpaces
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            guard trimmed[..<equals].lowercased() == name.lowercased() else { continue }
            var value = trimmed[trimmed.index(after: equals)...]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = value.dropFirst().dropLast()
            }
            return String(value)
        }
        return nil
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var result = self.drop { $0 == " " || $0 == "\t" }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}

/// A `multipart/form-data` body parser (RFC 7578).
enum MultipartParser {
    static func parse(_ body: [UInt8], boundary: String) throws -> [(name: String, value: FormData.Entry)] {
        let delimiter = Array("--\(boundary)".utf8)
        var entries: [(name: String, value: FormData.Entry)] = []
        guard var position = find(delimiter, in: body, from: 0) else {
            throw TypeError("Parsing a Body as FormData failed: no multipart boundary found.")
        }
        while true {
            position += delimiter.count
            if position + 1 < body.count, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") {
                return entries
            }
            guard let headersStart = skipLineBreak(body, position),
                let headersEnd = find([13, 10, 13, 10], in: body, from: headersStart),
                let next = find([13, 10] + delimiter, in: body, from: headersEnd + 4)
            else {
                throw TypeError("Parsing a Body as FormData failed: truncated multipart body.")
            }
            let headerText = String(decoding: body[headersStart..<headersEnd], as: UTF8.self)
            let content = Array(body[(headersEnd + 4)..<next])
            var disposition = ""
            var contentType = "text/plain"
            for line in headerText.split(separator: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].lowercased()
                let value = String(line[line.index(after: colon)...].trimmingSpaces)
                if name == "content-disposition" { disposition = value }
                if name == "content-type" { contentType = value }
            }
            guard let name = FormData.parameter("name", in: disposition) else {
                throw TypeError("Parsing a Body as FormData failed: a part has no name.")
            }
            if let filename = FormData.parameter("filename", in: disposition) {
                entries.append((name, .file(name: filename, contentType: contentType, bytes: content)))
            } else {
                entries.append((name, .text(String(decoding: content, as: UTF8.self))))
            }
            position = next + 2
        }
    }

    private static func skipLineBreak(_ body: [UInt8], _ position: Int) -> Int? {
        if position + 1 < body.count, body[position] == 13, body[position + 1] == 10 { return position + 2 }
        if position < body.count, body[position] == 10 { return position + 1 }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        let first = needle[0]
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
