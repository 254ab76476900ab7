import Foundation

/// The CGI parameters `CGIRequestMapper` reads, told apart by their name's bytes: every `HTTP_*`
/// one, and thirteen others. nginx sends about as many it never looks at (`DOCUMENT_ROOT`,
/// `SCRIPT_NAME`, `QUERY_STRING`, …); those are recognised as unknown without becoming Strings.
enum CGIParam {
    case header
    case transferEncoding
    case host
    case method
    case uri
    case scheme
    case https
    case serverPort
    case serverName
    case contentType
    case contentLength
    case remoteAddress
    case serverProtocol
    case sslProtocol
    case sslCipher
    case tcpRTT

    /// The parameter named `name`, or `nil` for one the mapper does not read.
    init?(name: UnsafeBufferPointer<UInt8>) {
        guard let first = name.first else { return nil }
        if first == UInt8(ascii: "H"), Self.hasHTTPPrefix(name) {
            if Self.equals(name, "HTTP_HOST") {
                self = .host
            } else if Self.equals(name, "HTTP_TRANSFER_ENCODING") {
                self = .transferEncoding
            } else {
                self = .header
            }
            return
        }
        // The others, by length first: at most five byte comparisons for any name.
        switch name.count {
        case 5 where Self.equals(name, "HTTPS"): self = .https
        case 10 where Self.equals(name, "SSL_CIPHER"): self = .sslCipher
        case 11 where Self.equals(name, "REQUEST_URI"): self = .uri
        case 11 where Self.equals(name, "SERVER_PORT"): self = .serverPort
        case 11 where Self.equals(name, "SERVER_NAME"): self = .serverName
        case 11 where Self.equals(name, "REMOTE_ADDR"): self = .remoteAddress
        case 11 where Self.equals(name, "TCPINFO_RTT"): self = .tcpRTT
        case 12 where Self.equals(name, "CONTENT_TYPE"): self = .contentType
        case 12 where Self.equals(name, "SSL_PROTOCOL"): self = .sslProtocol
        case 14 where Self.equals(name, "REQUEST_METHOD"): self = .method
        case 14 where Self.equals(name, "REQUEST_SCHEME"): self = .scheme
        case 14 where Self.equals(name, "CONTENT_LENGTH"): self = .contentLength
        case 15 where Self.equals(name, "SERVER_PROTOCOL"): self = .serverProtocol
        default: return nil
        }
    }

    /// `HTTP_X_FORWARDED_FOR` → `x-forwarded-for` (the name of an `HTTP_*` parameter's header).
    static func headerName(ofParam name: UnsafeBufferPointer<UInt8>) -> String {
        let header = UnsafeBufferPointer(rebasing: name.dropFirst(5))
        return String(unsafeUninitializedCapacity: header.count) { out in
            for (index, byte) in header.enumerated() {
                switch byte {
                case UInt8(ascii: "_"): out[index] = UInt8(ascii: "-")
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): out[index] = byte | 0x20
                default: out[index] = byte
                }
            }
            return header.count
        }
    }

    /// Whether `name` starts with `HTTP_` (a header) and has more after it.
    private static func hasHTTPPrefix(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.count > 5 && memcmp(name.baseAddress!, "HTTP_", 5) == 0
    }

    private static func equals(_ name: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        name.count == literal.utf8CodeUnitCount && memcmp(name.baseAddress!, literal.utf8Start, name.count) == 0
    }
}
