import ArgumentParser
import Foundation
import OutpostConfig
import OutpostRuntime

/// `--config`, `--env` and `--persist-to` picked out of a whole command line (whatever the
/// subcommand's other options), for the dev-login warning `main` prints before Outpost starts.
struct LaunchOptions {
    var config: String?
    var environment: String?
    var persistTo: String?

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch argument {
            case "--config", "-c":
                config = value
                index += 1
            case "--env", "-e":
                environment = value
                index += 1
            case "--persist-to":
                persistTo = value
                index += 1
            default:
                if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                    let name = String(argument[..<equals])
                    let text = String(argument[argument.index(after: equals)...])
                    if name == "--config" { config = text }
                    if name == "--env" { environment = text }
                    if name == "--persist-to" { persistTo = text }
                }
            }
            index += 1
        }
    }

    /// The resolved config, loaded exactly as the commands load it.
    func loadConfig() throws -> WorkerConfig {
        let flags: [(String, String?)] = [("--config", config), ("--env", environment), ("--persist-to", persistTo)]
        return try ConfigOptions.parse(flags.flatMap { name, value in value.map { [name, $0] } ?? [] }).load()
    }
}
