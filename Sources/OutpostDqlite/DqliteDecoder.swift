import Outpost

/// Reads a dqlite message body; every read is bounds-checked and fails with a protocol error.
struct DqliteDecoder {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func uint64() throws(DqliteError) -> UInt64 {
        guard index + 8 <= bytes.count else { throw .protocolViolation("message ends inside a word") }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
        index += 8
        return value
    }

    /// The next word without consuming it.
    func peekUInt64() throws(DqliteError) -> UInt64 {
        var copy = self
        return try copy.uint64()
    }

    mutating func int64() throws(DqliteError) -> Int64 { Int64(bitPattern: try uint64()) }

    mutating func double() throws(DqliteError) -> Double { Double(bitPattern: try uint64()) }

    mutating func text() throws(DqliteError) -> String {
        guard let end = bytes[index...].firstIndex(of: 0) else {
            throw .protocolViolation("text without a terminating NUL")
        }
        let value = String(decoding: bytes[index..<end], as: UTF8.self)
        index = Self.padded(end + 1)
        guard index <= bytes.count else { throw .protocolViolation("text padding past the message end") }
        return value
    }

    mutating func blob() throws(DqliteError) -> [UInt8] {
        let length = try uint64()
        guard length <= UInt64(bytes.count - index) else { throw .protocolViolation("blob longer than the message") }
        let end = index + Int(length)
        let value = Array(bytes[index..<end])
        index = Self.padded(end)
        guard index <= bytes.count else { throw .protocolViolation("blob padding past the message end") }
        return value
    }

    /// The FAILURE (code, message) that starts here, when it ends exactly at the end of the message.
    func failureFillingTheRest() -> DqliteError? {
        var copy = self
        guard let code = try? copy.uint64(), let message = try? copy.text(), copy.isAtEnd else { return nil }
        return .failure(code: code, message: message)
    }

    /// A row of `count` values: 4-bit type codes padded to a word, then the values.
    mutating func row(count: Int) throws(DqliteError) -> [D1Value] {
        let headerBytes = Self.padded((count + 1) / 2)
        guard index + headerBytes <= bytes.count else { throw .protocolViolation("row header past the message end") }
        let header = Array(bytes[index..<index + (count + 1) / 2])
        index += headerBytes
        var values: [D1Value] = []
        values.reserveCapacity(count)
        for column in 0..<count {
            let slot = header[column / 2]
            let code = column % 2 == 0 ? slot & 0x0F : slot >> 4
            values.append(try value(code))
        }
        return values
    }

    private mutating func value(_ code: UInt8) throws(DqliteError) -> D1Value {
        switch DqliteWire.ValueType(rawValue: code) {
        case .integer, .unixTime, .boolean: return .integer(try int64())
        case .float: return .real(try double())
        case .text, .iso8601: return .text(try text())
        case .blob: return .blob(try blob())
        case .null:
            _ = try uint64()
            return .null
        case nil: throw .protocolViolation("unknown value type \(code)")
        }
    }

    private static func padded(_ offset: Int) -> Int { (offset + 7) & ~7 }
}
