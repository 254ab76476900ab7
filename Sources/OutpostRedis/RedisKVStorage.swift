public import Logging
public import Metrics
public import Outpost
import Synchronization

/// A `KVStorage` in Redis (or Valkey), shared by every Outpost process on every host that names the
/// same server and namespace. See `RedisKeyLayout` for the keys and `RedisScripts` for the atomic
/// writes and listing.
///
/// JS equivalent: the KV service behind `env.NAMESPACE`. Outpost stays strongly consistent: a `put`
/// is visible to every later call on any host. Failures throw `RedisKVError` (fast: within the
/// connect or command timeout, at once while the circuit breaker is open), never a silent `nil`.
public final class RedisKVStorage: KVStorage {
    /// The binding name, for errors, logs and metrics.
    public let binding: String
    /// The server.
    public let endpoint: RedisEndpoint
    /// Timeouts, probe interval and clock.
    public let options: RedisKVOptions
    let layout: RedisKeyLayout
    private let pool: RedisConnectionPool
    private let breaker: CircuitBreaker
    private let metrics: RedisKVMetrics
    private let scriptHashes = Mutex<[String: String]>([:])
    private let executor: StorageExecutor

    /// A store for namespace `namespace` (its `id` or binding name) bound as `binding`, on `endpoint`.
    /// Nothing is sent until the first call. Calls block on the caller's accept thread, or elsewhere
    /// (waitUntil, crons, commands) on one of `threads` dedicated threads, never on the cooperative pool.
    /// Errors and breaker changes are counted in `metrics` (default: the bootstrapped factory).
    public init(
        binding: String, namespace: String, endpoint: RedisEndpoint, options: RedisKVOptions = RedisKVOptions(),
        threads: Int = 4, logger: Logger = Logger(label: "outpost.kv.redis"),
        metrics: (any MetricsFactory)? = nil
    ) {
        self.binding = binding
        self.endpoint = endpoint
        self.options = options
        layout = RedisKeyLayout(namespace: namespace)
        pool = RedisConnectionPool(
            endpoint: endpoint, connectTimeoutMs: options.connectTimeoutMs, commandTimeoutMs: options.commandTimeoutMs)
        breaker = CircuitBreaker(probeIntervalMs: options.probeIntervalMs)
        self.metrics = RedisKVMetrics(
            binding: binding, endpoint: endpoint.description, logger: logger, factory: metrics ?? MetricsSystem.factory)
        executor = StorageExecutor(name: "redis kv \(binding)", threads: threads)
    }

    /// `HMGET` of the entry's value, metadata and expiration: one round trip, no script.
    public func get(_ key: String, now: Int64) async throws -> KVStoredValue? {
        let reply = try await perform("get") { connection throws(RedisConnectionError) in
            try connection.send(entryRead(key))
        }
        return try entry(from: reply, now: now, operation: "get")
    }

    /// One `HMGET` per key, pipelined: one round trip for the whole batch.
    public func get(_ keys: [String], now: Int64) async throws -> [KVStoredValue?] {
        let replies = try await perform("get_bulk") { connection throws(RedisConnectionError) in
            try connection.pipeline(keys.map(entryRead))
        }
        return try replies.map { try entry(from: $0, now: now, operation: "get_bulk") }
    }

    /// The `put` script: value, metadata, expiration and index in one atomic step.
    public func put(_ key: String, value: [UInt8], expiration: Int64?, metadata: String?, now: Int64) async throws {
        var command = RedisCommand()
        command.append(key)
        command.append(value)
        let lifetime = expiration.map { $0.subtractingReportingOverflow(now) }
        if let lifetime, !lifetime.overflow, lifetime.partialValue <= Self.maxRedisLifetimeMs {
            command.append(String(max(1, lifetime.partialValue)))
        } else {
            command.append("")
        }
        command.append(expiration.map(String.init) ?? "")
        command.append(metadata ?? "")
        command.append(metadata == nil ? "0" : "1")
        command.append(layout.entryPrefix)
        _ = try await evaluate(RedisScripts.put, keys: entryKeys(key), command, now: now, operation: "put")
    }

    /// The `delete` script: entry and index members removed in one atomic step.
    public func delete(_ key: String) async throws {
        var command = RedisCommand()
        command.append(key)
        _ = try await evaluate(RedisScripts.delete, keys: entryKeys(key), command, now: 0, operation: "delete")
    }

    /// The `list` script: sweeps expired index members, then reads up to `limit` live keys with
    /// `ZRANGEBYLEX` (bytewise order, literal prefix) and their metadata.
    public func list(prefix: String, startAfter: String?, limit: Int, now: Int64) async throws -> [KVStoredKey] {
        let prefixBytes = Array(prefix.utf8)
        var lower: [UInt8] = Array("[".utf8) + prefixBytes
        if let startAfter, !Array(startAfter.utf8).lexicographicallyPrecedes(prefixBytes) {
            lower = Array("(".utf8) + Array(startAfter.utf8)
        }
        let upper = KVPrefixRange.successor(of: prefixBytes).map { Array("(".utf8) + $0 } ?? Array("+".utf8)
        var command = RedisCommand()
        command.append(layout.entryPrefix)
        command.append(lower)
        command.append(upper)
        command.append(String(limit))
        let keys = [Array(layout.index.utf8), Array(layout.expiry.utf8)]
        let reply = try await evaluate(RedisScripts.list, keys: keys, command, now: now, operation: "list")
        guard let flat = reply.elements, flat.count % 3 == 0 else { throw unexpected(reply, "list") }
        return try stride(from: 0, to: flat.count, by: 3).map { index in
            guard let name = flat[index].bytes, let expiration = flat[index + 2].text else {
                throw unexpected(reply, "list")
            }
            return KVStoredKey(
                name: String(decoding: name, as: UTF8.self), expiration: Int64(expiration),
                metadata: flat[index + 1].text)
        }
    }

    // MARK: internals

    /// A lifetime longer than this (about 100 years) is "practically never": Redis is not asked to expire it.
    static let maxRedisLifetimeMs: Int64 = 100 * 365 * 86_400_000

    private var clockArgument: String { options.clock == .server ? "s" : "c" }

    private func entryRead(_ key: String) -> RedisCommand {
        var command = RedisCommand("HMGET")
        command.append(layout.entry(key))
        command.append("v")
        command.append("m")
        command.append("e")
        return command
    }

    /// The keys `put` and `delete` touch: the entry, the index and the expiry set.
    private func entryKeys(_ key: String) -> [[UInt8]] {
        [layout.entry(key), Array(layout.index.utf8), Array(layout.expiry.utf8)]
    }

    private func entry(from reply: RedisReply, now: Int64, operation: String) throws -> KVStoredValue? {
        if case .error(let message) = reply { throw serverError(message, operation) }
        guard let fields = reply.elements, fields.count == 3 else { throw unexpected(reply, operation) }
        guard let value = fields[0].bytes else { return nil }
        let expiration = fields[2].text.flatMap { Int64($0) }
        if options.clock == .caller, let expiration, expiration <= now { return nil }
        return KVStoredValue(value: value, metadata: fields[1].text, expiration: expiration)
    }

    /// Runs `script` on `keys` with `EVALSHA` (loading it on first use or after `NOSCRIPT`); its ARGV
    /// are the clock, the caller's `now`, then `arguments`.
    private func evaluate(
        _ script: RedisScripts.Script, keys: [[UInt8]], _ arguments: RedisCommand, now: Int64, operation: String
    ) async throws -> RedisReply {
        let reply = try await perform(operation) { connection throws(RedisConnectionError) -> RedisReply in
            var attempt = 0
            while true {
                attempt += 1
                let hash = try scriptHash(script, connection)
                var command = RedisCommand("EVALSHA", hash, String(keys.count))
                for key in keys { command.append(key) }
                command.append(clockArgument)
                command.append(now)
                command.append(contentsOf: arguments)
                let reply = try connection.send(command)
                guard case .error(let message) = reply, message.hasPrefix("NOSCRIPT"), attempt == 1 else {
                    return reply
                }
                scriptHashes.withLock { _ = $0.removeValue(forKey: script.source) }
            }
        }
        if case .error(let message) = reply { throw serverError(message, operation) }
        return reply
    }

    private func scriptHash(_ script: RedisScripts.Script, _ connection: RedisConnection) throws(RedisConnectionError)
        -> String
    {
        if let hash = scriptHashes.withLock({ $0[script.source] }) { return hash }
        let reply = try connection.send(RedisCommand("SCRIPT", "LOAD", script.source))
        guard let hash = reply.text, reply.bytes != nil else {
            throw RedisConnectionError(kind: .protocolError, message: "SCRIPT LOAD answered \(reply)")
        }
        scriptHashes.withLock { $0[script.source] = hash }
        return hash
    }

    /// Runs `body` through the executor (inline on an accept thread, else on a storage thread).
    private func perform<T>(_ operation: String, _ body: (RedisConnection) throws(RedisConnectionError) -> T)
        async throws -> T
    {
        try await executor.run { () throws -> T in try performBlocking(operation, body) }
    }

    /// Runs `body` on a pooled connection behind the circuit breaker; a transport failure discards the
    /// connection (and every idle one), opens the breaker and becomes `RedisKVError.unavailable`. A
    /// reused connection the server had closed is retried once on a fresh one.
    private func performBlocking<T>(
        _ operation: String, _ body: (RedisConnection) throws(RedisConnectionError) -> T
    ) throws -> T {
        if breaker.admit() == .reject {
            let error = RedisKVError(
                binding: binding, endpoint: endpoint.description, reason: .circuitOpen,
                detail: "not sent; the next probe is at most \(options.probeIntervalMs) ms after the last failure")
            metrics.failed(operation, error)
            throw error
        }
        do {
            let result = try withConnection(body)
            if let transition = breaker.succeeded() { metrics.transition(transition, cause: nil) }
            return result
        } catch {
            pool.discardAll()
            let failure = RedisKVError(
                binding: binding, endpoint: endpoint.description, reason: .unavailable, detail: error.description)
            if let transition = breaker.failed() { metrics.transition(transition, cause: error.description) }
            metrics.failed(operation, failure)
            throw failure
        }
    }

    private func withConnection<T>(_ body: (RedisConnection) throws(RedisConnectionError) -> T)
        throws(RedisConnectionError) -> T
    {
        let (box, reused) = try pool.take()
        do {
            let result = try body(box.connection)
            pool.giveBack(box)
            return result
        } catch  where reused && error.kind == .closed {
            pool.discardAll()
            let (fresh, _) = try pool.take()
            let result = try body(fresh.connection)
            pool.giveBack(fresh)
            return result
        }
    }

    private func serverError(_ message: String, _ operation: String) -> RedisKVError {
        let error = RedisKVError(
            binding: binding, endpoint: endpoint.description, reason: .serverError, detail: message)
        metrics.failed(operation, error)
        return error
    }

    private func unexpected(_ reply: RedisReply, _ operation: String) -> RedisKVError {
        let error = RedisKVError(
            binding: binding, endpoint: endpoint.description, reason: .unexpectedReply, detail: "\(reply)")
        metrics.failed(operation, error)
        return error
    }

}
