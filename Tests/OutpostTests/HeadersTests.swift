import Outpost
import Testing

struct HeadersTests {
    @Test func namesAreCaseInsensitiveAndValuesJoin() {
        var headers = Headers()
        headers.append("Accept", "text/html")
        headers.append("accept", "application/json")
        #expect(headers.get("ACCEPT") == "text/html, application/json")
        #expect(headers.has("aCcEpT"))
        #expect(headers.get("missing") == nil)
    }

    @Test func setCookieValuesStaySeparate() {
        var headers = Headers()
        headers.append("Set-Cookie", "a=1")
        headers.append("Set-Cookie", "b=2")
        #expect(headers.getSetCookie() == ["a=1", "b=2"])
    }

    @Test func setReplacesEveryValueAndDeleteRemovesThem() {
        var headers: Headers = ["X-A": "1", "Content-Type": "text/plain"]
        headers.append("x-a", "2")
        headers.set("X-A", "3")
        #expect(headers.values("x-a") == ["3"])
        headers.delete("x-a")
        #expect(!headers.has("x-a"))
        #expect(headers.get("content-type") == "text/plain")
    }

    @Test func sameComparesOnlyLettersCaseInsensitively() {
        #expect(Headers.same("Content-Type", "content-type"))
        #expect(!Headers.same("a-b", "a_b"))
        #expect(!Headers.same("ab", "abc"))
        #expect(!Headers.same("[", "{"))
    }
}
