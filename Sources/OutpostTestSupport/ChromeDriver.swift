import Foundation
import Glibc

/// A `chromedriver` started for a test on a free loopback port, with the Chromium it drives.
public final class ChromeDriver: @unchecked Sendable {
    /// The chromedriver process.
    public let process: TestProcess
    /// chromedriver's HTTP port on 127.0.0.1.
    public let port: Int
    /// The Chromium binary that sessions launch.
    public let chromium: String

    /// Where Debian's `chromium` and `chromium-driver` packages install their binaries.
    public static let chromiumCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    /// Where chromedriver may live.
    public static let driverCandidates = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]

    /// The message of a test run on a machine without the browser.
    public static let missingMessage =
        "headless Chromium and chromedriver are required for the browser tests: "
        + "run scripts/setup.sh (it installs Debian's chromium and chromium-driver packages)"

    /// The installed Chromium and chromedriver, or `nil` when either is missing.
    public static func locate() -> (chromium: String, driver: String)? {
        let files = FileManager.default
        guard let chromium = chromiumCandidates.first(where: { files.isExecutableFile(atPath: $0) }),
            let driver = driverCandidates.first(where: { files.isExecutableFile(atPath: $0) })
        else { return nil }
        return (chromium, driver)
    }

    /// Starts chromedriver in `directory` (its log goes there); throws `missingMessage` without the browser.
    public init(directory: String) throws {
        guard let found = Self.locate() else { throw TestHarnessError(Self.missingMessage) }
        chromium = found.chromium
        let driver = found.driver
        port = try FreePort.find()
        process = try TestProcess(
            executable: driver, arguments: ["--port=\(port)", "--allowed-ips=127.0.0.1"], directory: directory,
            name: "chromedriver")
        let driverPort = port
        try OutpostStack.waitFor(seconds: 20) {
            guard let client = try? HTTPTestClient(port: driverPort, timeoutSeconds: 2),
                let response = try? client.request("GET", "/status")
            else { return false }
            return response.status == 200 && response.text.contains("\"ready\":true")
        }
    }

    /// A new headless browser session.
    ///
    /// Chromium sometimes exits during start-up on a loaded machine ("Chrome instance exited");
    /// starting it is retried twice before the error is reported.
    public func session(windowSize: (Int, Int) = (1280, 900)) throws -> WebDriverSession {
        var attempt = 0
        while true {
            do {
                return try WebDriverSession(driverPort: port, chromium: chromium, windowSize: windowSize)
            } catch let error as WebDriverSession.CommandError where error.error == "session not created" && attempt < 2
            {
                attempt += 1
                usleep(500_000)
            }
        }
    }

    /// Stops chromedriver.
    public func stop() { process.stop(seconds: 5) }

    deinit { process.stop(seconds: 5) }
}
