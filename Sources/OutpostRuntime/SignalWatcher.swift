@preconcurrency import Dispatch
import Foundation

/// Delivers process signals to a handler on a private queue (the signals are no longer fatal by default).
final class SignalWatcher: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    /// Watches `signals`, calling `handler` with the signal number for each one received.
    init(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "outpost.signals")
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    /// Stops watching (the signals stay ignored).
    func cancel() {
        for source in sources { source.cancel() }
    }
}
