import ArgumentParser
import Foundation
import KYXCheckin
import OutpostRuntime

/// `kyx-checkin create-admin <username> [--config FILE] [--env NAME] [--persist-to DIR]`: creates the
/// admin (or resets its password) in the D1 database `DB` of the config. The password is read from
/// `KYX_ADMIN_PASSWORD` or, when unset, from the first line of standard input; it is never printed.
struct CreateAdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create the first admin, or reset an admin's password (from KYX_ADMIN_PASSWORD or stdin).")

    @Argument(help: "The admin's username (1 to 64 characters).")
    var username: String

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        do {
            _ = try AdminAccountSetup(username: username)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        let password =
            ProcessInfo.processInfo.environment["KYX_ADMIN_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
        do {
            let report = try await AdminAccountSetup(username: username).apply(
                password: password, env: try options.loadEnv())
            for warning in report.warnings { Self.printError("WARNING: " + warning) }
            print(report.message)
        } catch let error as AdminSetupError {
            Self.printError(error.message)
            throw ExitCode(error.exitCode)
        } catch {
            Self.printError("\(error)")
            throw ExitCode(1)
        }
    }

    private static func printError(_ line: String) {
        FileHandle.standardError.write(Data("create-admin: \(line)\n".utf8))
    }
}
