import CHiredis
import Glibc

/// One blocking hiredis connection, used by one thread at a time. Any transport error leaves it
/// unusable (`isBroken`); the pool then frees it instead of reusing it.
///
/// JS equivalent: none.
final class RedisConnection {
    private let context: UnsafeMutablePointer<redisContext>
    private let commandTimeoutMs: Int
    /// Set after a transport error: the connection must not be used again.
    private(set) var isBroken = false

    /// Connects to `endpoint` within `connectTimeoutMs`, sets the command timeout, then sends `AUTH`
    /// and `SELECT` as configured.
    init(endpoint: RedisEndpoint, connectTimeoutMs: Int, commandTimeoutMs: Int) throws(RedisConnectionError) {
        _ = Self.ignoreBrokenPipes
        let connectTimeout = Self.timeval(milliseconds: connectTimeoutMs)
        let opened: UnsafeMutablePointer<redisContext>? =
            switch endpoint.address {
            case .tcp(let host, let port): redisConnectWithTimeout(host, Int32(port), connectTimeout)
            case .unix(let path): redisConnectUnixWithTimeout(path, connectTimeout)
            }
        guard let opened else {
            throw RedisConnectionError(kind: .connect, message: "cannot allocate a hiredis context")
        }
        context = opened
        self.commandTimeoutMs = commandTimeoutMs
        // Every stored property is set: a throw from here on runs `deinit`, which frees the context.
        if opened.pointee.err != 0 {
            let message = Self.errorText(opened)
            throw RedisConnectionError(kind: .connect, message: message)
        }
        guard redisSetTimeout(opened, Self.timeval(milliseconds: commandTimeoutMs)) == REDIS_OK else {
            let message = Self.errorText(opened)
            throw RedisConnectionError(kind: .connect, message: "cannot set the command timeout: \(message)")
        }
        try logIn(endpoint)
    }

    deinit { redisFree(context) }

    /// Sends `command` and waits for its reply (an error reply is returned, not thrown).
    func send(_ command: RedisCommand) throws(RedisConnectionError) -> RedisReply {
        try pipeline([command])[0]
    }

    /// Sends every command in one write and reads their replies in order: one round trip. Commands
    /// carrying more than 1 MiB get 100 ms more per MiB on top of the command timeout (a 25 MiB value
    /// takes Redis a while to copy; the timeout is for a server that does not answer, not a slow one).
    func pipeline(_ commands: [RedisCommand]) throws(RedisConnectionError) -> [RedisReply] {
        guard !isBroken else { throw RedisConnectionError(kind: .closed, message: "connection already failed") }
        let size = commands.reduce(0) { $0 + $1.byteCount }
        if size > Self.largeCommandBytes {
            _ = redisSetTimeout(context, Self.timeval(milliseconds: commandTimeoutMs + size / 10_485))
        }
        defer {
            if size > Self.largeCommandBytes {
                _ = redisSetTimeout(context, Self.timeval(milliseconds: commandTimeoutMs))
            }
        }
        for command in commands {
            let appended = command.withArgv { argc, argv, lengths in
                redisAppendCommandArgv(context, argc, argv, lengths)
            }
            guard appended == REDIS_OK else { throw failure() }
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else { throw failure() }
            let reply = raw.assumingMemoryBound(to: redisReply.self)
            replies.append(Self.convert(reply))
            freeReplyObject(raw)
        }
        return replies
    }

    // MARK: internals

    private static let largeCommandBytes = 1 << 20

    /// hiredis writes with plain `write()`: without this, a write to a server that just died would
    /// kill the process with `SIGPIPE` instead of failing with `EPIPE` (the FastCGI server does the same).
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    private func logIn(_ endpoint: RedisEndpoint) throws(RedisConnectionError) {
        var commands: [RedisCommand] = []
        if let password = endpoint.password { commands.append(RedisCommand("AUTH", password)) }
        if endpoint.database != 0 { commands.append(RedisCommand("SELECT", String(endpoint.database))) }
        guard !commands.isEmpty else { return }
        for reply in try pipeline(commands) {
            if case .error(let message) = reply {
                isBroken = true
                throw RedisConnectionError(kind: .connect, message: message)
            }
        }
    }

    /// Marks the connection broken and describes hiredis's error, classifying timeouts.
    private func failure() -> RedisConnectionError {
        let code = errno
        isBroken = true
        let message = Self.errorText(context)
        switch context.pointee.err {
        case REDIS_ERR_IO where code == EAGAIN || code == EWOULDBLOCK || code == ETIMEDOUT:
            return RedisConnectionError(kind: .timeout, message: message)
        case REDIS_ERR_PROTOCOL: return RedisConnectionError(kind: .protocolError, message: message)
        default: return RedisConnectionError(kind: .closed, message: message)
        }
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { buffer in
            let bytes = buffer.prefix { $0 != 0 }
            return bytes.isEmpty ? "error \(context.pointee.err)" : String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING:
            guard value.len > 0, let str = value.str else { return .string([]) }
            return .string(Array(UnsafeRawBufferPointer(start: str, count: Int(value.len))))
        case REDIS_REPLY_STATUS: return .status(text(value))
        case REDIS_REPLY_ERROR: return .error(text(value))
        case REDIS_REPLY_INTEGER: return .integer(Int64(value.integer))
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(Int(value.elements))
            for index in 0..<Int(value.elements) {
                if let element = value.element[index] {
                    elements.append(convert(element))
                } else {
                    elements.append(.null)
                }
            }
            return .array(elements)
        default: return .null
        }
    }

    private static func text(_ value: redisReply) -> String {
        guard let str = value.str else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: str, count: Int(value.len)), as: UTF8.self)
    }

    private static func timeval(milliseconds: Int) -> Glibc.timeval {
        Glibc.timeval(tv_sec: milliseconds / 1000, tv_usec: __suseconds_t((milliseconds % 1000) * 1000))
    }
}
