import Foundation
import OutpostConfig

/// `--config`, `--env` and `--persist-to` picked out of the command line, for the steps `main` runs
/// before handing over to Outpost (create-admin, the dev-login warning).
struct LaunchOptions {
    var config: String?
    var environment: String?
    var persistTo: String?
    var positional: [String] = []

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
                } else {
                    positional.append(argument)
                }
            }
            index += 1
        }
    }

    /// The resolved config, with `--persist-to` applied.
    func loadConfig() throws -> WorkerConfig {
        let cwd = FileManager.default.currentDirectoryPath
        var config = try ConfigLoader.load(explicitPath: config, environment: environment, workingDirectory: cwd)
        if let persistTo { config.outpost.stateDir = ConfigPath.resolve(persistTo, against: cwd) }
        return config
    }
}
