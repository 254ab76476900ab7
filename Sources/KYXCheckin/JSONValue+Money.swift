import Foundation
import Outpost

extension JSONValue {
    /// The value as a dollar amount: a number, or numeric text.
    var dollarAmount: Double? {
        switch self {
        case .number(let number): number
        case .string(let text): Double(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }
}
