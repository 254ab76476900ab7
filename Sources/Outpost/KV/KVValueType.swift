/// How `get` hands a value back: text, JSON, bytes or a byte stream.
///
/// JS equivalent: the `type` argument of `get(key, type)`: `"text"`, `"json"`, `"arrayBuffer"`, `"stream"`.
public struct KVValueType<Value: Sendable>: Sendable {
    /// The JS name of the type, e.g. `"arrayBuffer"`.
    /// JS equivalent: the `type` argument of `env.KV.get(key, type)`.
    public let name: String
    let decode: @Sendable (UnsafeRawBufferPointer) throws -> Value

    /// A type named `name` that turns stored bytes (borrowed, valid only during the call) into a `Value`.
    /// JS equivalent: none.
    public init(name: String, decode: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Value) {
        self.name = name
        self.decode = decode
    }
}

extension KVValueType where Value == String {
    /// UTF-8 text. JS equivalent: `"text"` (the default).
    public static var text: KVValueType<String> {
        KVValueType(name: "text") { String(decoding: $0, as: UTF8.self) }
    }
}

extension KVValueType where Value == JSONValue {
    /// Parsed JSON; invalid JSON throws `JSONParseError`. JS equivalent: `"json"`.
    public static var json: KVValueType<JSONValue> {
        KVValueType(name: "json") { try JSONValue(parsing: $0) }
    }
}

extension KVValueType where Value == [UInt8] {
    /// The raw bytes. JS equivalent: `"arrayBuffer"`.
    public static var bytes: KVValueType<[UInt8]> {
        KVValueType(name: "arrayBuffer") { Array($0) }
    }

    /// The raw bytes, under the JS name. JS equivalent: `"arrayBuffer"`.
    public static var arrayBuffer: KVValueType<[UInt8]> { bytes }
}

extension KVValueType where Value == ByteStream {
    /// The bytes as an async stream (one chunk; none for an empty value). JS equivalent: `"stream"`.
    public static var stream: KVValueType<ByteStream> {
        KVValueType(name: "stream") { buffer in
            let bytes = Array(buffer)
            return ByteStream { continuation in
                if !bytes.isEmpty { continuation.yield(bytes) }
                continuation.finish()
            }
        }
    }
}
