public import Foundation
import Glibc

/// A process started for a test, with its stdout and stderr captured in files.
public final class TestProcess: @unchecked Sendable {
    /// The underlying process.
    public let process: Process
    /// Where stdout goes.
    public let stdoutPath: String
    /// Where stderr goes.
    public let stderrPath: String

    /// Starts `executable` with `arguments` in `directory`; standard input is `/dev/null` unless
    /// `standardInput` is given (a terminal, for instance).
    public init(
        executable: String, arguments: [String], directory: String, environment: [String: String] = [:], name: String,
        standardInput: FileHandle = .nullDevice
    ) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        stdoutPath = directory + "/\(name).stdout"
        stderrPath = directory + "/\(name).stderr"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = standardInput
        try process.run()
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Sends `signal`.
    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits up to `seconds` for the exit; returns the exit code (or 128+signal), `nil` on timeout.
    public func waitForExit(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() > deadline { return nil }
            usleep(20_000)
        }
        return process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Stops the process: SIGTERM, then SIGKILL after `seconds`.
    public func stop(seconds: Double = 10) {
        guard process.isRunning else { return }
        signal(SIGTERM)
        if waitForExit(seconds: seconds) == nil {
            signal(SIGKILL)
            _ = waitForExit(seconds: 5)
        }
    }

    /// What the process wrote to stderr so far.
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    /// What the process wrote to stdout so far.
    public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

    deinit { stop(seconds: 5) }
}
