import ArgumentParser
import Foundation
import Logging
import Outpost
import OutpostConfig

/// `cron`: run the worker's `scheduled` handler by hand and show when the crons fire.
struct CronCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Trigger the scheduled handler by hand; list the crons and their next fire times.",
        subcommands: [Trigger.self, List.self])
}

extension CronCommand {
    /// `cron trigger "<expr>" [--time ms]`: runs `scheduled` once and exits non-zero if it threw.
    struct Trigger: WorkerCommand {
        static let configuration = CommandConfiguration(
            commandName: "trigger", abstract: "Run the worker's scheduled handler once, waiting for its waitUntil work."
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: "The cron expression the handler sees as controller.cron (need not be configured).")
        var expression: String

        @Option(help: "controller.scheduledTime in milliseconds since the epoch (default: now).")
        var time: Double?

        func run(worker: any Worker) async throws {
            let config = try options.load()
            let env = try EnvFactory(config: config).makeEnv()
            let logger = Logger(label: "outpost.cron")
            let tracker = WaitUntilTracker { error in logger.error("scheduled waitUntil work failed: \(error)") }
            let scheduledTime = time ?? (Date().timeIntervalSince1970 * 1000).rounded(.down)
            let report = await CronTriggerAction.run(
                expression: expression, scheduledTime: scheduledTime, worker: worker, env: env, tracker: tracker)
            guard report.exitCode == 0 else {
                FileHandle.standardError.write(Data((report.message + "\n").utf8))
                throw ExitCode(report.exitCode)
            }
            print(report.message)
        }
    }

    /// `cron list`: each configured cron with its next five fire times.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the configured crons with their next five fire times (UTC).")

        @OptionGroup var options: ConfigOptions

        func run() throws {
            let config = try options.load()
            let parsed = try CronConfigValidator.parsedCrons(in: config)
            let crons = zip(parsed, config.crons).map { (expression: $0, line: $1.line) }
            print(CronListing.render(crons, file: config.file, now: Date()))
        }
    }
}
