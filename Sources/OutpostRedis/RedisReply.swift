/// One Redis reply, copied out of hiredis's reply tree.
///
/// JS equivalent: none.
enum RedisReply: Sendable, Equatable {
    /// A bulk string (binary-safe).
    case string([UInt8])
    /// A status reply such as `OK`.
    case status(String)
    /// An integer reply.
    case integer(Int64)
    /// An array reply.
    case array([RedisReply])
    /// A nil bulk string or nil array.
    case null
    /// An error reply such as `OOM command not allowed …`.
    case error(String)

    /// The bytes of a bulk string, or `nil` for anything else.
    var bytes: [UInt8]? {
        if case .string(let bytes) = self { return bytes }
        return nil
    }

    /// A bulk string or status as text, or `nil` for anything else.
    var text: String? {
        switch self {
        case .string(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    /// The elements of an array reply, or `nil` for anything else.
    var elements: [RedisReply]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}
