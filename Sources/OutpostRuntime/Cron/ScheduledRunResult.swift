public import Outpost

/// How one `scheduled` invocation went, after its `waitUntil` work finished.
public struct ScheduledRunResult: Sendable {
    /// The controller the handler was given.
    public let controller: ScheduledController
    /// What the handler threw, or `nil`.
    public let error: (any Error)?

    /// A result for `controller` with `error`.
    public init(controller: ScheduledController, error: (any Error)?) {
        self.controller = controller
        self.error = error
    }

    /// Whether the handler returned normally.
    public var succeeded: Bool { error == nil }
    /// The outcome as miniflare names it: `ok` or `exception`.
    public var outcome: String { succeeded ? "ok" : "exception" }
    /// Whether the handler called `controller.noRetry()`.
    public var noRetry: Bool { !controller.shouldRetry }
    /// The error as text, or `nil`.
    public var errorText: String? { error.map { String(describing: $0) } }
}
