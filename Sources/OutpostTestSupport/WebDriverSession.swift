public import Foundation
import Glibc

/// A W3C WebDriver session spoken over plain HTTP/1.1 to chromedriver: navigation, CSS lookups,
/// clicks, typing, text, scripts and screenshots. Each command is one request on a new connection.
public final class WebDriverSession: @unchecked Sendable {
    /// The key of a web element reference in WebDriver JSON.
    public static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// A web element reference.
    public struct Element: Sendable, CustomStringConvertible {
        /// The element id chromedriver gave.
        public let id: String
        /// The CSS selector it was found by (for messages).
        public let selector: String
        /// The text `print` and string interpolation show for this value.
        public var description: String { "<\(selector)>" }
    }

    /// An error that chromedriver reported.
    public struct CommandError: Error, CustomStringConvertible {
        /// The WebDriver error code (`no such element`, …).
        public let error: String
        /// chromedriver's message.
        public let message: String
        /// The command that failed.
        public let command: String
        /// The text `print` and string interpolation show for this value.
        public var description: String { "WebDriver \(command): \(error): \(message.prefix(400))" }
    }

    private let driverPort: Int
    /// The session id.
    public let id: String

    init(driverPort: Int, chromium: String, windowSize: (Int, Int)) throws {
        self.driverPort = driverPort
        let options: [String: Any] = [
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=\(windowSize.0),\(windowSize.1)", "--lang=zh-CN", "--no-first-run",
                "--password-store=basic",
            ],
        ]
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome", "goog:chromeOptions": options, "goog:loggingPrefs": ["browser": "ALL"],
                ]
            ]
        ]
        let value = try Self.send(port: driverPort, "POST", "/session", capabilities, timeoutSeconds: 60)
        guard let object = value as? [String: Any], let id = object["sessionId"] as? String else {
            throw TestHarnessError("WebDriver: no session id in \(String(describing: value))")
        }
        self.id = id
    }

    private let lock = NSLock()
    private var open = true

    /// Ends the session (closing the browser); later calls do nothing.
    public func quit() {
        let wasOpen = lock.withLock {
            defer { open = false }
            return open
        }
        if wasOpen { _ = try? Self.send(port: driverPort, "DELETE", "/session/\(id)", nil, timeoutSeconds: 20) }
    }

    deinit { quit() }

    /// Sends a raw command for this session (`path` below `/session/{id}`) and returns its `value`.
    @discardableResult
    public func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        try Self.send(port: driverPort, method, "/session/\(id)" + path, body ?? (method == "POST" ? [:] : nil))
    }

    @discardableResult
    private static func send(
        port: Int, _ method: String, _ path: String, _ body: [String: Any]?, timeoutSeconds: Int = 30
    ) throws -> Any? {
        let client = try HTTPTestClient(port: port, timeoutSeconds: timeoutSeconds)
        var headers: [(String, String)] = [("Connection", "close")]
        var bytes: [UInt8] = []
        if let body {
            bytes = Array(try JSONSerialization.data(withJSONObject: body))
            headers.append(("Content-Type", "application/json; charset=utf-8"))
        }
        let response = try client.request(method, path, headers: headers, body: bytes)
        let json = try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])
        let value = (json as? [String: Any])?["value"]
        guard response.status == 200 else {
            let object = value as? [String: Any]
            throw CommandError(
                error: object?["error"] as? String ?? "HTTP \(response.status)",
                message: object?["message"] as? String ?? response.text, command: "\(method) \(path)")
        }
        return value is NSNull ? nil : value
    }

    // MARK: Navigation

    /// Loads `url` and waits for the page load.
    public func navigate(to url: String) throws { try command("POST", "/url", ["url": url]) }

    /// The current URL.
    public func currentURL() throws -> String { try command("GET", "/url") as? String ?? "" }

    /// Reloads the page.
    public func refresh() throws { try command("POST", "/refresh") }

    // MARK: Elements

    /// The first element matching `selector` now.
    public func find(_ selector: String) throws -> Element {
        let value = try command("POST", "/element", ["using": "css selector", "value": selector])
        return try element(value, selector)
    }

    /// Every element matching `selector` now.
    public func findAll(_ selector: String) throws -> [Element] {
        let value = try command("POST", "/elements", ["using": "css selector", "value": selector])
        return try (value as? [Any] ?? []).map { try element($0, selector) }
    }

    private func element(_ value: Any?, _ selector: String) throws -> Element {
        guard let id = (value as? [String: Any])?[Self.elementKey] as? String else {
            throw TestHarnessError("WebDriver: no element reference for \(selector): \(String(describing: value))")
        }
        return Element(id: id, selector: selector)
    }

    /// Waits up to `seconds` for an element matching `selector` that is displayed.
    @discardableResult
    public func waitForElement(_ selector: String, seconds: Double = 15) throws -> Element {
        var found: Element?
        try wait(seconds: seconds, "an element \(selector) displayed") {
            guard let element = try? find(selector), (try? isDisplayed(element)) == true else { return false }
            found = element
            return true
        }
        guard let found else { throw TestHarnessError("WebDriver: \(selector) vanished") }
        return found
    }

    /// Waits up to `seconds` for the text of `selector` to satisfy `condition`; returns the text.
    @discardableResult
    public func waitForText(
        _ selector: String, seconds: Double = 15, _ what: String = "", _ condition: (String) -> Bool
    ) throws -> String {
        var last = ""
        do {
            try wait(seconds: seconds, "\(selector) text \(what)") {
                guard let element = try? find(selector), let text = try? text(of: element) else { return false }
                last = text
                return condition(text)
            }
        } catch {
            throw TestHarnessError("\(error); last text: \(last.debugDescription)")
        }
        return last
    }

    /// Polls `condition` every 100 ms for up to `seconds`.
    public func wait(seconds: Double = 15, _ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            guard Date() <= deadline else {
                throw TestHarnessError("WebDriver: timed out after \(seconds) s waiting for \(what)")
            }
            usleep(100_000)
        }
    }

    /// Clicks `element`.
    public func click(_ element: Element) throws { try command("POST", "/element/\(element.id)/click") }

    /// Clicks the first element matching `selector` (waiting for it to be displayed).
    public func click(_ selector: String) throws { try click(try waitForElement(selector)) }

    /// Clears `element` (an input).
    public func clear(_ element: Element) throws { try command("POST", "/element/\(element.id)/clear") }

    /// Types `text` into `element` (for a file input: the path of the file to choose).
    public func sendKeys(_ element: Element, _ text: String) throws {
        try command("POST", "/element/\(element.id)/value", ["text": text])
    }

    /// The rendered text of `element`.
    public func text(of element: Element) throws -> String {
        try command("GET", "/element/\(element.id)/text") as? String ?? ""
    }

    /// A DOM property of `element` (`value`, `disabled`, …).
    public func property(_ element: Element, _ name: String) throws -> Any? {
        try command("GET", "/element/\(element.id)/property/\(name)")
    }

    /// Whether `element` is displayed.
    public func isDisplayed(_ element: Element) throws -> Bool {
        try command("GET", "/element/\(element.id)/displayed") as? Bool ?? false
    }

    // MARK: Scripts

    /// Runs `script` (a function body; `arguments[i]` are `args`) and returns its result.
    @discardableResult
    public func execute(_ script: String, _ args: [Any] = []) throws -> Any? {
        try command("POST", "/execute/sync", ["script": script, "args": args])
    }

    /// Runs `script` as an async function body: its resolved `return` value is the result.
    @discardableResult
    public func executeAsync(_ script: String, _ args: [Any] = []) throws -> Any? {
        let wrapped =
            "var done = arguments[arguments.length - 1];"
            + "(async function(){ \(script) }).apply(null, Array.prototype.slice.call(arguments, 0, -1))"
            + ".then(function(v){ done({ok: v}); }, function(e){ done({error: String(e)}); });"
        let result = try command("POST", "/execute/async", ["script": wrapped, "args": args]) as? [String: Any]
        if let error = result?["error"] as? String { throw TestHarnessError("script failed: \(error)") }
        let value = result?["ok"]
        return value is NSNull ? nil : value
    }

    /// Grants or denies a permission (`clipboard-read`, …) to the current origin (WebDriver Permissions).
    public func setPermission(_ name: String, granted: Bool) throws {
        try command("POST", "/permissions", ["descriptor": ["name": name], "state": granted ? "granted" : "denied"])
    }

    /// The browser console entries since the last call (chromedriver's log; `goog:loggingPrefs`):
    /// each with `level` (`SEVERE`, …), `source` (`javascript`, `network`, `console-api`) and `message`.
    public func browserLog() throws -> [[String: Any]] {
        try command("POST", "/se/log", ["type": "browser"]) as? [[String: Any]] ?? []
    }

    /// The uncaught script errors in the browser log since the last call (network failures aside).
    public func scriptErrors() throws -> [String] {
        try browserLog().filter { $0["level"] as? String == "SEVERE" && $0["source"] as? String != "network" }
            .map { $0["message"] as? String ?? "" }
    }

    // MARK: Screenshots

    /// A PNG of the viewport.
    public func screenshot() throws -> Data {
        guard let base64 = try command("GET", "/screenshot") as? String, let data = Data(base64Encoded: base64) else {
            throw TestHarnessError("WebDriver: screenshot is not base64")
        }
        return data
    }

    /// Saves a PNG of the viewport to `path` (creating its directory).
    public func saveScreenshot(to path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try screenshot().write(to: URL(fileURLWithPath: path))
    }
}
