import Foundation
import OutpostTestSupport
import Testing

/// Two Outpost hosts with separate state directories behind one nginx upstream, their KV namespace in
/// one Redis: what one host writes the other reads and lists at once.
@Suite(.serialized)
struct KVSharedAcrossHostsTests {
    @Test func aPutThroughOneHostIsReadAndListedThroughTheOtherAtOnce() throws {
        let namespace = "hosts-" + UUID().uuidString.prefix(8)
        let config = """
            name = "kv-hosts"
            [[kv_namespaces]]
            binding = "KV"
            id = "\(namespace)"
            backend = "redis"
            url = "\(RedisTestServer.shared.unixURL)"
            """
        let stack = try UpstreamStack(
            executable: OutpostStack.productsDirectory + "/hello", config: config,
            environment: { ["HELLO_VERSION": "host\($0 + 1)"] })

        // Each host answers on its own port; the upstream spreads requests over both.
        #expect(try stack.request(host: 0, "GET", "/version").text == "host1\n")
        #expect(try stack.request(host: 1, "GET", "/version").text == "host2\n")
        let answered = try (0..<6).map { _ in try stack.request("GET", "/version").text }
        #expect(Set(answered) == ["host1\n", "host2\n"])

        for (writer, reader) in [(0, 1), (1, 0)] {
            let key = "from-host\(writer + 1)"
            let put = try stack.request(host: writer, "PUT", "/kv?k=\(key)", body: Array("value \(writer + 1)".utf8))
            #expect(put.status == 200, "\(put.text)")
            #expect(try stack.request(host: reader, "GET", "/kv-get?k=\(key)").text == "value \(writer + 1)")
            #expect(try stack.request(host: reader, "GET", "/kv-list?prefix=from-").text.contains(key + "\n"))
        }
        for host in stack.hosts.indices {
            #expect(try stack.request(host: host, "GET", "/kv-list?prefix=from-").text == "from-host1\nfrom-host2\n")
        }

        // Through the upstream, requests alternate between the hosts: a counter read and written by
        // both counts every request.
        for expected in 1...6 {
            #expect(try stack.request("POST", "/counter").text == "\(expected)\n")
        }
        #expect(try stack.request(host: 0, "GET", "/kv-get?k=counter").text == "6")
        #expect(try stack.request(host: 1, "GET", "/kv-get?k=counter").text == "6")
        // The namespace is in Redis, not in either state directory; the CLI on a host sees the same keys.
        for host in stack.hosts {
            #expect(!FileManager.default.fileExists(atPath: host.directory + "/state/kv/\(namespace).sqlite"))
        }
        #expect(try stack.command(host: 1, ["kv", "key", "get", "counter", "--binding", "KV"]).stdout == "6")
    }
}
