import OutpostConfig
import Testing

@testable import OutpostCron
@testable import OutpostRuntime

@Suite("Cron config validation")
struct CronConfigValidatorTests {
    private func config(_ crons: [(String, Int)]) -> WorkerConfig {
        var config = WorkerConfig(file: "wrangler-like.toml", directory: "/srv/app")
        config.crons = crons.map { CronTriggerConfig(expression: $0.0, line: $0.1) }
        return config
    }

    @Test("valid crons are parsed in config order, keeping the text as written")
    func valid() throws {
        let parsed = try CronConfigValidator.parsedCrons(in: config([("*/5 * * * *", 11), ("0 17 * * SUN", 11)]))
        #expect(parsed.map(\.text) == ["*/5 * * * *", "0 17 * * SUN"])
    }

    @Test(
        "a bad cron names the file, line, key path, expression and field",
        arguments: [
            (
                [("*/5 * * * *", 11), ("61 * * * *", 12)],
                "wrangler-like.toml:12: triggers.crons[1]: \"61 * * * *\": minute 61 is out of range 0-59"
            ),
            (
                [("0 0 * * 0", 4)],
                "wrangler-like.toml:4: triggers.crons[0]: \"0 0 * * 0\": day-of-week 0 is out of range 1-7 (1 = Sunday)"
            ),
            (
                [("0 0 *", 9)],
                "wrangler-like.toml:9: triggers.crons[0]: \"0 0 *\": expected 5 fields (minute hour day-of-month month day-of-week), found 3"
            ),
        ])
    func invalid(_ example: ([(String, Int)], String)) {
        #expect {
            try CronConfigValidator.parsedCrons(in: config(example.0))
        } throws: { error in
            (error as? ConfigError)?.diagnostic.description == example.1
        }
    }
}
