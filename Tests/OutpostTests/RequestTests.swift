import Foundation
import Outpost
import Synchronization
import Testing

struct RequestTests {
    private func request(_ body: String, contentType: String = "text/plain") -> Request {
        Request(
            url: URL(string: "https://example.com/path?a=1&b=x+y&a=2")!, method: "post",
            headers: ["Content-Type": contentType, "Cookie": "session=abc; theme=dark"], body: Array(body.utf8))
    }

    @Test func theBodyCanBeReadOnlyOnce() async throws {
        let incoming = request("hello")
        #expect(!incoming.bodyUsed)
        #expect(try await incoming.text() == "hello")
        #expect(incoming.bodyUsed)
        await #expect(throws: TypeError.self) { try await incoming.text() }
    }

    @Test func urlPartsQueryAndCookies() {
        let incoming = request("")
        #expect(incoming.method == "POST")
        #expect(incoming.path == "/path")
        #expect(incoming.query("a") == "1")
        #expect(incoming.query("b") == "x y")
        #expect(incoming.queryItems.count == 3)
        #expect(incoming.cookie("theme") == "dark")
        #expect(incoming.cookie("session") == "abc")
        #expect(incoming.cookie("none") == nil)
    }

    @Test(arguments: [
        "a=1&b=x+y&a=2", "&&a=&a=2", "a&b=1", "%61=enc&a=plain", "a%3Db=1&a=2", "x=%E4%B8%AD+%2B&a=%7A",
        "=v&a", "b=1",
    ])
    func queryAnswersTheFirstOfTheQueryItems(query: String) {
        let incoming = Request(url: URL(string: "https://example.com/p?" + query)!)
        for name in ["a", "b", "x", "a=b", "", "missing"] {
            #expect(incoming.query(name) == incoming.queryItems.first { $0.name == name }?.value, "\(name) in \(query)")
        }
    }

    @Test func cookiesWithNonASCIITextAndSeveralHeaders() {
        var headers = Headers()
        headers.append("Cookie", "lang=中文; =orphan;;  name=José")
        headers.append("cookie", "later=1; café=au lait")
        let incoming = Request(url: URL(string: "http://localhost/")!, headers: headers)
        #expect(incoming.cookie("lang") == "中文")
        #expect(incoming.cookie("name") == "José")
        #expect(incoming.cookie("later") == "1")
        #expect(incoming.cookie("café") == "au lait")
        #expect(incoming.cookie("") == "orphan")
        #expect(incoming.cookie("nam") == nil)
    }

    @Test func jsonBody() async throws {
        let value = try await request(#"{"a":[1,2]}"#, contentType: "application/json").json()
        #expect(value["a"]?[1] == 2)
    }

    @Test func invalidJSONBodyThrows() async {
        await #expect(throws: JSONParseError.self) { try await request("{oops").json() }
    }

    @Test func urlEncodedForm() async throws {
        let form = try await request(
            "name=Ada+Lovelace&tag=a&tag=b&empty=", contentType: "application/x-www-form-urlencoded"
        ).formData()
        #expect(form.string("name") == "Ada Lovelace")
        #expect(form.getAll("tag").map(\.text) == ["a", "b"])
        #expect(form.string("empty") == "")
    }

    @Test func multipartFormWithAFile() async throws {
        let body =
            "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nCodes\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"codes.txt\"\r\nContent-Type: text/plain\r\n\r\nAAA111\nBBB222\r\n"
            + "--XyZ--\r\n"
        let form = try await request(body, contentType: "multipart/form-data; boundary=XyZ").formData()
        #expect(form.string("title") == "Codes")
        #expect(
            form.get("file") == .file(name: "codes.txt", contentType: "text/plain", bytes: Array("AAA111\nBBB222".utf8))
        )
    }

    @Test func formDataNeedsAFormContentType() async {
        await #expect(throws: TypeError.self) { try await request("x").formData() }
    }

    @Test func streamedBodyIsCollected() async throws {
        let stream = ByteStream { continuation in
            continuation.yield([1, 2])
            continuation.yield([3])
            continuation.finish()
        }
        let incoming = Request(url: URL(string: "http://x/")!, method: "PUT", headers: Headers(), stream: stream)
        #expect(try await incoming.bytes() == [1, 2, 3])
    }
}

struct ResponseTests {
    @Test func factoriesSetStatusAndContentType() async throws {
        let json = Response.json(["ok": true], status: 201)
        #expect(json.status == 201)
        #expect(json.headers["content-type"] == "application/json")
        #expect(try await json.text() == #"{"ok":true}"#)
        let redirect = Response.redirect("/login", status: 303)
        #expect(redirect.status == 303)
        #expect(redirect.headers["location"] == "/login")
        #expect(Response.html("<p>").headers["content-type"] == "text/html;charset=UTF-8")
        #expect(try await Response.error(404).text() == "Not Found")
    }
}

struct ExecutionContextTests {
    @Test func waitUntilWorkIsTrackedAndErrorsAreReportedNotThrown() async {
        let errors = ErrorLog()
        let tracker = WaitUntilTracker { error in errors.add("\(error)") }
        let ctx = ExecutionContext(tracker: tracker)
        ctx.waitUntil { try await Task.sleep(for: .milliseconds(50)) }
        ctx.waitUntil { throw TypeError("boom") }
        await ctx.settle()
        await tracker.drained()
        #expect(tracker.inFlight == 0)
        #expect(tracker.startedCount == 2)
        #expect(tracker.failedCount == 1)
        #expect(errors.all == ["TypeError: boom"])
    }
}

final class ErrorLog: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
