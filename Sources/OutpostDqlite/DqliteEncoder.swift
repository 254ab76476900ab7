import Outpost

/// Builds a dqlite message body: little-endian 64-bit words, text NUL-terminated and padded to a word.
struct DqliteEncoder {
    private(set) var bytes: [UInt8] = []

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int64(_ value: Int64) { uint64(UInt64(bitPattern: value)) }

    mutating func double(_ value: Double) { uint64(value.bitPattern) }

    mutating func text(_ value: String) {
        bytes.append(contentsOf: value.utf8)
        bytes.append(0)
        pad()
    }

    mutating func blob(_ value: [UInt8]) {
        uint64(UInt64(value.count))
        bytes.append(contentsOf: value)
        pad()
    }

    /// A parameter tuple: a count byte, a type byte per value (padded to a word), then the values.
    /// Nothing at all when there are no parameters (dqlite then binds none).
    mutating func parameters(_ values: [D1Value]) {
        guard !values.isEmpty else { return }
        bytes.append(UInt8(values.count))
        for value in values { bytes.append(Self.type(of: value).rawValue) }
        pad()
        for value in values {
            switch value {
            case .null: uint64(0)
            case .integer(let number): int64(number)
            case .real(let number): double(number)
            case .text(let text): self.text(text)
            case .blob(let data): blob(data)
            }
        }
    }

    private static func type(of value: D1Value) -> DqliteWire.ValueType {
        switch value {
        case .null: .null
        case .integer: .integer
        case .real: .float
        case .text: .text
        case .blob: .blob
        }
    }

    private mutating func pad() {
        while bytes.count % 8 != 0 { bytes.append(0) }
    }
}
