package import Logging
package import Outpost
package import OutpostConfig
package import OutpostCron

extension CronScheduler {
    /// A scheduler of `config`'s crons with `config`'s options; throws the `ConfigError` of a bad cron.
    package init(
        worker: any Worker,
        env: Env,
        config: WorkerConfig,
        clock: any CronClock,
        logger: Logger,
        tracker: WaitUntilTracker? = nil
    ) throws(ConfigError) {
        self.init(
            worker: worker, env: env, crons: try CronConfigValidator.parsedCrons(in: config), clock: clock,
            logger: logger, options: CronSchedulerOptions(config: config), tracker: tracker)
    }
}
