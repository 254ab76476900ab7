import Foundation
import Glibc
import OutpostTestSupport
import Synchronization

/// A worker package of its own in a temporary directory, the way a user has one: its Package.swift
/// depends on this checkout by path (on the `Outpost` and `OutpostRuntime` products), its config is a
/// `wrangler.toml` beside it. Built once (into its own `.build`) and shared by the tests that edit and
/// rebuild it; removed when the test process exits.
final class ScratchWorkerPackage: Sendable {
    /// The package root (also the config's directory and the working directory of `dev`).
    let root: String
    /// The built executable, as `dev` is started by (inside the package's build directory).
    let executable: String
    /// How long the first build took.
    let buildDuration: Duration

    /// The product's name.
    static let product = "scratch-worker"

    /// The one package of the test run (built on first use).
    static let shared: Result<ScratchWorkerPackage, any Error> = Result { try ScratchWorkerPackage() }

    private static let createdRoot = Mutex<String?>(nil)

    /// The config every test starts from.
    static let config = """
        name = "scratch"

        [vars]
        GREETING = "hello"

        [[d1_databases]]
        binding = "DB"
        database_name = "scratch"
        database_id = "local"
        migrations_dir = "migrations"

        """

    private init() throws {
        // OUTPOST_SCRATCH_PACKAGE=DIR keeps the package (and its build) in DIR across runs: a developer's
        // second run only rebuilds what changed. Without it the package is new and removed at exit.
        let kept = ProcessInfo.processInfo.environment["OUTPOST_SCRATCH_PACKAGE"]
        // Without `//` (the temp directory's path may end in `/`): paths are compared with what dev prints.
        let made = try kept ?? TestDirectory.make(prefix: "outpost-scratch-package")
        let root = (made as NSString).standardizingPath
        self.root = root
        executable = root + "/.build/debug/" + Self.product
        if kept == nil {
            Self.createdRoot.withLock { $0 = root }
            atexit {
                if let root = ScratchWorkerPackage.createdRoot.withLock({ $0 }) {
                    try? FileManager.default.removeItem(atPath: root)
                }
            }
        }
        try? FileManager.default.removeItem(atPath: root + "/migrations")
        // The checkout this test was built from: Tests/IntegrationTests/<this file>.
        var checkout = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { checkout.deleteLastPathComponent() }
        for (path, text) in [
            ("Package.swift", Self.manifest(checkout: checkout.path)),
            ("Sources/\(Self.product)/main.swift", Self.main),
            ("Sources/\(Self.product)/Message.swift", Self.message("version 1")),
            ("wrangler.toml", Self.config),
            ("migrations/0001_init.sql", "CREATE TABLE first (id INTEGER PRIMARY KEY);\n"),
        ] {
            try Self.write(path, text, in: root)
        }
        let started = ContinuousClock.now
        let build = try TestProcess(
            executable: "/usr/bin/env",
            arguments: ["swift", "build", "--product", Self.product, "--scratch-path", root + "/.build"],
            directory: root, name: "initial-build")
        let code = build.waitForExit(seconds: 1800)
        buildDuration = ContinuousClock.now - started
        guard code == 0 else {
            throw TestHarnessError(
                "the scratch worker package did not build (exit \(String(describing: code))):\n"
                    + String(build.stdout.suffix(4000)) + String(build.stderr.suffix(4000)))
        }
        FileHandle.standardError.write(
            Data("scratch worker package built in \(buildDuration) (\(root))\n".utf8))
    }

    /// Writes `text` to `path` inside the package, creating folders, as an editor saves: in place.
    func write(_ path: String, _ text: String) throws {
        try Self.write(path, text, in: root)
    }

    private static func write(_ path: String, _ text: String, in root: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Saves the worker's message source: the worker answers `text` plus a newline.
    func setMessage(_ text: String) throws {
        try write("Sources/\(Self.product)/Message.swift", Self.message(text))
    }

    /// Saves a message source that does not compile.
    func breakMessage() throws {
        try write("Sources/\(Self.product)/Message.swift", "enum Message {\n    static let text: Int = \"broken\"\n}\n")
    }

    /// Saves a `main.swift` whose worker processes exit at once (the build succeeds, the binary cannot
    /// serve); `restoreMain()` saves the working one again.
    func makeWorkersExitAtStart() throws {
        let exiting = """
            import Foundation

            if CommandLine.arguments.dropFirst().first == "_worker" {
                FileHandle.standardError.write(Data("this build cannot start\\n".utf8))
                exit(3)
            }

            """
        try write("Sources/\(Self.product)/main.swift", exiting + Self.main)
    }

    /// Saves the working `main.swift`.
    func restoreMain() throws {
        try write("Sources/\(Self.product)/main.swift", Self.main)
    }

    /// The compiler's error for `breakMessage()`.
    static let brokenMessageError = "cannot convert value of type 'String' to specified type 'Int'"

    private static func message(_ text: String) -> String {
        "enum Message {\n    static let text = \"\(text)\\n\"\n}\n"
    }

    private static func manifest(checkout: String) -> String {
        // A path dependency's identity is its directory's name.
        let identity = (checkout as NSString).lastPathComponent.lowercased()
        return """
            // swift-tools-version: 6.1
            import PackageDescription

            let package = Package(
                name: "scratch",
                platforms: [.macOS(.v15)],
                dependencies: [.package(path: "\(checkout)")],
                targets: [
                    .executableTarget(
                        name: "\(product)",
                        dependencies: [
                            .product(name: "Outpost", package: "\(identity)"),
                            .product(name: "OutpostRuntime", package: "\(identity)"),
                        ])
                ]
            )

            """
    }

    private static let main = """
        import Outpost
        import OutpostRuntime

        /// `/`: the message; `/slow?ms=N`: the message after N ms; `/var?name=X`: the var or secret X.
        struct ScratchWorker: Worker {
            func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response {
                switch request.path {
                case "/slow":
                    try await Task.sleep(for: .milliseconds(Int(request.query("ms") ?? "") ?? 2000))
                    return .text(Message.text)
                case "/var":
                    return .text(env[request.query("name") ?? ""] ?? "unset")
                default:
                    return .text(Message.text)
                }
            }
        }

        await OutpostCLI.main(worker: ScratchWorker())

        """
}
