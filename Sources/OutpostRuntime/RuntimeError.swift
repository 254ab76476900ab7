import Foundation
import Glibc

/// A runtime failure with a message for the user.
struct RuntimeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
