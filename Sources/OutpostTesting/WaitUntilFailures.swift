import Synchronization

/// The errors a `TestWorker`'s `waitUntil` work threw, as text, oldest first.
final class WaitUntilFailures: Sendable {
    private let messages = Mutex<[String]>([])

    /// Records `error`.
    func record(_ error: any Error) {
        messages.withLock { $0.append(String(describing: error)) }
    }

    /// Everything recorded so far.
    var all: [String] { messages.withLock { $0 } }
}
