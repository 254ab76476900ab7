import CFastCGI
import Dispatch
import Foundation
public import Logging
public import Outpost
import Synchronization

/// Answers one request; errors are the handler's to turn into responses.
public typealias FastCGIHandler = @Sendable (Request) async -> Response

/// A FastCGI responder over libfcgi: N threads each accept a connection, read the request, run the
/// async handler while the thread waits, and write the response (php-fpm's `static` model). With
/// `keptConnections`, a connection nginx keeps then waits in a pool (`KeptConnectionPool`) where N
/// more threads serve whichever kept connection has a request.
public final class FastCGIServer: Sendable {
    private let listenFD: Int32
    private let options: FastCGIServerOptions
    private let logger: Logger
    private let handler: FastCGIHandler
    private let stopping = Atomic<Bool>(false)
    private let drainDeadline = Mutex<ContinuousClock.Instant?>(nil)
    /// How long an idle thread waits in one accept() before it looks at the stop flag again: the
    /// longest an idle thread takes to leave after `stop()`.
    static let acceptWaitMs = 100
    /// How long a stopping server goes on answering requests that come on the connections nginx keeps
    /// — each answer tells nginx to close its connection (`RequestFinisher`) — and waits for nginx to
    /// close the idle ones (the site `nginx-site --keep-conn` writes closes them after 1 s idle) before
    /// it closes those left. A kept connection we close can cross a request nginx is sending on it,
    /// and nginx does not retry a POST it has sent: it answers 502. The drain ends early once nginx
    /// has closed them all.
    static let keptDrainMs = 2500
    private let keptDrainEnd = Mutex<ContinuousClock.Instant?>(nil)
    /// Readable from `stop()` on: wakes every thread waiting on a kept connection or in a backoff pause
    /// (`AcceptWaiter`).
    private let wakeFD: Int32
    /// Whether the listen socket is TCP: each accepted connection then inherits the accept wait's
    /// receive timeout, which is taken off it (`ListenSocket.clearInheritedReceiveTimeout`).
    private let listensOnTCP: Bool
    /// Live counters for the status page.
    public let stats: FastCGIStats

    /// A responder accepting on `listenFD` (an already listening socket).
    public init(
        listenFD: Int32, options: FastCGIServerOptions, logger: Logger, stats: FastCGIStats? = nil,
        handler: @escaping FastCGIHandler
    ) {
        self.listenFD = listenFD
        self.options = options
        self.logger = logger
        self.handler = handler
        self.stats = stats ?? FastCGIStats(threads: options.totalThreads)
        wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        listensOnTCP = ListenSocket.isTCP(listenFD)
        FastCGILibrary.initialize()
    }

    deinit {
        if wakeFD >= 0 { close(wakeFD) }
    }

    /// Serves until `stop()` is called and every in-flight request has finished.
    public func run() {
        // Idle threads wait inside accept(), as php-fpm's children do: one connection wakes one of
        // them, in the order they began to wait, across every worker process. No signal is needed to
        // stop them: accept() gives up after `acceptWaitMs`, and the thread then sees the stop. (Both
        // settings are on the socket all worker processes share; they all accept this way.)
        ListenSocket.waitInAccept(listenFD, timeoutMs: Self.acceptWaitMs)
        let threads = max(1, options.threads)
        let pool = keptConnectionPool()
        let group = DispatchGroup()
        for index in 0..<threads {
            // Accept threads answer each new connection's first request (every request, when nginx
            // keeps no connection); with a pool, as many threads again serve the kept connections.
            start("fastcgi-\(index)", in: group) { $0.acceptLoop(handingKeptConnectionsTo: pool) }
            if let pool { start("fastcgi-kept-\(index)", in: group) { $0.servingLoop(pool) } }
        }
        group.wait()
        pool?.closeAll()
    }

    /// The pool of kept connections `kept_connections` asks for, `nil` without one.
    private func keptConnectionPool() -> KeptConnectionPool? {
        guard options.keptConnections > 0 else { return nil }
        guard let pool = KeptConnectionPool(capacity: options.keptConnections, wakeFD: wakeFD, stats: stats) else {
            logger.error(
                "cannot create the kept connections' epoll set: each kept connection holds a thread",
                metadata: ["errno": "\(errno)"])
            return nil
        }
        return pool
    }

    private func start(_ name: String, in group: DispatchGroup, _ body: @escaping @Sendable (FastCGIServer) -> Void) {
        group.enter()
        let thread = Thread { [self] in
            // This thread runs its request's handler to completion: storage calls block it inline.
            StorageExecutor.allowBlockingOnCurrentThread()
            body(self)
            group.leave()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops accepting; requests in flight finish, idle threads leave (within `acceptWaitMs` for one
    /// waiting in accept(); at once for one waiting on an idle kept-alive connection, which is
    /// closed, as are the idle connections in the pool once its threads have answered what had
    /// already arrived). With `answeringQueued`, connections already waiting in the listen queue are answered
    /// first (until `deadline`): the full stop, where nobody else will take them. A connection a
    /// thread has accepted is always answered. Never touches the listen socket, which other worker
    /// processes share. Safe from any thread.
    public func stop(answeringQueued: Bool = false, deadline: ContinuousClock.Instant? = nil) {
        drainDeadline.withLock { $0 = answeringQueued ? (deadline ?? .now + .seconds(30)) : nil }
        let keptDrain = ContinuousClock.now + .milliseconds(Self.keptDrainMs)
        keptDrainEnd.withLock { $0 = $0 ?? min(keptDrain, deadline ?? keptDrain) }
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var one: UInt64 = 1
        _ = write(wakeFD, &one, MemoryLayout<UInt64>.size)
    }

    /// Whether `stop()` was called.
    public var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Milliseconds left of a stopping server's drain of the kept connections (0 when over or not stopping).
    private func keptDrainRemainingMs() -> Int32 {
        guard let end = keptDrainEnd.withLock({ $0 }) else { return 0 }
        return Int32(clamping: max(0, (end - ContinuousClock.now).milliseconds))
    }

    /// Whether a stopping thread leaves now: always, unless the stop answers the queue and a
    /// connection is still waiting in it (and the deadline has not passed).
    private func shouldLeave() -> Bool {
        guard let deadline = drainDeadline.withLock({ $0 }), ContinuousClock.now < deadline else { return true }
        return !AcceptQueue.hasWaitingConnection(listenFD)
    }

    /// Accepts connections and serves their requests; a connection nginx keeps goes to `pool` after
    /// its first request, if there is one with room (else this thread waits for its next request).
    private func acceptLoop(handingKeptConnectionsTo pool: KeptConnectionPool?) {
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        defer {
            FCGX_Free(request, 1)
            request.deallocate()
        }
        FCGX_InitRequest(request, listenFD, FCGI_FAIL_ACCEPT_ON_INTR)
        let executor = AcceptThreadExecutor()
        let waiter = AcceptWaiter(wakeFD: wakeFD)
        var loop: HandlerLoop?
        defer { loop?.close(cancelling: false) }
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        var backoff = AcceptBackoff()
        while true {
            if request.pointee.ipcFd >= 0 {
                // nginx kept the last request's connection (keep-conn): libfcgi reads the next request
                // from it, so wait here until there is one.
                guard waitForNextRequest(on: request, waiter: waiter) else { continue }
            } else if isStopping, shouldLeave() {
                break
            }
            let isNewConnection = request.pointee.ipcFd < 0
            let accepted = FCGX_Accept_r(request)
            if accepted < 0 {
                // EAGAIN: no connection came within the accept wait. EINTR, or a peer that went away:
                // accept again. Anything else (the socket is unusable) backs off and is logged, so it
                // never spins.
                let code = -accepted
                if code == EAGAIN || code == EWOULDBLOCK {
                    // Normally the accept wait ran out. A process of an older build sharing the socket
                    // may have made it non-blocking again: make it block, or this thread would spin.
                    ListenSocket.keepWaitingInAccept(listenFD, timeoutMs: Self.acceptWaitMs)
                    continue
                }
                if isStopping || code == EINTR || code == ECONNABORTED { continue }
                stats.acceptFailed()
                waiter.pause(milliseconds: backoff.failed(code: code, logger: logger))
                continue
            }
            backoff.succeeded()
            if isNewConnection, listensOnTCP { ListenSocket.clearInheritedReceiveTimeout(request.pointee.ipcFd) }
            let ending = endsKeptConnection(request)
            stats.didAccept()
            serve(request, executor: executor, loop: &loop, scratch: &scratch)
            RequestFinisher.finish(request, endingKeptConnection: ending)
            stats.finished()
            if let pool, request.pointee.ipcFd >= 0, !isStopping { pool.adopt(from: request) }
        }
    }

    /// Waits for the next request on the connection `request` kept; whether there is one to read.
    /// Once stopping, it waits out the kept connections' drain for one (answered, then the connection
    /// is closed) and closes the connection if none came.
    private func waitForNextRequest(on request: UnsafeMutablePointer<FCGX_Request>, waiter: AcceptWaiter) -> Bool {
        let connection = request.pointee.ipcFd
        if !isStopping {
            if waiter.waitForRequest(on: connection) { return true }
            // Interrupted rather than stopped: wait again.
            if !isStopping { return false }
        }
        if waiter.waitForRequest(onlyOn: connection, timeoutMs: keptDrainRemainingMs()) { return true }
        RequestFinisher.closeIdle(request)
        return false
    }

    /// Whether the request just read on `request`'s connection is the last on it: nginx keeps the
    /// connection, but the server is stopping (the answer then tells nginx to close it).
    private func endsKeptConnection(_ request: UnsafeMutablePointer<FCGX_Request>) -> Bool {
        isStopping && request.pointee.keepConnection != 0
    }

    /// Serves the requests of `pool`'s connections; once stopping, those that come within the kept
    /// connections' drain (each connection closed after its answer), until the pool is empty or the
    /// drain is over (`run()` then closes the connections still idle).
    private func servingLoop(_ pool: KeptConnectionPool) {
        let executor = AcceptThreadExecutor()
        var loop: HandlerLoop?
        defer { loop?.close(cancelling: false) }
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var timeoutMs = Int32(Self.acceptWaitMs)
            if isStopping {
                let remaining = keptDrainRemainingMs()
                if remaining == 0 || pool.count == 0 { return }
                timeoutMs = min(timeoutMs, remaining)
            }
            switch pool.next(timeoutMs: timeoutMs) {
            case .readable(let slot): serveParked(slot, from: pool, executor: executor, loop: &loop, scratch: &scratch)
            // Readable from the stop on: out of the set, so the drain waits for the connections alone.
            case .wake: pool.stopWaking()
            case .timeout: continue
            }
        }
    }

    /// Reads and answers the request waiting on `slot`'s connection, then parks the connection again
    /// (closed instead when nginx does not keep it, it failed, or the server is stopping).
    private func serveParked(
        _ slot: UnsafeMutablePointer<FCGX_Request>, from pool: KeptConnectionPool, executor: AcceptThreadExecutor,
        loop: inout HandlerLoop?, scratch: inout [UInt8]
    ) {
        // Reads from the slot's connection (no listen socket: when the peer closed, it fails).
        guard FCGX_Accept_r(slot) >= 0 else {
            pool.close(slot)
            return
        }
        let ending = endsKeptConnection(slot)
        stats.didAccept()
        serve(slot, executor: executor, loop: &loop, scratch: &scratch)
        RequestFinisher.finish(slot, endingKeptConnection: ending)
        stats.finished()
        if slot.pointee.ipcFd >= 0, !isStopping { pool.park(slot) } else { pool.close(slot) }
    }

    private func serve(
        _ raw: UnsafeMutablePointer<FCGX_Request>, executor: AcceptThreadExecutor, loop: inout HandlerLoop?,
        scratch: inout [UInt8]
    ) {
        let started = ContinuousClock.now
        var params = CGIRequestMapper.ParamCollector(colo: options.colo)
        FastCGIParams.forEach(raw.pointee.envp) { params.add(name: $0, value: $1) }
        let head = params.head(trustedProxies: options.trustedProxies)
        let writer = FastCGIWriter(stream: raw.pointee.out)
        let body: [UInt8]
        switch FastCGIBodyReader.read(
            raw.pointee.in, contentLength: head.contentLength, limit: options.maxBodyBytes, scratch: &scratch)
        {
        case .complete(let bytes): body = bytes
        case .tooLarge(let size):
            // The rest of the body is not read: the connection closes after the 413 (no keep-conn).
            raw.pointee.keepConnection = 0
            logger.warning(
                "request body over the limit",
                metadata: ["url": "\(head.urlString)", "bytes": "\(size)", "limit": "\(options.maxBodyBytes)"])
            writer.write(
                Response.error(413, "Request body is larger than the limit of \(options.maxBodyBytes) bytes.\n"),
                head: head.method == "HEAD")
            stats.record(status: 413, duration: ContinuousClock.now - started)
            return
        }
        let request = head.request(body: body)
        let response = respond(to: request, on: executor, loop: &loop)
        var status = response.status
        do {
            try writer.send(response, isHead: head.method == "HEAD", executor: executor, logger: logger)
        } catch {
            logger.error("cannot send the response", metadata: ["url": "\(head.urlString)", "error": "\(error)"])
            writer.write(Response.error(500), head: head.method == "HEAD")
            status = 500
        }
        let elapsed = ContinuousClock.now - started
        stats.record(status: status, duration: elapsed)
        if options.slowlogMs > 0, elapsed > .milliseconds(options.slowlogMs) {
            stats.slow()
            logger.warning(
                "slow request",
                metadata: ["method": "\(head.method)", "url": "\(head.urlString)", "ms": "\(elapsed.milliseconds)"])
        }
    }

    /// Runs the async handler on this thread (in `loop`'s task, which prefers the thread's executor;
    /// started when there is none), bounded by the request timeout.
    private func respond(to request: Request, on executor: AcceptThreadExecutor, loop: inout HandlerLoop?)
        -> Response
    {
        let pending = PendingResponse()
        let handler = self.handler
        let deadline =
            options.requestTimeoutMs > 0 ? Date().addingTimeInterval(Double(options.requestTimeoutMs) / 1000) : nil
        var current = loop
        let answered = executor.drive(
            start: {
                let running = current ?? HandlerLoop(handler: handler, executor: executor)
                current = running
                running.deliver(request, to: pending)
            }, until: { pending.isSettled }, deadline: deadline)
        loop = current
        if answered, let response = pending.take() {
            return response
        }
        pending.abandon()
        // The timed-out handler keeps its task until it returns; the next request gets a new one.
        loop?.close(cancelling: true)
        loop = nil
        stats.timedOut()
        logger.error(
            "request timed out",
            metadata: [
                "method": "\(request.method)", "url": "\(request.urlString)",
                "timeout_ms": "\(options.requestTimeoutMs)",
            ])
        return Response.error(504, "The worker did not answer within \(options.requestTimeoutMs) ms.\n")
    }
}
