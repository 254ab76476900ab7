import Foundation
import OutpostTestSupport
import Testing

/// `docs/porting.md` is what `PortingGuide` generates from the doc comments in `Sources/Outpost` (and
/// the flagship's example function); `UPDATE_PORTING_GUIDE=1` rewrites it.
@Suite("Porting guide")
struct PortingGuideTests {
    static let path = OutpostStack.packageRoot + "/docs/porting.md"

    @Test func portingGuideIsUpToDate() throws {
        let current = try String(contentsOfFile: Self.path, encoding: .utf8)
        let generated = try PortingGuide.render(guide: current, root: OutpostStack.packageRoot)
        if ProcessInfo.processInfo.environment["UPDATE_PORTING_GUIDE"] == "1", generated != current {
            try generated.write(toFile: Self.path, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            generated == current,
            "docs/porting.md is stale: run UPDATE_PORTING_GUIDE=1 swift test --filter PortingGuideTests")
    }

    @Test func guideCoversTheAPIsAWorkerUses() throws {
        let guide = try String(contentsOfFile: Self.path, encoding: .utf8)
        for api in [
            "env.KV.put", "getWithMetadata", "env.DB.prepare", ".batch(", "ctx.waitUntil", "controller.cron",
            "request.headers", "Response.json", "crypto.subtle", "new URL(request.url)",
        ] {
            #expect(guide.contains(api), "the porting guide does not mention \(api)")
        }
        #expect(guide.contains("private func recentCodes() async throws -> Response {"))
    }

    @Test func jsEquivalentSentenceStopsAtItsFullStopOutsideCode() {
        let sentence = PortingGuide.jsEquivalent(
            "Stores text. JS equivalent: `await env.KV.put(key, value, { a.b })`. Then more.")
        #expect(sentence == "`await env.KV.put(key, value, { a.b })`")
        #expect(PortingGuide.jsEquivalent("Internal. JS equivalent: none.") == nil)
    }
}
