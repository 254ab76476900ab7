import Foundation
import Glibc

/// A response read by `HTTPTestClient`.
public struct HTTPTestResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header lines in order (names as sent).
    public var headers: [(name: String, value: String)]
    /// The body (de-chunked).
    public var body: [UInt8]
    /// When each body piece arrived, relative to the moment the request was sent.
    public var arrivals: [Duration]

    /// Every value of header `name` (case-insensitive).
    public func values(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The first value of header `name`.
    public func header(_ name: String) -> String? { values(name).first }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
