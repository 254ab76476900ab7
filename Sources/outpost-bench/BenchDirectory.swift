import Foundation

/// Where the benchmark's SQLite files live.
enum BenchDirectory {
    /// Runs `body` in `path` (created if missing, kept afterwards), or in a fresh temporary directory
    /// removed afterwards when `path` is `nil`.
    static func with(_ path: String?, _ body: (String) async throws -> Void) async throws {
        let fileManager = FileManager.default
        if let path {
            try fileManager.createDirectory(atPath: path, withIntermediateDirectories: true)
            try await body(path)
            return
        }
        let temporary = fileManager.temporaryDirectory
            .appendingPathComponent("outpost-bench-\(ProcessInfo.processInfo.processIdentifier)").path
        try fileManager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(atPath: temporary) }
        try await body(temporary)
    }
}
