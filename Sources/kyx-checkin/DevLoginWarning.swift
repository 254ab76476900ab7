import Foundation
import Outpost
import OutpostConfig

/// Prints a loud warning when `serve` or `dev` starts with the development identity provider on.
enum DevLoginWarning {
    /// Checks the config the command line names.
    static func check(_ arguments: [String]) {
        guard let command = arguments.first, ["serve", "dev"].contains(command) else { return }
        guard let config = try? LaunchOptions(Array(arguments.dropFirst())).loadConfig(),
            config.vars["DEV_LOGIN_ENABLED"]?.stringValue == "true"
        else { return }
        let banner = String(repeating: "!", count: 78)
        FileHandle.standardError.write(
            Data(
                """
                \(banner)
                !! WARNING: DEV_LOGIN_ENABLED is "true" (\(config.file), env \(config.environment ?? "-")).
                !! Anyone can log in as any user at /dev/login. Never run this in production.
                \(banner)

                """.utf8))
    }
}
