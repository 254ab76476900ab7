import Foundation
import Outpost
import OutpostTestSupport
import OutpostTesting

/// A namespace on a fresh in-memory store with a manual clock.
func makeNamespace() -> (KVNamespace, ManualClock, MemoryKVStorage) {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
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
