import Foundation

/// The report's header and footer: command line, time, load average at the start and the end.
struct BenchReport {
    /// Prints the command line, the time and the load average before anything runs.
    func printHeader() {
        print("## outpost-bench")
        print("")
        print("- command: `\(CommandLine.arguments.joined(separator: " "))`")
        print("- started: \(Date.now.ISO8601Format())")
        print("- cores: \(ProcessInfo.processInfo.activeProcessorCount)")
        print("- load average at start (1/5/15 min): \(LoadAverage.current())")
        print("")
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

    /// Prints the load average once everything ran.
    func printFooter() {
        print("- finished: \(Date.now.ISO8601Format())")
        print("- load average at end (1/5/15 min): \(LoadAverage.current())")
    }
}
