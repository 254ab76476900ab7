import Foundation
import Outpost
import OutpostTestSupport
import OutpostTesting
import Testing

/// `env.fetch`: an outbound subrequest over real HTTP (to a worker behind nginx).
@Suite(.serialized)
struct SubrequestTests {
    @Test func envFetchSendsMethodHeadersAndBody() async throws {
        let stack = try OutpostStack(executable: OutpostStack.productsDirectory + "/hello")
        let env = Env(fetcher: URLSessionFetcher(timeout: 10))
        let request = Request(
            url: URL(string: "http://127.0.0.1:\(stack.port)/echo")!, method: "POST",
            headers: ["Content-Type": "text/plain", "X-Trace": "abc"], text: "ping")
        let response = try await env.fetch(request)
        #expect(response.status == 200)
        #expect(try await response.text() == "ping")
        let described = try await env.fetch(
            Request(url: URL(string: "http://127.0.0.1:\(stack.port)/request")!, headers: ["X-Trace": "abc"]))
        #expect(try await described.json()["headers"]?["x-trace"] == "abc")
        let missing = try await env.fetch(Request(url: URL(string: "http://127.0.0.1:\(stack.port)/nope")!))
        #expect(missing.status == 404)
    }
}
