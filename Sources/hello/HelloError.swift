import Foundation
import Outpost
import OutpostRuntime

enum HelloError: Error, CustomStringConvertible {
    case demonstration
    var description: String { "a demonstration error thrown by /throw" }
}
