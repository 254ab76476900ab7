import Foundation
import OutpostTestSupport
import Testing

/// `ops/prometheus/kyx-alerts.yml` passes Debian's `promtool test rules`, every alert has a case where
/// it fires and one where it stays quiet, and the sample scrape config is valid.
@Suite("Alerting rules (promtool)")
struct AlertRulesTests {
    /// Runs `promtool` with `arguments` in the rules' directory; a missing promtool fails the test.
    private func promtool(_ arguments: [String]) throws -> (code: Int32?, output: String) {
        let executable = try #require(
            AlertRules.promtool(), "promtool not found on PATH: install Debian's prometheus package (scripts/setup.sh)")
        // Paths are absolute; promtool reads the test file's `rule_files` relative to the test file.
        let process = try TestProcess(
            executable: executable, arguments: arguments, directory: try TestDirectory.make(prefix: "promtool"),
            name: "promtool")
        let code = process.waitForExit(seconds: 120)
        return (code, process.stdout + process.stderr)
    }

    @Test func promtoolUnitTestsOfEveryAlertPass() throws {
        let result = try promtool(["test", "rules", AlertRules.testsPath])
        #expect(result.code == 0, "promtool test rules failed:\n\(result.output)")
        #expect(result.output.contains("SUCCESS"))
    }

    @Test func everyAlertHasAFiringAndAQuietCase() throws {
        let names = try AlertRules.alertNames()
        #expect(names.count >= 10)
        let cases = try AlertRules.testedCases()
        for name in names {
            #expect(cases[name]?.fires == true, "no test case where \(name) fires")
            #expect(cases[name]?.quiet == true, "no test case where \(name) stays quiet")
        }
        #expect(Set(cases.keys).subtracting(names).isEmpty, "tests of alerts the rules do not define")
    }

    @Test func rulesAndSampleScrapeConfigAreValid() throws {
        let rules = try promtool(["check", "rules", AlertRules.rulesPath])
        #expect(rules.code == 0, "\(rules.output)")
        let config = try promtool(["check", "config", AlertRules.scrapeConfigPath])
        #expect(config.code == 0, "\(config.output)")
    }
}
