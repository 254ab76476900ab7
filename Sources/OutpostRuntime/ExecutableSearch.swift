import Foundation

/// Finding a program as a shell does: the first executable of that name in `PATH`.
enum ExecutableSearch {
    /// The first of `candidates`, then of `PATH`'s directories, that holds an executable `name`
    /// (`candidates` are full paths), or `nil`.
    static func find(_ name: String, candidates: [String] = []) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let inPath = path.split(separator: ":").map { "\($0)/\(name)" }
        return (candidates + inPath).first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
