import CFastCGI
import Glibc
import Synchronization

/// The connections nginx keeps open (`fastcgi_keep_conn on`) in one worker process, parked in one
/// epoll set between requests, so whichever of the process's threads is free serves the next request
/// on any of them (`kept_connections`), instead of one thread pinned to each connection and asleep
/// until that connection's next request.
///
/// Each parked connection has its own libfcgi request state (a slot) and is armed one-shot: the
/// thread the kernel hands it to owns it until it parks it again or closes it. The stop's wake-up
/// (an eventfd) is in the same set, so a waiting thread sees the stop at once.
final class KeptConnectionPool: Sendable {
    /// What a wait found.
    enum Event {
        /// A parked connection has something to read (its next request, or the peer's close); the
        /// caller owns its slot.
        case readable(UnsafeMutablePointer<FCGX_Request>)
        /// The stop's wake-up is readable.
        case wake
        /// Nothing within the wait.
        case timeout
    }

    private let epollFD: Int32
    private let wakeFD: Int32
    /// Slots of the connections parked or being served, as addresses: the most is `capacity`.
    private let slots = Mutex<Set<UInt>>([])
    /// The most connections this pool holds; past it a connection stays with the thread that has it.
    let capacity: Int
    private let stats: FastCGIStats

    /// A pool of at most `capacity` connections whose waits also end when `wakeFD` is readable, counted
    /// in `stats`; `nil` when no epoll set can be made.
    init?(capacity: Int, wakeFD: Int32, stats: FastCGIStats) {
        // Made before any property is set, so a failure returns without running deinit.
        guard let epollFD = Self.epollSet(watching: wakeFD) else { return nil }
        self.epollFD = epollFD
        self.capacity = capacity
        self.stats = stats
        self.wakeFD = wakeFD
    }

    /// A new epoll set holding `wakeFD` (data 0, which no slot has), `nil` when it cannot be made.
    private static func epollSet(watching wakeFD: Int32) -> Int32? {
        let epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { return nil }
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: 0))
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event) == 0 else {
            Glibc.close(epollFD)
            return nil
        }
        return epollFD
    }

    deinit {
        closeAll()
        Glibc.close(epollFD)
    }

    /// Closes every connection left in the pool (once no thread serves from it).
    func closeAll() {
        let left = slots.withLock { slots in
            defer { slots.removeAll() }
            return slots
        }
        for address in left {
            guard let slot = UnsafeMutablePointer<FCGX_Request>(bitPattern: address) else { continue }
            Self.release(slot)
            stats.keptConnectionClosed()
        }
    }

    /// Takes over the connection `request` has kept open after its request finished, parking it until
    /// its next request; `request` is left without a connection. When the pool is full, nothing
    /// changes: the caller keeps the connection.
    func adopt(from request: UnsafeMutablePointer<FCGX_Request>) {
        let fd = request.pointee.ipcFd
        let slot = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        let address = UInt(bitPattern: slot)
        let admitted = slots.withLock { slots in
            guard slots.count < capacity else { return false }
            slots.insert(address)
            return true
        }
        guard admitted else {
            slot.deallocate()
            return
        }
        stats.keptConnectionOpened()
        // No listen socket: should the connection fail, libfcgi's FCGX_Accept_r returns instead of
        // accepting another. `keepConnection` set, or its first FCGX_Finish_r would close the connection.
        FCGX_InitRequest(slot, -1, 0)
        slot.pointee.ipcFd = fd
        slot.pointee.keepConnection = 1
        request.pointee.ipcFd = -1
        var event = Self.armed(slot)
        if epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) != 0 { close(slot) }
    }

    /// Waits up to `timeoutMs` (-1: no limit) for a parked connection to become readable or for the
    /// stop's wake-up.
    func next(timeoutMs: Int32) -> Event {
        var event = epoll_event()
        guard epoll_wait(epollFD, &event, 1, timeoutMs) == 1 else { return .timeout }
        guard let slot = UnsafeMutablePointer<FCGX_Request>(bitPattern: UInt(event.data.u64)) else { return .wake }
        return .readable(slot)
    }

    /// Takes the stop's wake-up out of the set (it stays readable once the stop came): later waits end
    /// for a connection or the timeout only. Idempotent.
    func stopWaking() {
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, wakeFD, nil)
    }

    /// Parks `slot`'s connection again until its next request (closed instead when that fails).
    func park(_ slot: UnsafeMutablePointer<FCGX_Request>) {
        var event = Self.armed(slot)
        if epoll_ctl(epollFD, EPOLL_CTL_MOD, slot.pointee.ipcFd, &event) != 0 { close(slot) }
    }

    /// Closes `slot`'s connection (if it still has one) and frees the slot.
    func close(_ slot: UnsafeMutablePointer<FCGX_Request>) {
        guard slots.withLock({ $0.remove(UInt(bitPattern: slot)) }) != nil else { return }
        Self.release(slot)
        stats.keptConnectionClosed()
    }

    /// Connections parked or being served.
    var count: Int { slots.withLock { $0.count } }

    private static func armed(_ slot: UnsafeMutablePointer<FCGX_Request>) -> epoll_event {
        epoll_event(
            events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, data: epoll_data_t(u64: UInt64(UInt(bitPattern: slot))))
    }

    private static func release(_ slot: UnsafeMutablePointer<FCGX_Request>) {
        RequestFinisher.closeIdle(slot)
        slot.deallocate()
    }
}
