import Outpost
import Synchronization

/// Pulls an async byte stream on the accept thread, one chunk at a time.
final class StreamPump: @unchecked Sendable {
    private var iterator: ByteStream.AsyncIterator
    private let executor: AcceptThreadExecutor
    private let result = Mutex<Result<[UInt8]?, any Error>?>(nil)

    init(_ stream: ByteStream, executor: AcceptThreadExecutor) {
        iterator = stream.makeAsyncIterator()
        self.executor = executor
    }

    /// The next chunk, or `nil` at the end; runs the stream's work on this thread while it waits.
    func next() throws -> [UInt8]? {
        result.withLock { $0 = nil }
        _ = executor.drive(
            start: {
                Task(executorPreference: executor) {
                    let next: Result<[UInt8]?, any Error>
                    do {
                        next = .success(try await self.iterator.next())
                    } catch {
                        next = .failure(error)
                    }
                    self.result.withLock { $0 = next }
                    self.executor.wake()
                }
            }, until: { result.withLock { $0 != nil } }, deadline: nil)
        return try result.withLock { $0 }!.get()
    }
}
