extension ConfigOptions {
    /// The same options, as arguments for the worker process.
    var childArguments: [String] {
        (config.map { ["--config", $0] } ?? []) + (environment.map { ["--env", $0] } ?? [])
            + (persistTo.map { ["--persist-to", $0] } ?? [])
    }
}
