import Foundation

/// The private temporary state directory of one `TestWorker` (mode 0700, as every state directory).
enum TestStateDirectory {
    /// Creates `<tmp>/outpost-test-worker-<uuid>`.
    static func make() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/outpost-test-worker-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }
}
