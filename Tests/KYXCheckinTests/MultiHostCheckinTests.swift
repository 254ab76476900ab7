import Foundation
import Outpost
import OutpostDqlite
import OutpostTestSupport
import Synchronization
import Testing

/// The flagship on two hosts behind one nginx upstream, D1 on one 3-node dqlite cluster and KV on one
/// Redis: what the hosts do at once stays one database's story.
@Suite(.serialized)
struct MultiHostCheckinTests {
    static let users = 200
    static let codes = 100

    static func config(database: String, cluster: DqliteTestCluster, redis: RedisTestServer) -> String {
        """
        name = "kyx-hosts"
        [vars]
        DEV_LOGIN_ENABLED = "true"
        ADMIN_PBKDF2_ITERATIONS = "1000"
        [outpost]
        status_path = "/outpost-status"
        [[kv_namespaces]]
        binding = "KV"
        id = "kyx-\(database)"
        backend = "redis"
        url = "\(redis.unixURL)"
        [[d1_databases]]
        binding = "DB"
        database_name = "\(database)"
        migrations_dir = "\(OutpostStack.packageRoot)/migrations"
        backend = "dqlite"
        url = "dqlite://\(cluster.addresses.joined(separator: ","))/\(database)"
        timeout_ms = 20000
        """
    }

    @Test func twoHundredUsersOnTwoHostsGetEachOfAHundredCodesOnce() throws {
        let cluster = try DqliteTestCluster.shared()
        let database = "kyx" + UUID().uuidString.prefix(8)
        let stack = try UpstreamStack(
            executable: OutpostStack.productsDirectory + "/kyx-checkin",
            config: Self.config(database: database, cluster: cluster, redis: RedisTestServer.shared))

        // Migrations through the CLI (on host 1's config): both hosts serve the new schema at once.
        #expect(try login(stack, host: 0, "before-migrations").status != 302)
        let apply = try stack.command(["d1", "migrations", "apply", "DB", "--local"])
        #expect(apply.code == 0, "\(apply.stdout)\(apply.stderr)")
        for host in stack.hosts.indices {
            #expect(try login(stack, host: host, "first-on-host\(host + 1)").status == 302)
        }
        let stocked = try stack.command(
            host: 1,
            [
                "d1", "execute", "DB", "--local", "--command",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(Self.codes)) "
                    + "INSERT INTO redemption_codes (code, amount_cents, created_at) "
                    + "SELECT printf('HOSTS%04d', i), 5000, '2026-01-01T00:00:00Z' FROM n",
            ])
        #expect(stocked.code == 0, "\(stocked.stdout)\(stocked.stderr)")

        var cookies: [String] = []
        for index in 0..<Self.users {
            let response = try login(stack, host: nil, "user\(index)")
            cookies.append(try #require(sessionCookie(response), "login \(index): \(response.status) \(response.text)"))
        }
        let before = try stack.hosts.indices.map { try acceptedConnections(stack, host: $0) }
        let sessions = cookies
        let replies = simultaneously(Self.users) { index -> (status: Int, text: String) in
            do {
                let response = try HTTPTestClient(port: stack.port, timeoutSeconds: 120).request(
                    "POST", "/api/checkin", headers: [("Origin", "http://localhost"), ("Cookie", sessions[index])])
                return (response.status, response.text)
            } catch {
                return (-1, "\(error)")
            }
        }
        let answers = replies.map { reply in
            let object = try? JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as? [String: Any]
            return (status: reply.status, body: object, text: reply.text)
        }
        let after = try stack.hosts.indices.map { try acceptedConnections(stack, host: $0) }
        for host in stack.hosts.indices {
            // Each host served part of the burst (its status request counts one connection).
            #expect(after[host] - before[host] > 1, "host \(host + 1) served no check-in")
        }

        for answer in answers {
            #expect(answer.status == 200 && answer.body?["success"] as? Bool == true, "\(answer.status) \(answer.text)")
        }
        let handedOut = answers.compactMap { $0.body?["redemptionCode"] as? String }
        #expect(handedOut.count == Self.codes)
        #expect(Set(handedOut) == Set((1...Self.codes).map { String(format: "HOSTS%04d", $0) }))
        #expect(
            answers.filter { $0.body?["status"] as? String == "pending_distribution" }.count == Self.users - Self.codes)

        let storage = cluster.storage(database, timeout: .seconds(20))
        func number(_ sql: String) throws -> Int64? {
            let result = try storage.run([D1Query(sql: sql)])
            guard case .integer(let value)? = result.results.first?.rows.first?.first else { return nil }
            return value
        }
        let users = "(SELECT id FROM users WHERE dev_login LIKE 'user%')"
        #expect(try number("SELECT count(*) FROM check_ins WHERE user_id IN \(users)") == Int64(Self.users))
        #expect(
            try number("SELECT count(DISTINCT user_id) FROM check_ins WHERE user_id IN \(users)") == Int64(Self.users))
        #expect(
            try number("SELECT count(*) FROM check_ins WHERE status = 'pending_distribution'")
                == Int64(Self.users - Self.codes))
        #expect(try number("SELECT count(*) FROM check_ins WHERE status = 'completed'") == Int64(Self.codes))
        #expect(try number("SELECT count(*) FROM redemption_codes WHERE is_distributed = 1") == Int64(Self.codes))
        #expect(
            try number("SELECT count(DISTINCT distributed_to) FROM redemption_codes WHERE is_distributed = 1")
                == Int64(Self.codes))
        #expect(
            try number(
                "SELECT count(*) FROM check_ins c JOIN redemption_codes r ON r.checkin_id = c.id "
                    + "WHERE r.code = c.redemption_code AND r.distributed_to = c.user_id") == Int64(Self.codes))
    }

    private func login(_ stack: UpstreamStack, host: Int?, _ username: String) throws -> HTTPTestResponse {
        let headers = [("Origin", "http://localhost"), ("Content-Type", "application/x-www-form-urlencoded")]
        let body = Array("username=\(username)".utf8)
        guard let host else { return try stack.request("POST", "/dev/login", headers: headers, body: body) }
        return try stack.request(host: host, "POST", "/dev/login", headers: headers, body: body)
    }

    private func sessionCookie(_ response: HTTPTestResponse) -> String? {
        guard response.status == 302 else { return nil }
        return response.values("set-cookie").first { $0.hasPrefix("session=") }.map { String($0.prefix { $0 != ";" }) }
    }

    /// The `accepted conn` counter of host `index`'s status page.
    private func acceptedConnections(_ stack: UpstreamStack, host index: Int) throws -> Int {
        let response = try stack.request(host: index, "GET", "/outpost-status?json")
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return try #require((object?["accepted conn"] as? NSNumber)?.intValue, "\(response.text)")
    }
}

/// Runs `body(0..<count)`, each on its own thread, all released at once; returns the results in order.
private func simultaneously<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let results = Mutex<[T?]>(Array(repeating: nil, count: count))
    let start = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        let thread = Thread {
            start.wait()
            let value = body(index)
            results.withLock { $0[index] = value }
            done.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    for _ in 0..<count { start.signal() }
    done.wait()
    return results.withLock { $0.compactMap { $0 } }
}
