package import OutpostConfig
package import OutpostCron

/// Checks `[triggers] crons` of a loaded config; the runtime calls it after loading the config.
package enum CronConfigValidator {
    /// Every cron of `config`, parsed, in config order; or a `ConfigError` naming the file, line,
    /// key path (`triggers.crons[i]`, 0-based), the expression and what is wrong, e.g.
    /// `wrangler-like.toml:12: triggers.crons[1]: "61 * * * *": minute 61 is out of range 0-59`.
    package static func parsedCrons(in config: WorkerConfig) throws(ConfigError) -> [CronExpression] {
        var parsed: [CronExpression] = []
        for (index, cron) in config.crons.enumerated() {
            do {
                parsed.append(try CronExpression(parsing: cron.expression))
            } catch {
                throw ConfigError(
                    file: config.file, line: cron.line, keyPath: "triggers.crons[\(index)]",
                    message: "\"\(cron.expression)\": \(error.message)")
            }
        }
        return parsed
    }
}
