/// When `dev --watch` acts on changes: once no new change came for `quiet` (one save is several
/// events: an editor writes, renames, touches), on everything that changed since the last run.
/// Runs never overlap (one thread takes the batches and runs them), so changes during a run make
/// exactly one more run after it, however many there were.
struct ChangeSchedule: Sendable {
    /// What changed since the last batch was taken.
    struct Batch: Sendable, Equatable {
        /// The kinds of change.
        var changes: Set<WatchChange> = []
        /// The changed paths, in the order first seen.
        var paths: [String] = []
    }

    /// How long no change must come before a batch is due.
    let quiet: Duration
    private(set) var pending = Batch()
    private var lastChange: ContinuousClock.Instant?

    /// A schedule that waits `quiet` after the last change.
    init(quiet: Duration) {
        self.quiet = quiet
    }

    /// Notes that `path` changed (meaning `change`) at `now`.
    mutating func note(_ change: WatchChange, path: String, at now: ContinuousClock.Instant) {
        pending.changes.insert(change)
        if !pending.paths.contains(path) { pending.paths.append(path) }
        lastChange = now
    }

    /// When the pending batch is due, `nil` when nothing is pending.
    var dueTime: ContinuousClock.Instant? { lastChange.map { $0 + quiet } }

    /// Takes the pending batch if it is due at `now`.
    mutating func takeDue(at now: ContinuousClock.Instant) -> Batch? {
        guard let dueTime, now >= dueTime else { return nil }
        defer {
            pending = Batch()
            lastChange = nil
        }
        return pending
    }
}
