import Outpost

/// Idle connections to one endpoint. A caller takes one (opening it when none is idle), uses it on
/// its own thread, and gives it back; so there are at most as many connections as threads using
/// the store at once. A broken connection is freed, never returned; `discardAll` drops every idle
/// connection and makes those in use be freed when given back (after an outage they are suspect).
///
/// JS equivalent: none.
final class RedisConnectionPool: Sendable {
    private struct Idle {
        var connections: [ConnectionBox] = []
        var generation = 0
    }

    let endpoint: RedisEndpoint
    let connectTimeoutMs: Int
    let commandTimeoutMs: Int
    /// Every call takes it twice, from every accept thread: a lock that sleeps, never spins.
    private let idle = SleepingLock(Idle())

    /// A pool for `endpoint` with the given timeouts.
    init(endpoint: RedisEndpoint, connectTimeoutMs: Int, commandTimeoutMs: Int) {
        self.endpoint = endpoint
        self.connectTimeoutMs = connectTimeoutMs
        self.commandTimeoutMs = commandTimeoutMs
    }

    /// A connection and whether it was reused (a reused one may have been closed by the server meanwhile).
    func take() throws(RedisConnectionError) -> (box: ConnectionBox, reused: Bool) {
        let (box, generation) = idle.withLock { idle in (idle.connections.popLast(), idle.generation) }
        if let box { return (box, true) }
        let connection = try RedisConnection(
            endpoint: endpoint, connectTimeoutMs: connectTimeoutMs, commandTimeoutMs: commandTimeoutMs)
        return (ConnectionBox(connection, generation: generation), false)
    }

    /// Returns `box` for reuse unless it is broken or older than the last `discardAll`.
    func giveBack(_ box: ConnectionBox) {
        guard !box.connection.isBroken else { return }
        idle.withLock { idle in
            if box.generation == idle.generation { idle.connections.append(box) }
        }
    }

    /// Frees every idle connection; connections in use are freed when given back.
    func discardAll() {
        let dropped = idle.withLock { idle in
            idle.generation += 1
            defer { idle.connections = [] }
            return idle.connections
        }
        _ = dropped
    }
}

/// Moves a connection between threads; safe because the pool lends each one to one caller at a time.
final class ConnectionBox: @unchecked Sendable {
    let connection: RedisConnection
    let generation: Int

    init(_ connection: RedisConnection, generation: Int) {
        self.connection = connection
        self.generation = generation
    }
}
