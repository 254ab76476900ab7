import Foundation
import Testing

@Suite("README")
struct ReadmeExampleTests {
    /// The "Testing your worker" example in README.md is `ReadmeTestingExample.swift`, verbatim, so the
    /// example is compiled and run by this test target and cannot drift.
    @Test func testingExampleIsTheCompiledFile() throws {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let example = try String(
            contentsOf: here.appendingPathComponent("ReadmeTestingExample.swift"), encoding: .utf8)
        let readme = try String(
            contentsOf: here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "README.md"),
            encoding: .utf8)
        #expect(readme.contains("```swift\n" + example + "```\n"))
    }
}
