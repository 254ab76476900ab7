import Foundation
import Glibc
import OutpostRuntime

/// Temporary directories for tests.
public enum TestDirectory {
    /// A new empty directory under the system temp directory.
    public static func make(prefix: String) throws -> String {
        let path = NSTemporaryDirectory() + "/\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
