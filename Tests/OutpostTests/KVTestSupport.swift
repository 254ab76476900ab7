import Outpost
import OutpostTesting
import Synchronization

/// A clock tests move by hand (milliseconds since the epoch).
final class ManualClock: Sendable {
    private let milliseconds: Mutex<Int64>

    init(_ start: Int64 = 1_700_000_000_000) { milliseconds = Mutex(start) }

    var now: Int64 { milliseconds.withLock { $0 } }
    var seconds: Int { Int(now / 1000) }

    func advance(milliseconds delta: Int64) { milliseconds.withLock { $0 += delta } }
    func advance(seconds delta: Int64) { advance(milliseconds: delta * 1000) }

    var kvClock: KVClock { KVClock { self.now } }
}

/// A namespace on a fresh in-memory store with a manual clock.
func makeNamespace() -> (KVNamespace, ManualClock, MemoryKVStorage) {
    let clock = ManualClock()
    let storage = MemoryKVStorage()
    return (KVNamespace(storage: storage, clock: clock.kvClock), clock, storage)
}

/// The message of the error `body` throws, or `nil` when it succeeds.
func errorMessage(_ body: () async throws -> Void) async -> String? {
    await ErrorText.of(body)
}

/// A string of `count` UTF-8 bytes.
func bytesString(_ count: Int, _ character: Character = "a") -> String {
    String(repeating: character, count: count)
}
