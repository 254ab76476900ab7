import Foundation
import OutpostTestSupport
import Testing

/// The processes tests start: in their directory, reading /dev/null, writing their own files.
struct TestProcessTests {
    @Test func aProcessRunsInItsDirectoryWithDevNullAsStandardInput() throws {
        let directory = try TestDirectory.make(prefix: "outpost-process")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = try TestProcess(
            executable: "/bin/sh", arguments: ["-c", "pwd; readlink /proc/self/fd/0; echo oops >&2; exit 3"],
            directory: directory, name: "sh")
        #expect(process.waitForExit(seconds: 10) == 3)
        let lines = process.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                == URL(fileURLWithPath: directory).standardizedFileURL.path)
        #expect(lines.dropFirst().first == "/dev/null")
        #expect(process.stderr == "oops\n")
        #expect(!process.isRunning)
    }
}
