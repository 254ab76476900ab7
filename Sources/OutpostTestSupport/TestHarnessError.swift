import Foundation
import Glibc

/// A failure of the test harness itself (could not start a process, connect, …).
public struct TestHarnessError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
