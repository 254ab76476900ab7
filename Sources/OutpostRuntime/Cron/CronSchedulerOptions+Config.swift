package import OutpostConfig
package import OutpostCron

extension CronSchedulerOptions {
    /// The options `config` asks for: `[outpost] crons`, the lock in `[outpost] state_dir`, a retry a minute.
    package init(config: WorkerConfig) {
        self.init(enabled: config.outpost.crons, stateDirectory: config.outpost.stateDir)
    }
}
