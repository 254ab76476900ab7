import Foundation
import Glibc

/// The `swift build` of the worker's own product that `dev --watch` runs after a source change: the
/// product, configuration and build directory of the running executable, so the build replaces the
/// binary the supervisor starts.
struct WorkerBuild: Sendable, Equatable {
    /// The `swift` program.
    var swift: String
    /// The package root.
    var packagePath: String
    /// The executable product.
    var product: String
    /// `debug` or `release`.
    var configuration: String
    /// The build directory (`--scratch-path`), `nil` for the package's default `.build`.
    var scratchPath: String?

    /// What one build came to.
    struct Outcome: Sendable {
        /// Whether it succeeded.
        var succeeded: Bool
        /// The compiler's `error:` lines.
        var errors: [String]
        /// How long it took.
        var duration: Duration
    }

    /// The build for the executable at `executable` (the path it was started by: a build directory's
    /// `<scratch>/[<triple>/]<configuration>/<product>`): `product` defaults to its file name, the
    /// configuration to its directory's name (`release`, else `debug`), the scratch path to the build
    /// directory that holds it, when one does.
    init(executable: String, packagePath: String, product: String? = nil, swift: String) {
        let binDirectory = (executable as NSString).deletingLastPathComponent
        self.swift = swift
        self.packagePath = packagePath
        self.product = product ?? (executable as NSString).lastPathComponent
        configuration = (binDirectory as NSString).lastPathComponent == "release" ? "release" : "debug"
        scratchPath = Self.buildDirectory(holding: binDirectory)
    }

    /// The SwiftPM build directory (the one with `workspace-state.json`) that holds `binDirectory`
    /// directly (`.build/debug`) or through a target triple (`.build/x86_64-unknown-linux-gnu/debug`).
    static func buildDirectory(holding binDirectory: String) -> String? {
        var candidate = binDirectory
        for _ in 0..<2 {
            candidate = (candidate as NSString).deletingLastPathComponent
            if FileManager.default.fileExists(atPath: candidate + "/workspace-state.json") { return candidate }
        }
        return nil
    }

    /// `swift build --product <product>` with the configuration and build directory.
    var arguments: [String] {
        [swift, "build", "--package-path", packagePath, "--product", product]
            + (configuration == "release" ? ["-c", "release"] : [])
            + (scratchPath.map { ["--scratch-path", $0] } ?? [])
    }

    /// The command as a person would type it.
    var commandLine: String {
        (["swift"] + arguments.dropFirst()).joined(separator: " ")
    }

    /// Runs the build, handing its output to `output` as it comes. Blocks: call it from a dedicated
    /// thread.
    func run(output: (ArraySlice<UInt8>) -> Void) -> Outcome {
        let started = ContinuousClock.now
        var text: [UInt8] = []
        let status: Int32
        do {
            status = try ChildProcess.run(arguments) { chunk in
                text += chunk
                output(chunk)
            }
        } catch {
            let message = "error: \(error)"
            output(ArraySlice(Array((message + "\n").utf8)))
            return Outcome(succeeded: false, errors: [message], duration: ContinuousClock.now - started)
        }
        var errors: [String] = []
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
        where line.contains("error: ") && !errors.contains(line) {
            errors.append(line)
        }
        return Outcome(
            succeeded: WaitStatus.exitCode(status) == 0, errors: errors, duration: ContinuousClock.now - started)
    }
}
