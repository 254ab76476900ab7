import Foundation
import Outpost
import OutpostSQLite
import OutpostTestSupport

/// A D1 engine on a fresh file in a temporary directory, removed when released.
final class TemporaryD1 {
    let directory: String
    let engine: D1Engine

    init() throws {
        directory = NSTemporaryDirectory() + "outpost-d1-test-" + UUID().uuidString
        engine = try D1Engine(path: D1Engine.path(stateDirectory: directory, localName: "test"))
    }

    var db: D1Database { D1Database(storage: engine) }

    /// A second engine on the same file, as another process (the CLI) would open it.
    func secondEngine() throws -> D1Engine {
        try D1Engine(path: engine.path)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

/// The D1 error `body` throws, or `nil`.
func d1Error(_ body: () async throws -> Void) async -> D1Error? {
    do {
        try await body()
        return nil
    } catch let error as D1Error {
        return error
    } catch {
        return D1Error(.query, "unexpected \(error)")
    }
}
