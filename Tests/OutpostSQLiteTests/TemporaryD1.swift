import Foundation
import Outpost
import OutpostDqlite
import OutpostSQLite
import OutpostTestSupport
import Testing

/// The engines the D1 behaviour suite runs against.
enum D1Backend: String, CaseIterable, CustomTestStringConvertible {
    /// The embedded engine on a SQLite file.
    case embedded
    /// A fresh database on the shared three-node dqlite cluster (`d1 node` processes).
    case dqlite

    var testDescription: String { rawValue }
}

/// A D1 database on a fresh file in a temporary directory (removed when released), or a fresh
/// database on the shared dqlite test cluster.
final class TemporaryD1 {
    let backend: D1Backend
    let directory: String
    let storage: any D1Storage
    private let databaseName = "t" + UUID().uuidString.prefix(8)

    init(_ backend: D1Backend = .embedded) throws {
        self.backend = backend
        directory = NSTemporaryDirectory() + "outpost-d1-test-" + UUID().uuidString
        switch backend {
        case .embedded:
            storage = try D1Engine(path: D1Engine.path(stateDirectory: directory, localName: "test"))
        case .dqlite:
            storage = try DqliteTestCluster.shared().storage(databaseName)
        }
    }

    /// The embedded engine (embedded-only tests).
    var engine: D1Engine { storage as! D1Engine }

    var db: D1Database { D1Database(storage: storage) }

    /// A second storage on the same database, as another process (the CLI, another host) would open it.
    func secondStorage() throws -> any D1Storage {
        switch backend {
        case .embedded: try D1Engine(path: engine.path)
        case .dqlite: try DqliteTestCluster.shared().storage(databaseName)
        }
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
