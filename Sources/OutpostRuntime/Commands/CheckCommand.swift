import ArgumentParser
import OutpostConfig

/// `check`: validates the config, prints the resolved bindings, and warns about stale `types` output.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the config and print the resolved bindings.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let config = try options.load()
        for warning in config.warnings { print("warning: \(warning)") }
        for stale in BindingTypesGenerator.staleFiles(for: config) {
            print(
                "warning: \(stale.path) is stale (the config changed since `types` wrote it): run `types --out \(stale.path)`"
            )
        }
        print(ConfigSummary.render(config))
    }
}
