public import Foundation

/// A Swift value `bind` accepts: it converts itself to a `D1Value` or fails with `D1_TYPE_ERROR`.
///
/// JS equivalent: the values `D1PreparedStatement.bind(...values)` accepts.
public protocol D1Bindable: Sendable {
    /// The value as bound. JS equivalent: the conversion `bind()` applies to one argument.
    func d1Value() throws(D1Error) -> D1Value
}

extension D1Value: D1Bindable {
    /// Itself.
    /// JS equivalent: none (the D1 client converts bound values itself).
    public func d1Value() throws(D1Error) -> D1Value { self }
}

extension JSONValue: D1Bindable {
    /// D1's mapping of a JS value: see `D1Value.init(binding:)`.
    /// JS equivalent: none (the D1 client converts bound values itself).
    public func d1Value() throws(D1Error) -> D1Value { try D1Value(binding: self) }
}

extension Int: D1Bindable {
    /// An INTEGER. JS equivalent: an integral number.
    public func d1Value() throws(D1Error) -> D1Value { .integer(Int64(self)) }
}

extension Int64: D1Bindable {
    /// An INTEGER. JS equivalent: an integral number.
    public func d1Value() throws(D1Error) -> D1Value { .integer(self) }
}

extension Int32: D1Bindable {
    /// An INTEGER. JS equivalent: an integral number.
    public func d1Value() throws(D1Error) -> D1Value { .integer(Int64(self)) }
}

extension Double: D1Bindable {
    /// A REAL. JS equivalent: a number.
    public func d1Value() throws(D1Error) -> D1Value { .real(self) }
}

extension String: D1Bindable {
    /// TEXT. JS equivalent: a string.
    public func d1Value() throws(D1Error) -> D1Value { .text(self) }
}

extension Substring: D1Bindable {
    /// TEXT. JS equivalent: a string.
    public func d1Value() throws(D1Error) -> D1Value { .text(String(self)) }
}

extension Bool: D1Bindable {
    /// 1 or 0. JS equivalent: `true` / `false`.
    public func d1Value() throws(D1Error) -> D1Value { .integer(self ? 1 : 0) }
}

extension Array: D1Bindable where Element == UInt8 {
    /// A BLOB. JS equivalent: an `ArrayBuffer` or `Uint8Array`.
    public func d1Value() throws(D1Error) -> D1Value { .blob(self) }
}

extension Data: D1Bindable {
    /// A BLOB. JS equivalent: an `ArrayBuffer`.
    public func d1Value() throws(D1Error) -> D1Value { .blob(Array(self)) }
}

extension Optional: D1Bindable where Wrapped: D1Bindable {
    /// NULL for `nil`, else the wrapped value. JS equivalent: `null` or the value.
    public func d1Value() throws(D1Error) -> D1Value {
        switch self {
        case .none: .null
        case .some(let value): try value.d1Value()
        }
    }
}
