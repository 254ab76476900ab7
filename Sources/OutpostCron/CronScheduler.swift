import Foundation
package import Logging
package import Outpost

/// Fires a worker's `scheduled` handler on its crons, on time, in the one process that holds the lock.
///
/// Each tick gets a `ScheduledController` (`cron` as written, `scheduledTime` = the due instant in ms)
/// and its own `ExecutionContext`; a run is finished when the handler and its `waitUntil` work are.
/// A tick that comes while the previous run of the same cron is unfinished is skipped and counted.
/// Ticks missed while the process was not running (or the clock jumped) are not caught up.
/// Errors are logged with the cron and counted in `stats`.
package struct CronScheduler: Sendable {
    /// The live counters, for the status page.
    package let stats: CronStats
    private let worker: any Worker
    private let env: Env
    private let crons: [CronExpression]
    private let clock: any CronClock
    private let logger: Logger
    private let options: CronSchedulerOptions
    private let tracker: WaitUntilTracker

    /// A scheduler of `crons` for `worker`. `tracker` receives the runs' `waitUntil` work (pass the
    /// server's so shutdown waits for it); by default a tracker that logs its errors.
    package init(
        worker: any Worker,
        env: Env,
        crons: [CronExpression],
        clock: any CronClock,
        logger: Logger,
        options: CronSchedulerOptions = CronSchedulerOptions(),
        tracker: WaitUntilTracker? = nil
    ) {
        self.worker = worker
        self.env = env
        self.crons = crons
        self.clock = clock
        self.logger = logger
        self.options = options
        self.tracker =
            tracker
            ?? WaitUntilTracker { error in
                logger.error("scheduled waitUntil work failed: \(error)")
            }
        stats = CronStats(expressions: crons.map(\.text))
    }

    /// Fires the crons until the calling task is cancelled; then stops firing, lets in-flight runs
    /// (cancelled) and their `waitUntil` work finish, releases the lock and returns. Returns at once
    /// when crons are disabled or there are none, and when the lock is held elsewhere and
    /// `lockRetryInterval` is `nil`.
    package func run() async {
        guard options.enabled else {
            logger.info("crons are off in this process ([outpost] crons = false)")
            return stats.setState(.disabled)
        }
        guard !crons.isEmpty else { return stats.setState(.noCrons) }
        var lock: CronLock?
        if let directory = options.stateDirectory {
            guard let acquired = await acquireLock(in: directory) else { return }
            lock = acquired
        }
        logger.info("running \(crons.count) cron(s): \(crons.map(\.text).joined(separator: ", "))")
        stats.setState(.running)
        await withDiscardingTaskGroup { group in
            for (index, cron) in crons.enumerated() {
                group.addTask { await tick(cron, index: index) }
            }
        }
        lock?.release()
        stats.setState(.stopped)
    }

    /// Takes the cron lock, retrying every `lockRetryInterval`; `nil` when giving up or cancelled.
    private func acquireLock(in directory: String) async -> CronLock? {
        var reported = false
        while !Task.isCancelled {
            do {
                if let lock = try CronLock.acquire(in: directory) {
                    if reported {
                        logger.notice("took over the cron lock \(lock.path); this process now runs the crons")
                    }
                    return lock
                }
            } catch {
                logger.error("crons will not run in this process: \(error)")
                stats.setState(.lockFailed)
                return nil
            }
            if !reported {
                logger.notice(
                    "another process holds the cron lock \(CronLock.path(in: directory)); this process does not run crons"
                )
                reported = true
            }
            stats.setState(.waitingForLock)
            guard let retry = options.lockRetryInterval else { return nil }
            do { try await clock.sleep(until: clock.now.addingTimeInterval(retry)) } catch { break }
        }
        stats.setState(.stopped)
        return nil
    }

    /// Sleeps until each due instant of `cron` and starts a run, skipping ticks while one is unfinished.
    private func tick(_ cron: CronExpression, index: Int) async {
        await withDiscardingTaskGroup { group in
            var after = clock.now
            while let due = cron.next(after: after) {
                do { try await clock.sleep(until: due) } catch { return }
                after = max(due, clock.now)
                guard stats.beginRun(index) else {
                    logger.warning("cron skipped: its previous run is still going", metadata: metadata(cron, due))
                    continue
                }
                group.addTask { await fire(cron, index: index, due: due) }
            }
            logger.warning("cron \"\(cron.text)\" never fires again")
        }
    }

    /// Runs the handler for the tick of `cron` due at `due` and records the outcome.
    private func fire(_ cron: CronExpression, index: Int, due: Date) async {
        let controller = ScheduledController(cron: cron.text, scheduledTime: due.timeIntervalSince1970 * 1000)
        let started = clock.now
        logger.debug("cron firing", metadata: metadata(cron, due))
        let result = await ScheduledInvocation.run(controller, worker: worker, env: env, tracker: tracker)
        let record = CronRunRecord(
            scheduledTime: due, startedAt: started, finishedAt: clock.now, error: result.errorText,
            noRetry: result.noRetry)
        if let error = result.errorText {
            logger.error("cron run failed: \(error)", metadata: metadata(cron, due))
        }
        stats.finishRun(index, record)
    }

    private func metadata(_ cron: CronExpression, _ due: Date) -> Logger.Metadata {
        ["cron": "\(cron.text)", "scheduledTime": "\(Int64(due.timeIntervalSince1970 * 1000))"]
    }
}
