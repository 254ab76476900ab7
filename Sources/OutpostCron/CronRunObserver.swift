/// Hears of each cron run as `CronStats` records it, e.g. to count runs in metrics.
package protocol CronRunObserver: Sendable {
    /// A run of `cron` (the expression as written) finished, as `record` tells.
    func finished(cron: String, _ record: CronRunRecord)
    /// A tick of `cron` was skipped because its previous run was still going.
    func skipped(cron: String)
}
