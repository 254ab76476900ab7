import Foundation
import Outpost
import OutpostSQLite

/// The report's header and footer: command line, time, load average at the start and the end.
struct BenchReport {
    /// Prints the command line, the time and the load average before anything runs.
    func printHeader() {
        print("## outpost-bench")
        print("")
        print("- command: `\(CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))`")
        print("- started: \(Date.now.ISO8601Format())")
        print("- cores: \(ProcessInfo.processInfo.activeProcessorCount), SQLite \(Self.sqliteVersion())")
        #if DEBUG
            print("- **debug build**: figures are not representative, build with `-c release`")
        #endif
        print("- load average at start (1/5/15 min): \(LoadAverage.current())")
        print("")
        fflush(nil)
    }

    /// Prints a section's progress note (population times and the like).
    func note(_ text: String) {
        print("- \(text)")
        fflush(nil)
    }

    /// Prints `table` between blank lines.
    func printTable(_ table: ResultsTable) {
        print("")
        for line in table.lines() { print(line) }
        print("")
        fflush(nil)
    }

    /// The SQLite library's version, as `SELECT sqlite_version()` reports it.
    static func sqliteVersion() -> String {
        guard let connection = try? SQLiteConnection(path: ":memory:"),
            case .text(let version)? = try? connection.query("SELECT sqlite_version()").first?.first
        else { return "unknown" }
        return version
    }

    /// Prints the load average once everything ran.
    func printFooter() {
        print("- finished: \(Date.now.ISO8601Format())")
        print("- load average at end (1/5/15 min): \(LoadAverage.current())")
    }
}
