import ArgumentParser
import OutpostConfig

/// `check`: validates the config and prints the resolved bindings.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the config and print the resolved bindings.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let config = try options.load()
        for warning in config.warnings { print("warning: \(warning)") }
        print(ConfigSummary.render(config))
    }
}
