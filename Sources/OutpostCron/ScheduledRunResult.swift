package import Outpost

/// How one `scheduled` invocation went, after its `waitUntil` work finished.
package struct ScheduledRunResult: Sendable {
    /// The controller the handler was given.
    package let controller: ScheduledController
    /// What the handler threw, or `nil`.
    package let error: (any Error)?

    /// A result for `controller` with `error`.
    package init(controller: ScheduledController, error: (any Error)?) {
        self.controller = controller
        self.error = error
    }

    /// Whether the handler returned normally.
    package var succeeded: Bool { error == nil }
    /// The outcome as miniflare names it: `ok` or `exception`.
    package var outcome: String { succeeded ? "ok" : "exception" }
    /// Whether the handler called `controller.noRetry()`.
    package var noRetry: Bool { !controller.shouldRetry }
    /// The error as text, or `nil`.
    package var errorText: String? { error.map { String(describing: $0) } }
}
