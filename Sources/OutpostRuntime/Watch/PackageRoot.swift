import Foundation
import OutpostConfig

/// Finding the Swift package a worker is built from.
enum PackageRoot {
    /// The nearest directory at or above one of `starts` (tried in order) that holds a
    /// `Package.swift`, or `nil`.
    static func find(from starts: [String]) -> String? {
        for start in starts {
            var directory = ConfigPath.normalize(start)
            while true {
                if FileManager.default.fileExists(atPath: directory + "/Package.swift") { return directory }
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory || parent.isEmpty { break }
                directory = parent
            }
        }
        return nil
    }
}
