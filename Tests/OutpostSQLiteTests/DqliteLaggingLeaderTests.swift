import Outpost
import OutpostDqlite
import Testing

/// Reads sent to a dqlite 1.11 leader whose state machine has not yet replayed its log (a leader just
/// elected, or restarted): QUERY_SQL prepares before its barrier, so the read must make the node catch
/// up instead of reporting a committed table missing.
@Suite struct DqliteLaggingLeaderTests {
    @Test func aReadOnALeaderBehindItsLogCatchesItUpAndAnswers() async throws {
        let node = try LaggingDqliteNode()
        let db = D1Database(storage: DqliteD1Storage(nodes: [node.address], database: "lag", timeout: .seconds(5)))
        let value = try await db.prepare("SELECT a FROM r").first(column: "a")
        #expect(value?.numberValue == 7)
        let requests = node.requests.filter { !$0.contains("total_changes()") }
        #expect(requests.first == "QUERY SELECT a FROM r")
        #expect(requests.dropFirst().first?.hasPrefix("EXEC ") == true, "\(requests)")
        #expect(requests.last == "QUERY SELECT a FROM r")
    }

    @Test func aTableThatIsReallyMissingStillFailsWithSQLitesMessage() async throws {
        let node = try LaggingDqliteNode()
        let db = D1Database(storage: DqliteD1Storage(nodes: [node.address], database: "lag", timeout: .seconds(5)))
        let error = await #expect(throws: D1Error.self) { _ = try await db.prepare("SELECT a FROM missing").all() }
        #expect(error?.message.hasPrefix("D1_ERROR: no such table") == true, "\(String(describing: error))")
    }
}
