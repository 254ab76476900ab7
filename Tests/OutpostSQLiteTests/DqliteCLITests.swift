import Foundation
import Glibc
import OutpostTestSupport
import Testing

/// The `d1` commands against a dqlite database, through the executable (each command its own process,
/// as on two hosts).
@Suite struct DqliteCLITests {
    @Test func migrationsAppliedByTheCLIAreSeenByTwoProcessesAtOnce() throws {
        let cluster = try DqliteTestCluster.shared()
        let directory = try TestDirectory.make(prefix: "dqlite-cli")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = "cli" + UUID().uuidString.prefix(8)
        let config = """
            [[d1_databases]]
            binding = "DB"
            database_name = "\(database)"
            backend = "dqlite"
            url = "dqlite://\(cluster.addresses.joined(separator: ","))/\(database)"
            timeout_ms = 10000
            """
        try config.write(toFile: directory + "/wrangler.toml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/migrations", withIntermediateDirectories: true)
        try "CREATE TABLE codes (code TEXT PRIMARY KEY);\nINSERT INTO codes VALUES ('A'), ('B');\n".write(
            toFile: directory + "/migrations/0001_codes.sql", atomically: true, encoding: .utf8)
        let apply = try run(["d1", "migrations", "apply", "DB"], in: directory)
        #expect(apply.status == 0, "\(apply.output)")
        #expect(apply.output.contains("0001_codes.sql"))
        let readers = try (0..<2).map { index in
            try TestProcess(
                executable: OutpostStack.productsDirectory + "/hello",
                arguments: ["d1", "execute", "DB", "--command", "SELECT count(*) AS n FROM codes", "--json"],
                directory: directory, name: "reader\(index)")
        }
        for reader in readers {
            #expect(reader.waitForExit(seconds: 30) == 0, "\(reader.stderr)")
            #expect(reader.stdout.contains("\"n\": 2"), "\(reader.stdout)")
        }
        let list = try run(["d1", "migrations", "list", "DB"], in: directory)
        #expect(list.output.contains("No migrations to apply"), "\(list.output)")
    }

    @Test func aNodeWhoseAddressIsTakenSaysSoAndExitsCleanly() throws {
        let directory = try TestDirectory.make(prefix: "dqlite-busy")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let busy = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(busy) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(busy, $0, length) == 0 && listen(busy, 1) == 0 && getsockname(busy, $0, &length) == 0
            }
        }
        try #require(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let node = try run(
            ["d1", "node", "--id", "1", "--address", "127.0.0.1:\(port)", "--dir", directory + "/n1"], in: directory)
        #expect(node.status == 1, "a clean exit with an error, not a crash: \(String(describing: node.status))")
        #expect(node.output.contains("cannot listen on 127.0.0.1:\(port)"), "\(node.output)")
    }

    private func run(_ arguments: [String], in directory: String) throws -> (status: Int32?, output: String) {
        let process = try TestProcess(
            executable: OutpostStack.productsDirectory + "/hello", arguments: arguments, directory: directory,
            name: "cli-\(UUID().uuidString.prefix(4))")
        let status = process.waitForExit(seconds: 30)
        return (status, process.stdout + process.stderr)
    }
}
